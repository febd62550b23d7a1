/** The Discord adapter's composition root: a discord.js client whose interactions drive the engine. */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { MathRenderer } from '../../src/math/index.ts';
import type { ChatCommand, Classroom, Inspector, Logger, Store, Tutor } from '../../src/index.ts';
import { DISCORD_COMMANDS } from './discord-commands.ts';
import type { DiscordContext } from './discord-context.ts';
import { InFlight } from './in-flight.ts';
import { registerCommands } from './register-commands.ts';
import { routeInteraction } from './route-interaction.ts';
import { handleThreadMessage, sweepLapsedReplies } from './thread-messages.ts';
import { sweepLapsedSolves } from './thinking-messages.ts';

/** Progress messages are edited at most this often (Discord allows about 5 edits per 5 s per channel). */
const EDIT_INTERVAL_MS = 1000;
/** On shutdown, running handlers get this long to post their last message. */
const SHUTDOWN_GRACE_MS = 10_000;
/** Slash commands and buttons need Guilds; reading messages in session threads needs Guild Messages. */
const BASE_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];
/** What @discordjs/ws rejects login with on close code 4014. */
const DISALLOWED_INTENTS = 'Used disallowed intents';
/** Logged (and shown by `stepwise discord`) when Message Content is not enabled for the application. */
export const MESSAGE_CONTENT_WARNING =
  'The Message Content intent is not enabled for this application, so answers and questions typed in a thread are not read (buttons and /check still work). ' +
  'Enable it in the Developer Portal: your application → Bot → Privileged Gateway Intents → Message Content Intent, then restart.';

/** What the bot is built from. */
export interface DiscordBotOptions {
  /** Bot token (never logged). */
  readonly token: string;
  /** Application id; read from the client after login when absent. */
  readonly applicationId?: string;
  /** Register commands in this guild only; globally when absent. */
  readonly guildId?: string;
  /** Members with this role are instructors. */
  readonly instructorRoleId?: string;
  /** The engine. */
  readonly tutor: Tutor;
  /** Problem sets, practice, reports and each server's defaults. */
  readonly classroom: Classroom;
  /** How ladders came to be, for instructors (Inspect). */
  readonly inspector: Inspector;
  /** The engine's store (the adapter records thread → session in it). */
  readonly store: Store;
  /** Draws math; owned by the caller. */
  readonly renderer: MathRenderer;
  /** The operator's log. */
  readonly logger: Logger;
  /** Discord's REST base, e.g. a local fake in tests; Discord itself when absent. */
  readonly restApi?: string;
  /** Clock (tests move it past the 15-minute token window). */
  readonly now?: () => number;
  /** Least time between two progress edits; 1 s when absent. */
  readonly editIntervalMs?: number;
  /** Slash commands to register; the shared list and /inspect when absent (the Inspect message command always). */
  readonly commands?: readonly ChatCommand[];
}

/** A running bot. */
export interface DiscordBot {
  /** The logged-in client. */
  readonly client: Client<true>;
  /** The application the commands were registered for. */
  readonly applicationId: string;
  /** Whether the bot reads answers typed in threads (the Message Content intent was granted). */
  readonly isReadingMessages: boolean;
  /** Aborts running solves, lets handlers finish (bounded), and disconnects. Engine, store and renderer stay open. */
  stop(): Promise<void>;
}

/**
 * Logs in, registers the slash commands, and starts answering interactions and messages typed in
 * session threads. Asks for the Guilds, Guild Messages and (privileged) Message Content intents;
 * when the application may not use Message Content, logs in without it and says so.
 */
export async function startDiscordBot(options: DiscordBotOptions): Promise<DiscordBot> {
  const inFlight = new InFlight();
  let client: Client;
  let isReadingMessages = true;
  try {
    client = await connect(options, [...BASE_INTENTS, GatewayIntentBits.MessageContent]);
  } catch (error) {
    if (!(error instanceof Error && error.message === DISALLOWED_INTENTS)) throw error;
    options.logger.warn(MESSAGE_CONTENT_WARNING);
    isReadingMessages = false;
    client = await connect(options, BASE_INTENTS);
  }
  const context: DiscordContext = {
    tutor: options.tutor, classroom: options.classroom, inspector: options.inspector, store: options.store, renderer: options.renderer, rest: client.rest, logger: options.logger,
    instructorRoleId: options.instructorRoleId, now: options.now ?? Date.now, editIntervalMs: options.editIntervalMs ?? EDIT_INTERVAL_MS, inFlight,
  };
  client.on(Events.InteractionCreate, (interaction) => inFlight.track(routeInteraction(interaction, context)));
  client.on(Events.MessageCreate, (message) => inFlight.track(handleThreadMessage(message, context).catch((error: unknown) => options.logger.error('typed message failed', { error }))));
  try {
    const readyClient = client as Client<true>;
    const applicationId = options.applicationId ?? readyClient.application.id;
    await registerCommands(client.rest, applicationId, options.commands ?? DISCORD_COMMANDS, options.guildId, options.instructorRoleId);
    // Solves a crashed bot left behind: their "thinking" messages become the failure with Retry.
    await sweepLapsedSolves(context);
    // Replies a crashed bot left half-written: written again (a model call, so not awaited) into their progress message.
    inFlight.track(sweepLapsedReplies(context).then(() => undefined));
    options.logger.info('discord bot ready', { user: readyClient.user.tag, applicationId, guildId: options.guildId ?? 'global commands', isReadingMessages });
    return {
      client: readyClient,
      applicationId,
      isReadingMessages,
      stop: async () => {
        inFlight.abortAll();
        await inFlight.settle(SHUTDOWN_GRACE_MS);
        await client.destroy();
      },
    };
  } catch (error) {
    await client.destroy();
    throw error;
  }
}

/** A logged-in, ready client with these intents; rejects (client destroyed) when Discord refuses. */
async function connect(options: DiscordBotOptions, intents: readonly GatewayIntentBits[]): Promise<Client<true>> {
  const client = new Client({ intents: [...intents], ...(options.restApi ? { rest: { api: options.restApi } } : {}) });
  client.on(Events.Error, (error) => options.logger.error('discord client error', { error }));
  const ready = once(client, Events.ClientReady) as Promise<[Client<true>]>;
  ready.catch(() => undefined); // a failed login rejects below; the client's own errors are logged above
  try {
    await client.login(options.token);
    const [readyClient] = await ready;
    return readyClient;
  } catch (error) {
    await client.destroy();
    throw error;
  }
}
