/** The behaviour every Store must have, run against each implementation. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateRecord, type Store } from '../../src/index.ts';

interface Counter { version: number; count: number }

/** Registers the contract suite for a store made by `open` (called fresh for each test). */
export function describeStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`${name} store contract`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('returns undefined for a missing key and round-trips values', async () => {
      expect(await store.get('missing')).toBeUndefined();
      await store.set('greeting', { text: 'hi', list: [1, 2] });
      expect(await store.get('greeting')).toEqual({ text: 'hi', list: [1, 2] });
      expect(await store.delete('greeting')).toBe(true);
      expect(await store.get('greeting')).toBeUndefined();
    });

    it('creates with swap(0) only when nothing is there', async () => {
      expect(await store.swap('record', 0, { version: 1, owner: 'a' })).toBe(true);
      expect(await store.swap('record', 0, { version: 1, owner: 'b' })).toBe(false);
      expect(await store.get('record')).toEqual({ version: 1, owner: 'a' });
    });

    it('replaces only when the stored version is the one expected', async () => {
      await store.swap('record', 0, { version: 1, step: 0 });
      expect(await store.swap('record', 2, { version: 3, step: 9 })).toBe(false);
      expect(await store.swap('record', 1, { version: 2, step: 1 })).toBe(true);
      expect(await store.swap('record', 1, { version: 2, step: 2 })).toBe(false);
      expect(await store.get('record')).toEqual({ version: 2, step: 1 });
    });

    it('lets exactly one of many simultaneous swaps from the same version win', async () => {
      await store.swap('race', 0, { version: 1, winner: 'none' });
      const results = await Promise.all(Array.from({ length: 30 }, (_, index) => store.swap('race', 1, { version: 2, winner: String(index) })));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.get('race')).toMatchObject({ version: 2 });
    });

    it('loses no update when many writers update one record at once', async () => {
      await Promise.all(Array.from({ length: 15 }, () =>
        updateRecord<Counter>(store, 'counter', (current) => ({ version: current?.version ?? 0, count: (current?.count ?? 0) + 1 }))));
      expect(await store.get<Counter>('counter')).toMatchObject({ count: 15, version: 15 });
    });

    it('keeps every member when a whole class adds itself to one list at once', async () => {
      const ids = Array.from({ length: 200 }, (_, index) => `student-${index}`);
      await Promise.all(ids.map((id) => store.addMember('class-list', id)));
      const listed = await store.members('class-list');
      expect(listed).toHaveLength(200);
      expect(new Set(listed)).toEqual(new Set(ids));
    });

    it('lists members in the order first added, once each, newest last', async () => {
      for (const member of ['a', 'b', 'c', 'b', 'd']) await store.addMember('ordered', member);
      expect(await store.members('ordered')).toEqual(['a', 'b', 'c', 'd']);
      expect(await store.members('ordered', 2)).toEqual(['c', 'd']);
      expect(await store.members('ordered', 0)).toEqual([]);
      expect(await store.removeMember('ordered', 'b')).toBe(true);
      expect(await store.removeMember('ordered', 'b')).toBe(false);
      expect(await store.members('ordered')).toEqual(['a', 'c', 'd']);
      expect(await store.members('nobody')).toEqual([]);
    });
  });
}
