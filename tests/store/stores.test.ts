import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createMemoryStore, createStore, SQLITE_FILE_NAME } from '../../src/index.ts';
import { createRedisStore } from '../../src/store/redis-store.ts';
import { describeStoreContract } from '../contracts/store.contract.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'stepwise-store-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
let sqliteRuns = 0;
let redisRuns = 0;

describeStoreContract('memory', async () => createMemoryStore());
describeStoreContract('sqlite file', async () => createStore({ kind: 'sqlite', dataDir: join(dataDir, `contract-${sqliteRuns++}`) }));
describeStoreContract('redis', async () => {
  const store = await createRedisStore(inject('redisUrl'));
  // Each test starts from an empty namespace on the shared server.
  for (const key of ['greeting', 'record', 'race', 'counter']) await store.delete(key);
  for (const list of ['class-list', 'ordered']) for (const member of await store.members(list)) await store.removeMember(list, member);
  redisRuns++;
  return store;
});

describe('durable stores', () => {
  it('keep what was written across a close and reopen (a bot restart)', async () => {
    const directory = join(dataDir, 'restart');
    const first = await createStore({ kind: 'sqlite', dataDir: directory });
    await first.swap('session:abc', 0, { version: 1, revealed: 2 });
    await first.close();
    const second = await createStore({ kind: 'sqlite', dataDir: directory });
    expect(await second.get('session:abc')).toEqual({ version: 1, revealed: 2 });
    await second.close();
    expect(SQLITE_FILE_NAME).toBe('stepwise.sqlite');
  });

  it('let two SQLite connections race on the same file without a double win', async () => {
    const directory = join(dataDir, 'two-connections');
    const [one, two] = await Promise.all([createStore({ kind: 'sqlite', dataDir: directory }), createStore({ kind: 'sqlite', dataDir: directory })]);
    const keys = Array.from({ length: 100 }, (_, index) => `session:${index}`);
    await Promise.all(keys.map((key) => one.swap(key, 0, { version: 1, revealed: 0 })));
    const wins = await Promise.all(keys.flatMap((key) => [one.swap(key, 1, { version: 2, revealed: 1 }), two.swap(key, 1, { version: 2, revealed: 1 })]));
    expect(wins.filter(Boolean)).toHaveLength(keys.length);
    await Promise.all([one.close(), two.close()]);
  });

  it('let two Redis clients race without a double win', async () => {
    const [one, two] = await Promise.all([createRedisStore(inject('redisUrl')), createRedisStore(inject('redisUrl'))]);
    const keys = Array.from({ length: 100 }, (_, index) => `race-session:${redisRuns}:${index}`);
    await Promise.all(keys.map((key) => one.swap(key, 0, { version: 1, revealed: 0 })));
    const wins = await Promise.all(keys.flatMap((key) => [one.swap(key, 1, { version: 2, revealed: 1 }), two.swap(key, 1, { version: 2, revealed: 1 })]));
    expect(wins.filter(Boolean)).toHaveLength(keys.length);
    await Promise.all([...keys.map((key) => one.delete(key)), two.close()]);
    await one.close();
  });
});
