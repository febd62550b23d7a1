/** Opens the configured store as a problem-set library: no model key needed, no engine started. */
import { resolve } from 'node:path';
import { createStore, loadConfig, LOCAL_SPACE, ProblemSetLibrary, scopedStore, scopeOf } from '../../../src/index.ts';
import type { CliIo } from '../command.ts';

/** A library over the configured store, and how to let the store go. */
export interface OpenLibrary {
  /** The problem sets in the configured store. */
  readonly library: ProblemSetLibrary;
  /** Closes the store. */
  close(): Promise<void>;
}

/** Opens the terminal's space in the store that STEPWISE_STORE / STEPWISE_DATA_DIR / STEPWISE_REDIS_URL name. */
export async function openLibrary(io: CliIo): Promise<OpenLibrary> {
  const config = loadConfig(io.env);
  const store = await createStore({ kind: config.store, dataDir: resolve(io.cwd, config.dataDir), redisUrl: config.redisUrl });
  // The same space `stepwise practice` and `stepwise report` use.
  return { library: new ProblemSetLibrary(scopedStore(store, scopeOf(LOCAL_SPACE))), close: () => store.close() };
}

/** Runs `use` with an open library and always closes it. */
export async function withLibrary(io: CliIo, use: (library: ProblemSetLibrary) => Promise<number>): Promise<number> {
  const opened = await openLibrary(io);
  try {
    return await use(opened.library);
  } finally {
    await opened.close();
  }
}
