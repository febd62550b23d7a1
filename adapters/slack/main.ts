/** The Slack adapter's composition root: a bolt App wired to the engine, in Socket Mode or HTTP mode. */
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, webApi } from '@slack/bolt';
import type { Classroom, Inspector, Logger, Tutor } from '../../src/index.ts';
import type { MathRenderer } from '../../src/math/index.ts';
import { registerActionListener } from './action-listener.ts';
import { createBackgroundTasks } from './background-tasks.ts';
import { createBoltLogger } from './bolt-logger.ts';
import { registerCheckModal } from './check-modal.ts';
import { registerCommandListeners } from './command-listeners.ts';
import { registerConversation, sweepLapsedReplies } from './conversation.ts';
import { registerInspectShortcuts } from './inspect-shortcuts.ts';
import { createInstructorDirectory } from './instructor-directory.ts';
import { createProgressEditor, PROGRESS_INTERVAL_MS } from './progress-editor.ts';
import { guardRequests } from './request-guard.ts';
import type { RecordStore, SlackContext, SlackLanes } from './slack-context.ts';
import { createSlackFileDownloader } from './slack-file-downloader.ts';
import type { SlackConnection } from './slack-settings.ts';
import { createThreadRecords } from './thread-records.ts';
import { sweepLapsedSolves } from './solve-runner.ts';
import { registerUploadModal } from './upload-modal.ts';
import { registerWarmConfirmation } from './warm-confirmation.ts';

const SHUTDOWN_GRACE_MS = 10_000;
/** How often the instructor cache is reloaded (admins, owners, group members). */
const INSTRUCTOR_REFRESH_MS = 10 * 60_000;
/** The retry policy of every client: what production runs, in tests too. */
export const SLACK_RETRY_POLICY = webApi.retryPolicies.fiveRetriesInFiveMinutes;

/** Everything the Slack bot is built from. */
export interface SlackBotOptions {
  /** The engine's use cases. */
  readonly tutor: Tutor;
  /** Problem sets, practice, reports and workspace defaults. */
  readonly classroom: Classroom;
  /** The instructor's view into how a ladder came to be. */
  readonly inspector: Inspector;
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
  /** The Web API base URL (SLACK_API_URL): https://slack.com/api/ unless given, e.g. GovSlack's; tests point it at a fake. */
  readonly slackApiUrl?: string;
  /** Other Web API client options. */
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
  const boltLogger = createBoltLogger(logger);
  const clientOptions: webApi.WebClientOptions = {
    retryConfig: SLACK_RETRY_POLICY,
    ...options.clientOptions,
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
  };
  let receiver: HTTPReceiver | undefined;
  if (connection.mode === 'http') {
    receiver = new HTTPReceiver({ signingSecret: connection.signingSecret, logger: boltLogger });
    guardRequests(receiver, { signingSecret: connection.signingSecret, store: options.store, logger });
  }
  const app = new App({
    token: options.botToken,
    logger: boltLogger,
    ...(connection.mode === 'socket'
      ? { socketMode: true, appToken: connection.appToken, installerOptions: { clientOptions } }
      : { receiver }),
    clientOptions,
  });
  const laneClient = () => new webApi.WebClient(options.botToken, { ...clientOptions, logger: boltLogger });
  const lanes: SlackLanes = { interactive: app.client, posts: laneClient(), progress: laneClient(), lookups: laneClient() };
  const tasks = createBackgroundTasks(logger);
  const instructors = createInstructorDirectory(lanes.lookups, options.instructorIds ?? [], logger);
  const context: SlackContext = {
    tutor: options.tutor,
    classroom: options.classroom,
    inspector: options.inspector,
    downloads: createSlackFileDownloader(options.botToken, clientOptions.slackApiUrl),
    renderer: options.renderer,
    logger,
    instructors,
    threads: createThreadRecords(options.store),
    tasks,
    progress: createProgressEditor(options.progressIntervalMs ?? PROGRESS_INTERVAL_MS, logger),
    store: options.store,
    lanes,
  };
  const warmInstructors = () => instructors.warm().catch((error: unknown) => logger.warn('could not prefetch instructors', { error }));
  void warmInstructors();
  const refresh = setInterval(() => void warmInstructors(), INSTRUCTOR_REFRESH_MS);
  refresh.unref();
  registerCommandListeners(app, context);
  registerActionListener(app, context);
  registerCheckModal(app, context);
  registerUploadModal(app, context);
  registerWarmConfirmation(app, context);
  registerInspectShortcuts(app, context);
  registerConversation(app, context);
  app.error(async (error) => logger.error('slack listener failed', { error }));

  let port: number | undefined;
  if (connection.mode === 'socket') {
    await app.start();
  } else {
    const server = await app.start({ port: connection.port, host: connection.host });
    port = (server.address() as AddressInfo).port;
  }
  logger.info('slack bot started', { mode: connection.mode, port });
  // Solves a crashed process left "thinking" get their failure and a Retry; in the background, as
  // the edits are paced by Slack's Tier 3 and a lapsed session's Retry works before its edit anyway.
  tasks.run('sweep lapsed solves', async () => {
    const swept = await sweepLapsedSolves(context);
    if (swept > 0) logger.info('marked lapsed solves as failed in Slack', { count: swept });
  });
  // Replies a crashed process left half-streamed: the message it was streaming into becomes the reply.
  tasks.run('sweep lapsed replies', async () => {
    const replaced = await sweepLapsedReplies(context);
    if (replaced > 0) logger.info('replaced lapsed replies in Slack', { count: replaced });
  });
  return {
    app,
    port,
    async stop() {
      clearInterval(refresh);
      await app.stop();
      await tasks.drain(options.shutdownGraceMs ?? SHUTDOWN_GRACE_MS);
    },
  };
}
