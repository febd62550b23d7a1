/** The embedded default: a keyv table in one SQLite file (WAL), with swap done in SQL. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Keyv from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import { KeyvStore } from './keyv-store.ts';
import type { MemberLists, Store, Versioned } from './store.ts';

const NAMESPACE = 'stepwise';
const BUSY_TIMEOUT_MS = 5_000;
const MEMBERS_TABLE = 'stepwise_members';

/** Opens (creating if needed) the SQLite file at `path` as a Store. */
export async function createSqliteStore(path: string): Promise<Store> {
  mkdirSync(dirname(path), { recursive: true });
  const adapter = new KeyvSqlite({ uri: `sqlite://${path}`, busyTimeout: BUSY_TIMEOUT_MS });
  await adapter.query('PRAGMA journal_mode=WAL');
  await adapter.query('PRAGMA synchronous=NORMAL');
  const keyv = new Keyv({ store: adapter, namespace: NAMESPACE });
  const table = adapter.opts.table;

  // keyv stores `{"value": <record>, "expires": ...}` as JSON text under `<namespace>:<key>`;
  // the contract tests pin that format, so a keyv upgrade that changes it fails loudly.
  const swap = async (key: string, expectedVersion: number, value: Versioned): Promise<boolean> => {
    const rowKey = `${NAMESPACE}:${key}`;
    const text = JSON.stringify({ value, expires: null });
    const rows: unknown[] =
      expectedVersion === 0
        ? await adapter.query(
            `INSERT INTO ${table}(key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING RETURNING key`,
            rowKey,
            text,
          )
        : await adapter.query(
            `UPDATE ${table} SET value = ? WHERE key = ? AND json_extract(value, '$.value.version') = ? RETURNING key`,
            text,
            rowKey,
            expectedVersion,
          );
    return rows.length === 1;
  };
  // Member lists: one row per member, so a class adding itself to one list never conflicts.
  await adapter.query(
    `CREATE TABLE IF NOT EXISTS ${MEMBERS_TABLE}(seq INTEGER PRIMARY KEY AUTOINCREMENT, list TEXT NOT NULL, member TEXT NOT NULL, UNIQUE(list, member))`,
  );
  const listKey = (key: string) => `${NAMESPACE}:${key}`;
  const lists: MemberLists = {
    add: async (key, member) => {
      await adapter.query(`INSERT INTO ${MEMBERS_TABLE}(list, member) VALUES (?, ?) ON CONFLICT(list, member) DO NOTHING`, listKey(key), member);
    },
    remove: async (key, member) => {
      const rows: unknown[] = await adapter.query(`DELETE FROM ${MEMBERS_TABLE} WHERE list = ? AND member = ? RETURNING seq`, listKey(key), member);
      return rows.length > 0;
    },
    list: async (key, newest) => {
      const rows = (await adapter.query(
        `SELECT member FROM (SELECT member, seq FROM ${MEMBERS_TABLE} WHERE list = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq`,
        listKey(key),
        newest ?? -1,
      )) as { member: string }[];
      return rows.map((row) => row.member);
    },
  };
  return new KeyvStore(keyv, swap, lists, () => adapter.disconnect());
}
