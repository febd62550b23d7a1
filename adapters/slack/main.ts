/** The Slack adapter's composition root: a bolt App wired to the engine, in Socket Mode or HTTP mode. */
import type { AddressInfo } from 'node:net';
import { App, webApi } from '@slack/bolt';
import type { Classroom, Logger, Tutor } from '../../src/index.ts';
import type { MathRenderer } from '../../src/math/index.ts';
import { registerActionListener } from './action-listener.ts';
import { createBackgroundTasks } from './background-tasks.ts';
import { createBoltLogger } from './bolt-logger.ts';
import { registerCheckModal } from './check-modal.ts';
import { registerCommandListeners } from './command-listeners.ts';
import { createInstructorDirectory } from './instructor-directory.ts';
import { createProgressEditor } from './progress-editor.ts';
import type { RecordStore, SlackContext } from './slack-context.ts';
import { createSlackFileDownloader } from './slack-file-downloader.ts';
import type { SlackConnection } from './slack-settings.ts';
import { createThreadRecords } from './thread-records.ts';
import { registerUploadModal } from './upload-modal.ts';
import { registerWarmConfirmation } from './warm-confirmation.ts';

const PROGRESS_INTERVAL_MS = 1000;
const SHUTDOWN_GRACE_MS = 10_000;

/** Everything the Slack bot is built from. */
export interface SlackBotOptions {
  /** The engine's use cases. */
  readonly tutor: Tutor;
  /** Problem sets, practice, reports and workspace defaults. */
  readonly classroom: Classroom;
  /** Where the adapter keeps its thread records (the engine's store). */
  readonly store: RecordStore;
  /** Draws problems and hints as images. */
  readonly renderer: MathRenderer;
  /** The operator's log. */
  readonly logger: Logger;
  /** The bot token (`xoxb-…`). */
  readonly botToken: string;
  /** Socket Mode or HTTP mode, with their credentials. */
  readonly connection: SlackConnection;
  /** User ids (U…/W…) and user-group ids (S…) who are instructors besides admins and owners. */
  readonly instructorIds?: readonly string[];
  /** Web API client options (tests point `slackApiUrl` at a fake). */
  readonly clientOptions?: webApi.WebClientOptions;
  /** Least time between two progress edits, across all running solves (chat.update is Tier 3). */
  readonly progressIntervalMs?: number;
  /** How long shutdown waits for running solves before cancelling them. */
  readonly shutdownGraceMs?: number;
}

/** A running Slack bot. */
export interface SlackBot {
  /** The bolt App. */
  readonly app: App;
  /** The HTTP port in HTTP mode. */
  readonly port?: number;
  /** Stops receiving, lets running work finish (or cancels it after the grace period), disconnects. */
  stop(): Promise<void>;
}

/** Builds the bolt App, registers every listener and starts receiving. */
export async function startSlackBot(options: SlackBotOptions): Promise<SlackBot> {
  const { connection, logger } = options;
  const app = new App({
    token: options.botToken,
    logger: createBoltLogger(logger),
    ...(connection.mode === 'socket'
      ? { socketMode: true, appToken: connection.appToken, installerOptions: { clientOptions: options.clientOptions } }
      : { signingSecret: connection.signingSecret }),
    clientOptions: { retryConfig: webApi.retryPolicies.fiveRetriesInFiveMinutes, ...options.clientOptions },
  });
  const tasks = createBackgroundTasks(logger);
  const context: SlackContext = {
    tutor: options.tutor,
    classroom: options.classroom,
    downloads: createSlackFileDownloader(options.botToken, options.clientOptions?.slackApiUrl),
    renderer: options.renderer,
    logger,
    instructors: createInstructorDirectory(app.client, options.instructorIds ?? [], logger),
    threads: createThreadRecords(options.store),
    tasks,
    progress: createProgressEditor(options.progressIntervalMs ?? PROGRESS_INTERVAL_MS, logger),
  };
  registerCommandListeners(app, context);
  registerActionListener(app, context);
  registerCheckModal(app, context);
  registerUploadModal(app, context);
  registerWarmConfirmation(app, context);
  app.error(async (error) => logger.error('slack listener failed', { error }));

  let port: number | undefined;
  if (connection.mode === 'socket') {
    await app.start();
  } else {
    const server = await app.start({ port: connection.port, host: connection.host });
    port = (server.address() as AddressInfo).port;
  }
  logger.info('slack bot started', { mode: connection.mode, port });
  return {
    app,
    port,
    async stop() {
      await app.stop();
      await tasks.drain(options.shutdownGraceMs ?? SHUTDOWN_GRACE_MS);
    },
  };
}
