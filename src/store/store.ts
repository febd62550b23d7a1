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
  /**
   * Adds `member` to the list at `key` unless it is already there. Each member is its own row,
   * so any number of writers add to one list at once without conflicting or retrying.
   */
  addMember(key: string, member: string): Promise<void>;
  /** Removes `member` from the list at `key`; true if it was there. */
  removeMember(key: string, member: string): Promise<boolean>;
  /** The list at `key` in the order members were first added; with `newest`, only the last `newest` of them. */
  members(key: string, newest?: number): Promise<string[]>;
  /** Releases connections and files. */
  close(): Promise<void>;
}

/** How long updateRecord keeps trying under contention before it gives up. */
const UPDATE_DEADLINE_MS = 10_000;
const FIRST_BACKOFF_MS = 2;
const MAX_BACKOFF_MS = 250;

/** The adds, removals and listings of many-member lists, as a Store implementation provides them. */
export interface MemberLists {
  /** See Store.addMember. */
  add(key: string, member: string): Promise<void>;
  /** See Store.removeMember. */
  remove(key: string, member: string): Promise<boolean>;
  /** See Store.members. */
  list(key: string, newest?: number): Promise<string[]>;
}

/**
 * Read-modify-write of one versioned record under contention: `change` gets the current value
 * (undefined if absent) and returns the next one, or undefined to leave it as it is. Conflicts
 * back off with jitter; it gives up only after UPDATE_DEADLINE_MS, not after a number of tries a
 * busy record could exceed. Records a whole class writes at once belong in member lists instead.
 */
export async function updateRecord<T extends Versioned>(
  store: Store,
  key: string,
  change: (current: T | undefined) => T | undefined,
): Promise<T | undefined> {
  const deadline = Date.now() + UPDATE_DEADLINE_MS;
  for (let attempt = 0; ; attempt++) {
    const current = await store.get<T>(key);
    const next = change(current);
    if (next === undefined) return current;
    const expected = current?.version ?? 0;
    const written = { ...next, version: expected + 1 };
    if (await store.swap(key, expected, written)) return written;
    if (Date.now() >= deadline) break;
    // Full jitter: writers that collided spread out instead of colliding again in step.
    const ceiling = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempt);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
  }
  throw new Error(`Gave up updating ${key}: other writers kept changing it for ${UPDATE_DEADLINE_MS / 1000} s`);
}
