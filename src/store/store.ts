/** Where Stepwise keeps sessions, ladders and everything else that must survive a restart. */

/** A record that can be replaced atomically: each write bumps `version`. */
export interface Versioned {
  /** Starts at 1 when created; a successful swap stores `version + 1`. */
  readonly version: number;
}

/** Key-value storage with one atomic primitive, in the engine's own words. */
export interface Store {
  /** The value at `key`, or undefined when there is none (or it expired). */
  get<T>(key: string): Promise<T | undefined>;
  /** Writes `value` at `key` unconditionally, expiring after `ttlMs` when given. */
  set<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  /**
   * Writes `value` only if the record at `key` still has `expectedVersion`
   * (0 means "only if there is no record yet"). Resolves true when written.
   */
  swap<T extends Versioned>(key: string, expectedVersion: number, value: T): Promise<boolean>;
  /** Removes `key`; true if something was there. */
  delete(key: string): Promise<boolean>;
  /** Releases connections and files. */
  close(): Promise<void>;
}

const MAX_SWAP_TRIES = 20;

/**
 * Read-modify-write of one versioned record under contention: `change` gets the current value
 * (undefined if absent) and returns the next one, or undefined to leave it as it is.
 */
export async function updateRecord<T extends Versioned>(
  store: Store,
  key: string,
  change: (current: T | undefined) => T | undefined,
): Promise<T | undefined> {
  for (let tries = 0; tries < MAX_SWAP_TRIES; tries++) {
    const current = await store.get<T>(key);
    const next = change(current);
    if (next === undefined) return current;
    const expected = current?.version ?? 0;
    const written = { ...next, version: expected + 1 };
    if (await store.swap(key, expected, written)) return written;
  }
  throw new Error(`Gave up updating ${key} after ${MAX_SWAP_TRIES} conflicting writes`);
}
