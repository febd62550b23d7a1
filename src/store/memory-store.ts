/** An in-process Store for tests and one-off commands: nothing is written to disk. */
import Keyv from 'keyv';
import { KeyvStore } from './keyv-store.ts';
import type { Store, Versioned } from './store.ts';

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
  return new KeyvStore(keyv, swap);
}
