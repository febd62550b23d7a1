/** Opens the engine for a CLI command: the configured model, or demo mode's replay server. */
import { userInfo } from 'node:os';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import {
  createLogger, createReasoningModel, loadConfig, ModelError, openStepwise, priceBook, PROVIDER_PROFILES,
  type Actor, type Config, type Logger, type ModelEvent, type ReasoningModel, type Stepwise,
} from '../../src/index.ts';
import type { CliIo } from './command.ts';
import { DEMO_MODEL, demoModel, loadRecordings, startDemoServer, type Recording } from './demo/demo-server.ts';
import { ensureDataDirectory, storeOpenError } from './path-errors.ts';

/** The engine as a CLI command sees it. */
export interface CliEngine {
  /** The running engine. */
  readonly stepwise: Stepwise;
  /** The configuration in force (demo mode swaps in the replay server). */
  readonly config: Config;
  /** The recorded problems when in demo mode; undefined with a live model. */
  readonly demo?: readonly Recording[];
  /** The person at the terminal. */
  readonly user: Actor;
  /** Where the operator's log is written (stderr when STEPWISE_LOG_LEVEL is set). */
  readonly logPath: string;
  /** Stops the engine (and the demo server). */
  close(): Promise<void>;
}

/** The line shown when there is no key: what to set, and that demo mode is starting. */
export const NO_KEY_NOTICE =
  'No model key set: set STEPWISE_MODEL_API_KEY (or DEEPSEEK_API_KEY) to use DeepSeek R1. Starting demo mode.';

/** How a command opens the engine. */
export interface OpenOptions {
  /** Print NO_KEY_NOTICE when there is no key (default true); commands that call no model pass false. */
  readonly announceDemo?: boolean;
}

/** Opens the engine; `wantsDemo` forces demo mode even when a key is set. */
export async function openCliEngine(io: CliIo, wantsDemo: boolean, options: OpenOptions = {}): Promise<CliEngine> {
  const loaded = loadConfig(io.env);
  const base = { ...loaded, dataDir: resolve(io.cwd, loaded.dataDir) };
  // The operator's log goes to a file beside the data unless a level is asked for explicitly:
  // JSON lines in the middle of a tutoring conversation help nobody at the keyboard.
  ensureDataDirectory(base.dataDir);
  const logPath = join(base.dataDir, LOG_FILE_NAME);
  const logOutput = io.env.STEPWISE_LOG_LEVEL ? io.stderr : openLogFile(logPath);
  const logger = withTerminalNotices(createLogger(logOutput, io.env.STEPWISE_LOG_LEVEL ? base.logLevel : 'warn', [base.apiKey]), io.stderr);
  const user: Actor = { platform: 'cli', userId: io.env.USER ?? safeUserName(), name: io.env.USER ?? safeUserName() };
  if (base.apiKey && !wantsDemo) {
    const stepwise = await openStore(() => openStepwise(base, logger), base);
    return { stepwise, config: base, user, logPath, close: () => stepwise.close() };
  }
  if (!base.apiKey && !wantsDemo && options.announceDemo !== false) io.stderr.write(`${NO_KEY_NOTICE}\n`);
  const recordings = loadRecordings();
  const server = await startDemoServer(recordings);
  const config = demoConfig(base, server.url);
  const stepwise = await openStore(() => openStepwise(config, logger, { model: demoModel(createReasoningModel(config, logger), recordings), replyModel: DEMO_REPLY_MODEL }), config)
    .catch(async (error: unknown) => {
      await server.close();
      throw error;
    });
  return {
    stepwise,
    config,
    demo: recordings,
    user,
    logPath,
    close: async () => {
      await stepwise.close();
      await server.close();
    },
  };
}

const LOG_FILE_NAME = 'stepwise.log';

/** Demo mode replays recorded solves; it has no model to answer questions, and says so. */
const DEMO_REPLY_MODEL: ReasoningModel = {
  id: 'demo-replies',
  // eslint-disable-next-line require-yield
  async *solve(): AsyncIterable<ModelEvent> {
    throw new ModelError('demo mode has no reply model', 'Demo mode replays recorded solves only, so the tutor cannot answer questions here (set STEPWISE_MODEL_API_KEY to talk to it).', false);
  },
};
/** The model whose prices demo mode quotes: what the same solves would cost on DeepSeek. */
const DEMO_PRICED_AS = 'deepseek-flash';

/** Demo mode's configuration: the bundled replay server, which speaks DeepSeek's thinking-mode stream. */
export function demoConfig(base: Config, url: string): Config {
  return {
    ...base, apiKey: 'demo-mode-no-key', baseUrl: url, model: DEMO_MODEL, replyModel: DEMO_MODEL, provider: 'deepseek',
    providerReason: 'demo mode: the bundled replay server speaks DeepSeek\'s API',
    prices: priceBook(PROVIDER_PROFILES.deepseek, DEMO_PRICED_AS, {}),
    replyPrices: priceBook(PROVIDER_PROFILES.deepseek, DEMO_PRICED_AS, {}),
  };
}

/** The operator's log, plus the plain sentence on the terminal when the configuration needs fixing. */
function withTerminalNotices(logger: Logger, terminal: Writable): Logger {
  return {
    info: (message, fields) => logger.info(message, fields),
    warn: (message, fields) => logger.warn(message, fields),
    error: (message, fields) => {
      logger.error(message, fields);
      if (message === 'model misconfigured' && typeof fields?.problem === 'string') terminal.write(`${fields.problem}\n`);
    },
  };
}

/** Opens the engine, turning a store that cannot open in the data folder into a sentence. */
async function openStore(open: () => Promise<Stepwise>, config: Config): Promise<Stepwise> {
  try {
    return await open();
  } catch (error) {
    throw storeOpenError(error, config.dataDir) ?? error;
  }
}

function openLogFile(path: string): Writable {
  mkdirSync(dirname(path), { recursive: true });
  return createWriteStream(path, { flags: 'a' });
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'student';
  }
}
