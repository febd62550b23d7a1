/** The embedded default: a keyv table in one SQLite file (WAL), with swap done in SQL. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Keyv from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import { KeyvStore } from './keyv-store.ts';
import type { Store, Versioned } from './store.ts';

const NAMESPACE = 'stepwise';
const BUSY_TIMEOUT_MS = 5_000;

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
  return new KeyvStore(keyv, swap, () => adapter.disconnect());
}
