/** An in-process Store for tests and one-off commands: nothing is written to disk. */
import Keyv from 'keyv';
import { KeyvStore } from './keyv-store.ts';
import type { MemberLists, Store, Versioned } from './store.ts';

/** Creates a Store that lives in this process's memory. */
export function createMemoryStore(): Store {
  const keyv = new Keyv({ namespace: 'stepwise' });
  // One queue for all swaps: each compare-and-write finishes before the next starts.
  let queue: Promise<unknown> = Promise.resolve();
  const swap = (key: string, expectedVersion: number, value: Versioned): Promise<boolean> => {
    const run = queue.then(async () => {
      const current = await keyv.get<Versioned>(key);
      if ((current?.version ?? 0) !== expectedVersion) return false;
      await keyv.set(key, value);
      return true;
    });
    queue = run.catch(() => undefined);
    return run;
  };
  const lists = new Map<string, Set<string>>();
  const memberLists: MemberLists = {
    add: async (key, member) => {
      lists.set(key, (lists.get(key) ?? new Set()).add(member));
    },
    remove: async (key, member) => lists.get(key)?.delete(member) ?? false,
    list: async (key, newest) => {
      const all = [...(lists.get(key) ?? [])];
      return newest === undefined ? all : all.slice(Math.max(all.length - newest, 0));
    },
  };
  return new KeyvStore(keyv, swap, memberLists);
}
