/** Picks the store the configuration asks for. */
import { join } from 'node:path';
import { createMemoryStore } from './memory-store.ts';
import { createRedisStore } from './redis-store.ts';
import { createSqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

/** Which backend to use and where its data lives. */
export interface StoreConfig {
  /** `sqlite` (a file under dataDir), `redis` (shared by several processes) or `memory`. */
  readonly kind: 'sqlite' | 'redis' | 'memory';
  /** Folder that holds `stepwise.sqlite`. */
  readonly dataDir: string;
  /** Redis connection URL, required when kind is `redis`. */
  readonly redisUrl?: string;
}

export const SQLITE_FILE_NAME = 'stepwise.sqlite';

/** Opens the configured store. */
export async function createStore(config: StoreConfig): Promise<Store> {
  switch (config.kind) {
    case 'memory':
      return createMemoryStore();
    case 'redis':
      if (!config.redisUrl) throw new Error('STEPWISE_REDIS_URL is required when STEPWISE_STORE=redis');
      return createRedisStore(config.redisUrl);
    case 'sqlite':
      return createSqliteStore(join(config.dataDir, SQLITE_FILE_NAME));
  }
}
