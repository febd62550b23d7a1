/** A store that reads through to another and keeps its own writes in memory: trials never write to the shared store. */
import { createMemoryStore } from '../store/memory-store.ts';
import type { Store, Versioned } from '../store/store.ts';

/** Reads fall through to `base` unless this overlay has written the key; writes and deletes stay here. */
export function overlayStore(base: Store): Store {
  const own = createMemoryStore();
  const deleted = new Set<string>();
  /** `key\u0000member` for members removed here from a list the base holds. */
  const removedMembers = new Set<string>();
  const members = async (key: string) => {
    const listed = [...(await base.members(key)), ...(await own.members(key))];
    return [...new Set(listed)].filter((member) => !removedMembers.has(`${key}\u0000${member}`));
  };
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
    async addMember(key: string, member: string) {
      removedMembers.delete(`${key}\u0000${member}`);
      await own.addMember(key, member);
    },
    async removeMember(key: string, member: string) {
      const existed = (await members(key)).includes(member);
      removedMembers.add(`${key}\u0000${member}`);
      await own.removeMember(key, member);
      return existed;
    },
    async members(key: string, newest?: number) {
      const listed = await members(key);
      return newest === undefined ? listed : listed.slice(-newest);
    },
    // The base belongs to whoever opened it.
    close: () => own.close(),
  };
}
