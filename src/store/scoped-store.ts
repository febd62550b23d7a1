/** A view of a Store in which every key is prefixed: one class's records never meet another's. */
import type { Store, Versioned } from './store.ts';

/** The records of one scope (e.g. one Discord server) inside a shared store. */
export function scopedStore(store: Store, scope: string): Store {
  const key = (name: string) => `${scope}/${name}`;
  return {
    get: <T>(name: string) => store.get<T>(key(name)),
    set: <T>(name: string, value: T, ttlMs?: number) => store.set(key(name), value, ttlMs),
    swap: <T extends Versioned>(name: string, expectedVersion: number, value: T) => store.swap(key(name), expectedVersion, value),
    delete: (name: string) => store.delete(key(name)),
    addMember: (name: string, member: string) => store.addMember(key(name), member),
    removeMember: (name: string, member: string) => store.removeMember(key(name), member),
    members: (name: string, newest?: number) => store.members(key(name), newest),
    // The underlying store belongs to whoever opened it.
    close: async () => {},
  };
}
