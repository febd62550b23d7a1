import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createStore, ProblemSetError, ProblemSetLibrary, type Store } from '../../src/index.ts';

const setText = (title: string, ids: readonly string[]) =>
  `# ${title}\nid: week-1\ntitle: ${title}\npolicy:\n  maxHints: 2\nproblems:\n${ids.map((id) => `  - id: ${id}\n    statement: Problem ${id} of ${title}\n    answer: 1\n`).join('')}`;

const dataDir = mkdtempSync(join(tmpdir(), 'stepwise-problemsets-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const backends: Record<string, () => Promise<Store>> = {
  memory: () => createStore({ kind: 'memory', dataDir }),
  sqlite: () => createStore({ kind: 'sqlite', dataDir: join(dataDir, String(Math.random())) }),
  redis: async () => {
    const store = await createStore({ kind: 'redis', dataDir, redisUrl: inject('redisUrl') });
    for (const key of ['problemsets:index', 'problemset:week-1', 'problemset:week-2']) await store.delete(key);
    return store;
  },
};

describe.each(Object.entries(backends))('ProblemSetLibrary on the %s store', (_name, open) => {
  it('round-trips save, list, get, export and remove, exporting the original text byte for byte', async () => {
    const store = await open();
    try {
      const library = new ProblemSetLibrary(store, () => new Date('2026-01-05T09:00:00Z'));
      const text = setText('Week one', ['a', 'b']);
      const saved = await library.save(text, 'ms-rivera');
      expect(saved).toMatchObject({ replaced: false, added: ['a', 'b'], removed: [], kept: [] });
      expect(await library.list()).toEqual([{ id: 'week-1', title: 'Week one', problemCount: 2, uploadedBy: 'ms-rivera', uploadedAt: '2026-01-05T09:00:00.000Z', version: 1 }]);
      expect((await library.get('week-1'))?.problemIds).toEqual(['a', 'b']);
      expect(await library.export('week-1')).toBe(text);
      const found = await library.problem('week-1', 'b');
      expect(found?.problem.statement).toBe('Problem b of Week one');
      expect(found?.policy).toMatchObject({ maxHints: 2, answer: { when: 'after-solved' } });
      expect(await library.problem('week-1', 'zzz')).toBeUndefined();
      expect(await library.remove('week-1')).toBe(true);
      expect(await library.remove('week-1')).toBe(false);
      expect(await library.list()).toEqual([]);
      expect(await library.export('week-1')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('replaces a set with the same id and reports which problem ids were added, removed and kept', async () => {
    const store = await open();
    try {
      const library = new ProblemSetLibrary(store);
      await library.save(setText('First', ['a', 'b', 'c']), 'ms-rivera');
      const second = await library.save(setText('Second', ['a', 'c', 'd']), 'mr-okafor');
      expect(second).toMatchObject({ replaced: true, added: ['d'], removed: ['b'], kept: ['a', 'c'] });
      expect(second.set).toMatchObject({ title: 'Second', version: 2, problemIds: ['a', 'c', 'd'], uploadedBy: 'mr-okafor' });
      expect((await library.list()).map((set) => set.id)).toEqual(['week-1']);
    } finally {
      await store.close();
    }
  });

  it('leaves exactly one complete version when the same id is uploaded many times at once', async () => {
    const store = await open();
    try {
      const library = new ProblemSetLibrary(store);
      const versions = Array.from({ length: 8 }, (_, index) => setText(`Version ${index}`, Array.from({ length: index + 1 }, (_, problem) => `p${problem}`)));
      await Promise.all(versions.map((text) => library.save(text, 'ms-rivera')));
      const stored = await library.get('week-1');
      const index = versions.indexOf(stored?.source ?? '');
      expect(index).toBeGreaterThanOrEqual(0);
      expect(stored?.title).toBe(`Version ${index}`);
      expect(stored?.problemIds).toHaveLength(index + 1);
      expect(stored?.problems.every((problem) => problem.statement.endsWith(`of Version ${index}`))).toBe(true);
      expect(stored?.version).toBe(versions.length);
      expect(await library.list()).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('leaves the stored set untouched when a new upload fails validation', async () => {
    const store = await open();
    try {
      const library = new ProblemSetLibrary(store);
      const good = setText('Good', ['a']);
      await library.save(good, 'ms-rivera');
      const broken = good.replace('answer: 1', 'anwser: 1');
      await expect(library.save(broken, 'ms-rivera')).rejects.toBeInstanceOf(ProblemSetError);
      expect(await library.get('week-1')).toMatchObject({ source: good, version: 1 });
    } finally {
      await store.close();
    }
  });

  it('lists several sets by id', async () => {
    const store = await open();
    try {
      const library = new ProblemSetLibrary(store);
      await library.save(setText('Two', ['x']).replace('id: week-1', 'id: week-2'), 'ms-rivera');
      await library.save(setText('One', ['y']), 'ms-rivera');
      expect((await library.list()).map((set) => [set.id, set.title])).toEqual([['week-1', 'One'], ['week-2', 'Two']]);
    } finally {
      await store.close();
    }
  });
});
