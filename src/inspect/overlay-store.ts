/** A store that reads through to another and keeps its own writes in memory: trials never write to the shared store. */
import { createMemoryStore } from '../store/memory-store.ts';
import type { Store, Versioned } from '../store/store.ts';

/** Reads fall through to `base` unless this overlay has written the key; writes and deletes stay here. */
export function overlayStore(base: Store): Store {
  const own = createMemoryStore();
  const deleted = new Set<string>();
  return {
    async get<T>(key: string) {
      if (deleted.has(key)) return undefined;
      return (await own.get<T>(key)) ?? base.get<T>(key);
    },
    async set<T>(key: string, value: T, ttlMs?: number) {
      deleted.delete(key);
      await own.set(key, value, ttlMs);
    },
    async swap<T extends Versioned>(key: string, expectedVersion: number, value: T) {
      const current = await this.get<T>(key);
      if ((current?.version ?? 0) !== expectedVersion) return false;
      await this.set(key, value);
      return true;
    },
    async delete(key: string) {
      const existed = (await this.get(key)) !== undefined;
      deleted.add(key);
      await own.delete(key);
      return existed;
    },
    // The base belongs to whoever opened it.
    close: () => own.close(),
  };
}
