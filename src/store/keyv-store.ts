/** The Store interface over a keyv instance, with the atomic swap supplied per backend. */
import type Keyv from 'keyv';
import type { MemberLists, Store, Versioned } from './store.ts';

/** Performs the one operation keyv cannot: replace a record only if its version is unchanged. */
export type SwapFunction = (key: string, expectedVersion: number, value: Versioned) => Promise<boolean>;

/** A Store backed by any keyv adapter (SQLite, Redis, in-memory). */
export class KeyvStore implements Store {
  constructor(
    private readonly keyv: Keyv,
    private readonly swapRecord: SwapFunction,
    private readonly lists: MemberLists,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    return (await this.keyv.get<T>(key)) ?? undefined;
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    await this.keyv.set(key, value, ttlMs);
  }

  swap<T extends Versioned>(key: string, expectedVersion: number, value: T): Promise<boolean> {
    return this.swapRecord(key, expectedVersion, value);
  }

  async delete(key: string): Promise<boolean> {
    return this.keyv.delete(key);
  }

  addMember(key: string, member: string): Promise<void> {
    return this.lists.add(key, member);
  }

  removeMember(key: string, member: string): Promise<boolean> {
    return this.lists.remove(key, member);
  }

  async members(key: string, newest?: number): Promise<string[]> {
    if (newest !== undefined && newest <= 0) return [];
    return this.lists.list(key, newest);
  }

  async close(): Promise<void> {
    await this.onClose();
  }
}
