/**
 * A strict local fake of Discord for the real discord.js Client: REST and the gateway on one
 * 127.0.0.1 server. It answers as Discord's documentation says Discord answers, not as our code
 * happens to send: payload limits (400 / 50035 with the field path), the 3-second window for the
 * first response and 15-minute interaction tokens on a clock the test moves, ephemeral messages
 * that channel routes cannot reach (404 / 10008), the bot's channel permissions (403 / 50013),
 * follow-ups before the first response (404 / 10015), 429s with `retry_after`, `X-RateLimit-*`
 * headers and the global flag, and privileged gateway intents (close code 4014).
 *
 * Sources: discord/discord-api-docs at c98d64b (interactions/receiving-and-responding.mdx,
 * topics/rate-limits.mdx, topics/opcodes-and-status-codes.mdx, topics/permissions.mdx,
 * resources/channel.mdx, resources/message.mdx, events/gateway.mdx, reference.mdx).
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { commandErrors, hasLoneSurrogate, invalidFormBody, isEmptyMessage, messageErrors, modalErrors, threadErrors, type FieldError } from './fake-discord-limits.ts';

/** A file sent in a multipart request. */
export interface RecordedFile {
  /** The form field, e.g. `files[0]`. */
  readonly field: string;
  /** The file name. */
  readonly name: string;
  /** Its media type as sent. */
  readonly contentType: string;
  /** Its bytes. */
  readonly bytes: Buffer;
}

/** One REST request the bot made, and how the fake answered it. */
export interface RecordedCall {
  /** HTTP method. */
  readonly method: string;
  /** Decoded path after `/api/v10`, e.g. `/webhooks/1/tok/messages/@original`. */
  readonly path: string;
  /** Query parameters. */
  readonly query: Readonly<Record<string, string>>;
  /** The request's media type (`application/json`, `multipart/form-data`, or empty). */
  readonly contentType: string;
  /** The JSON body (for multipart, the parsed `payload_json`). */
  readonly body: JsonObject;
  /** Files in a multipart body. */
  readonly files: readonly RecordedFile[];
  /** Whether it carried the bot token (`Authorization: Bot …`). */
  readonly isBotAuthorized: boolean;
  /** `performance.now()` when it arrived. */
  readonly atMs: number;
  /** The status the fake answered with. */
  readonly status: number;
  /** The JSON the fake answered with (undefined for 204). */
  readonly response: unknown;
}

/** A Discord user as the fake describes it. */
export interface FakeUser {
  /** Snowflake. */
  readonly id: string;
  /** Username. */
  readonly username: string;
  /** Role ids the member holds in the guild. */
  readonly roles?: readonly string[];
  /** The member's permission bits in the channel, as a decimal string. */
  readonly permissions?: string;
  /** Another application's bot user (its messages carry `author.bot`). */
  readonly isBot?: boolean;
}

/** A file a user attaches to a command option; the fake serves its bytes on 127.0.0.1. */
export interface FakeAttachment {
  /** File name, e.g. `algebra.yaml`. */
  readonly name: string;
  /** Its bytes. */
  readonly bytes: Buffer;
  /** The media type Discord reports; none when absent. */
  readonly contentType?: string;
  /** The size Discord reports; the bytes' length when absent. */
  readonly size?: number;
}

/** An interaction the fake dispatched. */
export interface SentInteraction {
  /** Interaction id. */
  readonly id: string;
  /** Its token, part of every webhook path that answers it. */
  readonly token: string;
  /** `performance.now()` when it was dispatched. */
  readonly sentAtMs: number;
}

/** A 429 the fake will answer instead of serving matching requests. */
export interface RateLimitRule {
  /** Which requests: method and a path pattern. */
  readonly method?: string;
  readonly path: RegExp;
  /** How many matching requests get the 429 (1 when absent). */
  readonly times?: number;
  /** Seconds to wait, as `retry_after` says. */
  readonly retryAfterSeconds: number;
  /** The bot's global limit (every route), rather than the route's own bucket. */
  readonly isGlobal?: boolean;
}

/** JSON as the fake reads and writes it. */
export type JsonObject = Record<string, unknown>;

/** Permission bits (topics/permissions.mdx). */
export const PERMISSIONS = {
  manageGuild: 1n << 5n,
  viewChannel: 1n << 10n,
  sendMessages: 1n << 11n,
  embedLinks: 1n << 14n,
  attachFiles: 1n << 15n,
  readMessageHistory: 1n << 16n,
  createPublicThreads: 1n << 35n,
  sendMessagesInThreads: 1n << 38n,
} as const;

/** Gateway intent bits (events/gateway.mdx). */
const INTENT_GUILD_MESSAGES = 1 << 9;
const INTENT_MESSAGE_CONTENT = 1 << 15;
const CLOSE_DISALLOWED_INTENTS = 4014;

const API_PREFIX = '/api/v10';
const DISCORD_EPOCH_MS = 1_420_070_400_000;
const HEARTBEAT_INTERVAL_MS = 45_000;
const DEFAULT_WAIT_MS = 10_000;
/** The first response must come within 3 seconds; the token then lives 15 minutes. */
const ACK_WINDOW_MS = 3_000;
const TOKEN_LIFETIME_MS = 15 * 60_000;
const EPHEMERAL = 64;
const LOADING = 128;
const ALL_PERMISSIONS = (1n << 51n) - 1n;
const MEMBER_PERMISSIONS = '2248473465835073';
const OPTION_SUBCOMMAND = 1;
const OPTION_STRING = 3;
const OPTION_INTEGER = 4;
const MESSAGE_COMMAND = 3;
const OPTION_ATTACHMENT = 11;
const ATTACHMENTS_PREFIX = '/attachments/';
const TEXT_CHANNEL = 0;
const DM_CHANNEL = 1;
const PUBLIC_THREAD = 11;
const DEFAULT_ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;
const MAX_REQUEST_BYTES = 25 * 1024 * 1024;
/** Every bucket allows this many requests per window in tests (real buckets vary; the headers say). */
const BUCKET_LIMIT = 50;
const BUCKET_WINDOW_MS = 1_000;

type Reply = [status: number, body: unknown, headers?: Record<string, string>];

interface InteractionState {
  readonly id: string;
  readonly channelId: string;
  readonly userId: string;
  /** The clicked message, for components and modals. */
  readonly messageId?: string;
  /** Fake-clock ms when Discord created it. */
  readonly createdAtMs: number;
  /** The callback type it was answered with. */
  acknowledgedWith?: number;
  /** The message `@original` names. */
  originalId?: string;
  /** A deferred reply that was not edited yet: a follow-up then edits it (documented, deprecated). */
  isDeferredUnedited: boolean;
  isForcedExpired: boolean;
}

interface ChannelState {
  readonly id: string;
  readonly type: number;
  readonly parentId?: string;
  /** For DMs, the user on the other side. */
  readonly recipientId?: string;
  /** The bot's permissions here (threads use their parent's). */
  botPermissions: bigint;
  name: string;
}

interface MessageMeta {
  readonly channelId: string;
  readonly isEphemeral: boolean;
  readonly authorId: string;
  /** The interaction token whose webhook created it, if any. */
  readonly token?: string;
}

/** The fake server; `start()` it, point `new Client({ rest: { api: fake.api } })` at it, `close()` it. */
export class FakeDiscord {
  readonly applicationId = '1100000000000000001';
  readonly guildId = '1100000000000000002';
  readonly channelId = '1100000000000000003';
  readonly instructorRoleId = '1100000000000000004';
  readonly botUser = { id: this.applicationId, username: 'Stepwise', discriminator: '0', global_name: null, avatar: null, bot: true };
  /** Every REST call, in order of arrival. */
  readonly calls: RecordedCall[] = [];
  /** Messages by id, as Discord stores them. */
  readonly messages = new Map<string, JsonObject>();
  /** The intents of every IDENTIFY, in order (refused ones too). */
  readonly identifies: number[] = [];
  /** Whether the application may use the Message Content intent (Developer Portal → Bot → Privileged Gateway Intents). */
  isMessageContentIntentEnabled = true;
  /**
   * The most bytes one uploaded file may have here (reference.mdx "Uploading Files": 10 MiB by
   * default, more with the server's boost tier); interactions report it as `attachment_size_limit`.
   */
  attachmentSizeLimit = DEFAULT_ATTACHMENT_SIZE_LIMIT;
  private readonly server: Server;
  private readonly sockets: WebSocketServer;
  private readonly identified = new Map<WebSocket, number>();
  private readonly interactions = new Map<string, InteractionState>();
  private readonly channels = new Map<string, ChannelState>();
  private readonly messageMeta = new Map<string, MessageMeta>();
  private readonly threadOfMessage = new Map<string, string>();
  private readonly hostedFiles = new Map<string, Buffer>();
  private readonly closedDms = new Set<string>();
  private readonly rateLimits: { rule: RateLimitRule; left: number }[] = [];
  private readonly failures: { method: string; path: RegExp; reply: Reply }[] = [];
  private readonly buckets = new Map<string, { windowStartMs: number; used: number }>();
  private clockOffsetMs = 0;
  private idCounter = 0n;
  private sequence = 0;
  private waiters: (() => void)[] = [];
  private port = 0;

  private constructor() {
    this.server = createServer((request, response) => void this.serve(request, response));
    this.sockets = new WebSocketServer({ server: this.server });
    this.sockets.on('connection', (socket) => this.greet(socket));
    this.channels.set(this.channelId, { id: this.channelId, type: TEXT_CHANNEL, botPermissions: ALL_PERMISSIONS, name: 'homework' });
  }

  /** Starts a fake on a free port of 127.0.0.1. */
  static async start(): Promise<FakeDiscord> {
    const fake = new FakeDiscord();
    fake.server.listen(0, '127.0.0.1');
    await once(fake.server, 'listening');
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** The REST base to give discord.js. */
  get api(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** Discord's clock in ms since epoch: real time plus what the test advanced. */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Moves Discord's clock forward (interaction windows and token lifetimes follow it). */
  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  /** Sets the bot's permissions in a channel (threads in it follow), e.g. without Create Public Threads. */
  setBotPermissions(channelId: string, permissions: bigint): void {
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`FakeDiscord has no channel ${channelId}`);
    channel.botPermissions = permissions;
  }

  /** The bot's permissions in a channel, as `app_permissions` reports them. */
  botPermissionsIn(channelId: string): bigint {
    const channel = this.channels.get(channelId);
    if (!channel) return 0n;
    if (channel.type === DM_CHANNEL) return ALL_PERMISSIONS;
    return channel.parentId ? this.botPermissionsIn(channel.parentId) : channel.botPermissions;
  }

  /** The user does not accept DMs from the bot (Discord answers 403 / 50007). */
  closeDirectMessages(userId: string): void {
    this.closedDms.add(userId);
  }

  /** The DM channel the bot opened with `userId`, if any. */
  directMessageChannelOf(userId: string): string | undefined {
    return [...this.channels.values()].find((channel) => channel.type === DM_CHANNEL && channel.recipientId === userId)?.id;
  }

  /** Answers matching requests with a 429 as Discord does. */
  rateLimitNext(rule: RateLimitRule): void {
    this.rateLimits.push({ rule, left: rule.times ?? 1 });
  }

  /** Answers the next request matching `method` and `path` with `status` and Discord's JSON error `response` (e.g. 413 / 40005). */
  failNext(method: string, path: RegExp, status: number, response: JsonObject): void {
    this.failures.push({ method, path, reply: [status, response] });
  }

  /** Every request the fake refused (4xx), in order. */
  get refusals(): RecordedCall[] {
    return this.calls.filter((call) => call.status >= 400);
  }

  /**
   * Sends `/name option:value` (or `/name subcommand option:value` when `name` has a space) from
   * `user` in `channelId`. Attachment options go in the interaction's resolved data, with a URL
   * the fake serves.
   */
  slashCommand(name: string, options: Record<string, string | number | FakeAttachment>, user: FakeUser, channelId = this.channelId): SentInteraction {
    const [command, subcommand] = name.split(' ');
    const attachments: Record<string, JsonObject> = {};
    const values = Object.entries(options).map(([option, value]) => {
      if (typeof value === 'string') return { name: option, type: OPTION_STRING, value };
      if (typeof value === 'number') return { name: option, type: OPTION_INTEGER, value };
      const id = this.snowflake();
      attachments[id] = this.host(id, value);
      return { name: option, type: OPTION_ATTACHMENT, value: id };
    });
    return this.interact(2, user, channelId, undefined, {
      id: this.snowflake(), name: command, type: 1, guild_id: this.guildId,
      options: subcommand ? [{ name: subcommand, type: OPTION_SUBCOMMAND, options: values }] : values,
      ...(Object.keys(attachments).length > 0 ? { resolved: { attachments } } : {}),
    });
  }

  /**
   * Picks the message command `name` (Apps → name) on the stored message `messageId`: an application
   * command interaction of type 3 whose data names the target and carries it in `resolved.messages`
   * (interactions/application-commands.mdx, "Message Commands").
   */
  messageCommand(name: string, messageId: string, user: FakeUser): SentInteraction {
    const message = this.messages.get(messageId);
    const meta = this.messageMeta.get(messageId);
    if (!message || !meta || meta.isEphemeral) throw new Error(`FakeDiscord has no message ${messageId} anyone could right-click`);
    return this.interact(2, user, meta.channelId, undefined, {
      id: this.snowflake(), name, type: MESSAGE_COMMAND, guild_id: this.guildId, target_id: messageId, resolved: { messages: { [messageId]: message } },
    });
  }

  /** GET requests for attached files, in order. */
  get downloads(): RecordedCall[] {
    return this.calls.filter((call) => call.path.startsWith(ATTACHMENTS_PREFIX));
  }

  /** Clicks the button `customId` on the stored message `messageId`. */
  clickButton(customId: string, messageId: string, user: FakeUser): SentInteraction {
    return this.interact(3, user, this.channelOf(messageId), messageId, { custom_id: customId, component_type: 2 });
  }

  /** Submits the modal `customId` (opened from `messageId`) with text input values. */
  submitModal(customId: string, values: Record<string, string>, messageId: string, user: FakeUser): SentInteraction {
    const components = Object.entries(values).map(([inputId, value], index) => ({ type: 18, id: index + 1, component: { type: 4, id: index + 2, custom_id: inputId, value } }));
    return this.interact(5, user, this.channelOf(messageId), messageId, { custom_id: customId, components });
  }

  /** A member types `content` in a channel or thread (MESSAGE_CREATE, for clients with the Guild Messages intent). */
  typeMessage(content: string, user: FakeUser, channelId: string): JsonObject {
    const message = this.storeMessage(channelId, { content, author: this.userPayload(user) }, { channelId, isEphemeral: false, authorId: user.id });
    for (const [socket, intents] of this.identified) {
      if ((intents & INTENT_GUILD_MESSAGES) === 0) continue;
      const mentionsBot = content.includes(`<@${this.applicationId}>`);
      const payload = { ...message, guild_id: this.guildId, member: { roles: user.roles ?? [], joined_at: '2026-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 } };
      // Without Message Content, Discord sends the message with empty content (events/gateway.mdx).
      const seen = (intents & INTENT_MESSAGE_CONTENT) !== 0 || mentionsBot ? payload : { ...payload, content: '', embeds: [], attachments: [], components: [] };
      socket.send(JSON.stringify({ op: 0, t: 'MESSAGE_CREATE', s: ++this.sequence, d: seen }));
    }
    return message;
  }

  /** Makes every later webhook call with this interaction's token fail as Discord does after 15 minutes. */
  expireToken(token: string): void {
    const interaction = this.interactions.get(token);
    if (interaction) interaction.isForcedExpired = true;
  }

  /** Calls answering the interaction with this token (callback and webhooks), in order. */
  callsFor(token: string): RecordedCall[] {
    return this.calls.filter((call) => call.path.split('/').includes(token));
  }

  /** Resolves with the first call (already made or yet to come) that matches; rejects after `timeoutMs`. */
  async waitFor(predicate: (call: RecordedCall) => boolean, description: string, timeoutMs = DEFAULT_WAIT_MS): Promise<RecordedCall> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = this.calls.find(predicate);
      if (found) return found;
      const leftMs = deadline - performance.now();
      if (leftMs <= 0) throw new Error(`Timed out waiting for ${description}; calls so far:\n${this.describeCalls()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, leftMs);
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  }

  /** One line per call, for failure messages. */
  describeCalls(): string {
    return this.calls.map((call) => `${call.method} ${call.path} → ${call.status} ${JSON.stringify(call.body).slice(0, 160)}`).join('\n');
  }

  /** Stops the server and drops every connection. */
  async close(): Promise<void> {
    for (const socket of this.sockets.clients) socket.terminate();
    await new Promise<void>((resolve) => this.sockets.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Sends a gateway dispatch to every identified client. */
  dispatch(type: string, data: unknown): void {
    const frame = JSON.stringify({ op: 0, t: type, s: ++this.sequence, d: data });
    for (const socket of this.identified.keys()) socket.send(frame);
  }

  /** Serves the file at a CDN-like path and describes it as Discord's resolved attachment. */
  private host(id: string, attachment: FakeAttachment): JsonObject {
    const path = `${ATTACHMENTS_PREFIX}${this.channelId}/${id}/${attachment.name}`;
    this.hostedFiles.set(path, attachment.bytes);
    const url = `http://127.0.0.1:${this.port}${ATTACHMENTS_PREFIX}${this.channelId}/${id}/${encodeURIComponent(attachment.name)}`;
    return {
      id, filename: attachment.name, size: attachment.size ?? attachment.bytes.length, url, proxy_url: url,
      ...(attachment.contentType ? { content_type: attachment.contentType } : {}),
    };
  }

  private userPayload(user: FakeUser): JsonObject {
    return { id: user.id, username: user.username, global_name: user.username, discriminator: '0', avatar: null, ...(user.isBot ? { bot: true } : {}) };
  }

  /** MESSAGE_CREATE for a message the bot itself posted: Discord sends those too, content included (events/gateway.mdx). */
  private announceOwnMessage(message: JsonObject, channel: ChannelState): void {
    if (channel.type === DM_CHANNEL) return;
    for (const [socket, intents] of this.identified) {
      if ((intents & INTENT_GUILD_MESSAGES) === 0) continue;
      socket.send(JSON.stringify({ op: 0, t: 'MESSAGE_CREATE', s: ++this.sequence, d: { ...message, guild_id: this.guildId } }));
    }
  }

  private interact(type: number, user: FakeUser, channelId: string, messageId: string | undefined, data: JsonObject): SentInteraction {
    const id = this.snowflake();
    const token = `tok-${id}`;
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`FakeDiscord has no channel ${channelId}`);
    this.interactions.set(token, { id, channelId, userId: user.id, messageId, createdAtMs: this.now(), isDeferredUnedited: false, isForcedExpired: false });
    const isDm = channel.type === DM_CHANNEL;
    const member = {
      user: this.userPayload(user), roles: user.roles ?? [], permissions: user.permissions ?? MEMBER_PERMISSIONS, joined_at: '2026-01-01T00:00:00.000Z',
      nick: null, deaf: false, mute: false, flags: 0, pending: false,
    };
    const message = messageId ? this.messages.get(messageId) : undefined;
    const sentAtMs = performance.now();
    this.dispatch('INTERACTION_CREATE', {
      id, application_id: this.applicationId, type, token, version: 1, data, channel: this.channelPayload(channel), channel_id: channelId,
      ...(isDm ? { user: this.userPayload(user), context: 1 } : { guild_id: this.guildId, member, context: 0 }),
      app_permissions: String(this.botPermissionsIn(channelId)), locale: 'en-US', guild_locale: 'en-US', entitlements: [],
      authorizing_integration_owners: { 0: this.guildId }, attachment_size_limit: this.attachmentSizeLimit,
      ...(message ? { message } : {}),
    });
    return { id, token, sentAtMs };
  }

  private channelPayload(channel: ChannelState): JsonObject {
    const permissions = String(this.botPermissionsIn(channel.id));
    if (channel.type === DM_CHANNEL) return { id: channel.id, type: DM_CHANNEL, recipients: [] };
    if (channel.type === TEXT_CHANNEL) return { id: channel.id, type: TEXT_CHANNEL, guild_id: this.guildId, name: channel.name, permissions };
    return {
      id: channel.id, type: PUBLIC_THREAD, guild_id: this.guildId, parent_id: channel.parentId, name: channel.name, permissions, owner_id: this.applicationId,
      thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date(this.now()).toISOString(), locked: false },
    };
  }

  private channelOf(messageId: string): string {
    const meta = this.messageMeta.get(messageId);
    if (!meta) throw new Error(`FakeDiscord has no message ${messageId}`);
    return meta.channelId;
  }

  private greet(socket: WebSocket): void {
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS } }));
    socket.on('close', () => this.identified.delete(socket));
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d?: { intents?: number } };
      if (frame.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (frame.op === 2) this.identify(socket, frame.d?.intents ?? 0);
    });
  }

  private identify(socket: WebSocket, intents: number): void {
    this.identifies.push(intents);
    if ((intents & INTENT_MESSAGE_CONTENT) !== 0 && !this.isMessageContentIntentEnabled) {
      socket.close(CLOSE_DISALLOWED_INTENTS, 'Disallowed intent(s).');
      return;
    }
    this.identified.set(socket, intents);
    const send = (type: string, data: unknown) => socket.send(JSON.stringify({ op: 0, t: type, s: ++this.sequence, d: data }));
    send('READY', {
      v: 10, user: this.botUser, guilds: [{ id: this.guildId, unavailable: true }], session_id: 'fake-session',
      resume_gateway_url: `ws://127.0.0.1:${this.port}`, application: { id: this.applicationId, flags: 0 },
    });
    const guildChannels = [...this.channels.values()].filter((channel) => channel.type === TEXT_CHANNEL);
    const threads = [...this.channels.values()].filter((channel) => channel.type === PUBLIC_THREAD);
    send('GUILD_CREATE', {
      id: this.guildId, name: 'Math class', icon: null, owner_id: '1100000000000000009', unavailable: false, member_count: 3, large: false,
      features: [], emojis: [], stickers: [], presences: [], voice_states: [], stage_instances: [], guild_scheduled_events: [],
      roles: [
        { id: this.guildId, name: '@everyone', permissions: MEMBER_PERMISSIONS, position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
        { id: this.instructorRoleId, name: 'Instructor', permissions: MEMBER_PERMISSIONS, position: 1, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
      ],
      channels: guildChannels.map((channel) => ({ ...this.channelPayload(channel), position: 0, permission_overwrites: [] })),
      threads: threads.map((thread) => this.channelPayload(thread)),
      members: [{ user: this.botUser, roles: [], joined_at: '2026-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 }],
    });
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname.replace(API_PREFIX, ''));
    const method = request.method ?? 'GET';
    const { contentType, body, files, isMalformed } = await readBody(request);
    const isBotAuthorized = (request.headers.authorization ?? '').startsWith('Bot ');
    const record = (status: number, reply: unknown) => this.calls.push({ method, path, query: Object.fromEntries(url.searchParams), contentType, body, files, isBotAuthorized, atMs: performance.now(), status, response: reply });
    if (path.startsWith(ATTACHMENTS_PREFIX)) {
      const hosted = this.hostedFiles.get(path);
      record(hosted ? 200 : 404, undefined);
      if (hosted) response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': hosted.length }).end(hosted);
      else response.writeHead(404).end();
      this.wakeWaiters();
      return;
    }
    const [status, reply, headers = {}] = isMalformed || hasLoneSurrogate(body)
      ? [400, { message: 'The request body contains invalid JSON.', code: 50109 }] as Reply
      : this.injectedFailure(method, path) ?? this.limited(method, path) ?? this.withBucket(method, path, this.route(method, path.split('/').filter(Boolean), body, files, url.searchParams, isBotAuthorized));
    record(status, reply);
    if (reply === undefined) response.writeHead(status, headers).end();
    else response.writeHead(status, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(reply));
    this.wakeWaiters();
  }

  private wakeWaiters(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  private injectedFailure(method: string, path: string): Reply | undefined {
    const index = this.failures.findIndex((failure) => failure.method === method && failure.path.test(path));
    return index === -1 ? undefined : this.failures.splice(index, 1)[0]?.reply;
  }

  /** An injected 429, shaped as topics/rate-limits.mdx shows. */
  private limited(method: string, path: string): Reply | undefined {
    const entry = this.rateLimits.find(({ rule, left }) => left > 0 && rule.path.test(path) && (!rule.method || rule.method === method));
    if (!entry) return undefined;
    entry.left -= 1;
    const { retryAfterSeconds, isGlobal = false } = entry.rule;
    const retryAfter = String(Math.ceil(retryAfterSeconds));
    const headers: Record<string, string> = isGlobal
      ? { 'retry-after': retryAfter, 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' }
      : {
          'retry-after': retryAfter, 'x-ratelimit-limit': String(BUCKET_LIMIT), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': ((Date.now() / 1000) + retryAfterSeconds).toFixed(3),
          'x-ratelimit-reset-after': retryAfterSeconds.toFixed(3), 'x-ratelimit-bucket': bucketOf(method, path), 'x-ratelimit-scope': 'user',
        };
    return [429, { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: isGlobal }, headers];
  }

  /** Adds the route's `X-RateLimit-*` headers (per route and top-level resource, in real time). */
  private withBucket(method: string, path: string, reply: Reply): Reply {
    const bucket = bucketOf(method, path);
    const key = `${bucket}:${topLevelResourceOf(path)}`;
    const nowMs = Date.now();
    const state = this.buckets.get(key);
    const current = state && nowMs - state.windowStartMs < BUCKET_WINDOW_MS ? state : { windowStartMs: nowMs, used: 0 };
    current.used += 1;
    this.buckets.set(key, current);
    const resetAfterS = (BUCKET_WINDOW_MS - (nowMs - current.windowStartMs)) / 1000;
    const headers = {
      'x-ratelimit-limit': String(BUCKET_LIMIT), 'x-ratelimit-remaining': String(Math.max(0, BUCKET_LIMIT - current.used)),
      'x-ratelimit-reset': ((nowMs / 1000) + resetAfterS).toFixed(3), 'x-ratelimit-reset-after': resetAfterS.toFixed(3), 'x-ratelimit-bucket': bucket,
    };
    return [reply[0], reply[1], { ...headers, ...reply[2] }];
  }

  private route(method: string, parts: string[], body: JsonObject, files: RecordedFile[], query: URLSearchParams, isBotAuthorized: boolean): Reply {
    const [root, first, second, third, fourth] = parts;
    if (root === 'interactions' && second) return this.callback(second, body, files, query);
    if (root === 'webhooks' && first && second) return this.webhook(method, first, second, third === 'messages' ? fourth : undefined, body, files);
    if (!isBotAuthorized) return [401, { message: '401: Unauthorized', code: 0 }];
    if (root === 'gateway') return [200, { url: `ws://127.0.0.1:${this.port}`, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } }];
    if (root === 'applications' && method === 'PUT') return this.registerCommands(first, parts, body);
    if (root === 'users' && first === '@me' && second === 'channels' && method === 'POST') return this.openDm(body);
    if (root === 'channels' && first && second === 'messages') {
      if (fourth === 'threads' && third && method === 'POST') return this.startThread(first, third, body);
      if (!third && method === 'POST') return this.createChannelMessage(first, body, files);
      if (third && !fourth) return this.channelMessage(method, first, third, body, files);
    }
    return [404, { message: '404: Not Found', code: 0 }];
  }

  private registerCommands(applicationId: string | undefined, parts: string[], body: JsonObject): Reply {
    if (applicationId !== this.applicationId) return [403, { message: 'Missing Access', code: 50001 }];
    if (parts[2] === 'guilds' && parts[3] !== this.guildId) return [403, { message: 'Missing Access', code: 50001 }];
    const errors = commandErrors(body);
    if (errors.length > 0) return [400, invalidFormBody(errors)];
    const commands = body as unknown as JsonObject[];
    return [200, commands.map((command) => ({ ...command, id: this.snowflake(), application_id: this.applicationId, version: '1' }))];
  }

  private callback(token: string, body: JsonObject, files: RecordedFile[], query: URLSearchParams): Reply {
    const interaction = this.interactions.get(token);
    if (!interaction || this.now() - interaction.createdAtMs > ACK_WINDOW_MS) return [404, { message: 'Unknown interaction', code: 10062 }];
    if (interaction.acknowledgedWith !== undefined) return [400, { message: 'Interaction has already been acknowledged.', code: 40060 }];
    const data = (body.data ?? {}) as JsonObject;
    const type = Number(body.type);
    const errors: FieldError[] = type === 9 ? modalErrors(data) : type === 4 || type === 7 ? messageErrors(data, files.length, ['data']) : [];
    if (errors.length > 0) return [400, invalidFormBody(errors)];
    if (type === 4 && isEmptyMessage(data, files.length)) return [400, { message: 'Cannot send an empty message', code: 50006 }];
    if ((type === 6 || type === 7) && !interaction.messageId) return [400, invalidFormBody([{ path: ['type'], code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: 'Interaction response type is invalid for this interaction.' }])];
    if (tooLarge(files, this.attachmentSizeLimit)) return tooLarge(files, this.attachmentSizeLimit) as Reply;
    interaction.acknowledgedWith = type;
    const isEphemeral = ((Number(data.flags ?? 0)) & EPHEMERAL) !== 0;
    if (type === 4 || type === 5) {
      // A deferred reply shows "Stepwise is thinking…": the LOADING flag until it is edited (resources/message.mdx).
      const flags = (isEphemeral ? EPHEMERAL : 0) | (type === 5 ? LOADING : 0);
      const message = this.storeMessage(interaction.channelId, { ...data, content: String(data.content ?? ''), flags, ...attachmentsOf(files) },
        { channelId: interaction.channelId, isEphemeral, authorId: this.applicationId, token });
      interaction.originalId = String(message.id);
      interaction.isDeferredUnedited = type === 5;
    }
    if (type === 6 || type === 7) interaction.originalId = interaction.messageId;
    if (type === 7 && interaction.messageId) this.edit(interaction.messageId, data, files);
    if (query.get('with_response') === 'true') return [200, { interaction: { id: interaction.id, type: 0 }, resource: { type } }];
    return [204, undefined];
  }

  private webhook(method: string, applicationId: string, token: string, messageId: string | undefined, body: JsonObject, files: RecordedFile[]): Reply {
    const interaction = this.interactions.get(token);
    if (applicationId !== this.applicationId || !interaction) return [404, { message: 'Unknown Webhook', code: 10015 }];
    if (interaction.isForcedExpired || this.now() - interaction.createdAtMs >= TOKEN_LIFETIME_MS) return [401, { message: 'Invalid Webhook Token', code: 50027 }];
    if (interaction.acknowledgedWith === undefined || interaction.acknowledgedWith === 9) return [404, { message: 'Unknown Webhook', code: 10015 }];
    if (tooLarge(files, this.attachmentSizeLimit)) return tooLarge(files, this.attachmentSizeLimit) as Reply;
    if (method === 'POST' && !messageId) {
      const errors = messageErrors(body, files.length);
      if (errors.length > 0) return [400, invalidFormBody(errors)];
      if (isEmptyMessage(body, files.length)) return [400, { message: 'Cannot send an empty message', code: 50006 }];
      if (interaction.isDeferredUnedited && interaction.originalId) {
        // receiving-and-responding.mdx: right after a deferred reply, a follow-up edits the loading message (keeping its ephemeral state).
        interaction.isDeferredUnedited = false;
        const { flags: _ignored, ...rest } = body;
        return this.edit(interaction.originalId, rest, files);
      }
      const isEphemeral = ((Number(body.flags ?? 0)) & EPHEMERAL) !== 0;
      return [200, this.storeMessage(interaction.channelId, { ...body, flags: isEphemeral ? EPHEMERAL : 0, ...attachmentsOf(files) }, { channelId: interaction.channelId, isEphemeral, authorId: this.applicationId, token })];
    }
    const id = messageId === '@original' ? interaction.originalId : messageId;
    const meta = id ? this.messageMeta.get(id) : undefined;
    const isOwn = id !== undefined && meta !== undefined && (id === interaction.originalId || meta.token === token);
    if (!id || !isOwn || !this.messages.has(id)) return [404, { message: 'Unknown Message', code: 10008 }];
    if (method === 'DELETE') {
      this.messages.delete(id);
      if (id === interaction.originalId) interaction.isDeferredUnedited = false;
      return [204, undefined];
    }
    if (method === 'PATCH') {
      const errors = messageErrors(body, files.length);
      if (errors.length > 0) return [400, invalidFormBody(errors)];
      if (id === interaction.originalId) interaction.isDeferredUnedited = false;
      return this.edit(id, body, files);
    }
    return [200, this.messages.get(id)];
  }

  private openDm(body: JsonObject): Reply {
    const recipientId = String(body.recipient_id ?? '');
    if (!/^\d{17,20}$/.test(recipientId)) return [400, invalidFormBody([{ path: ['recipient_id'], code: 'NUMBER_TYPE_COERCE', message: `Value "${recipientId}" is not snowflake.` }])];
    const existing = this.directMessageChannelOf(recipientId);
    const id = existing ?? this.snowflake();
    if (!existing) this.channels.set(id, { id, type: DM_CHANNEL, recipientId, botPermissions: ALL_PERMISSIONS, name: '' });
    return [200, { id, type: DM_CHANNEL, last_message_id: null, recipients: [{ id: recipientId, username: 'user', discriminator: '0', global_name: null, avatar: null }] }];
  }

  /** 403 / 50013 unless the bot has every bit of `needed` in the channel. */
  private missing(channelId: string, needed: bigint): Reply | undefined {
    return (this.botPermissionsIn(channelId) & needed) === needed ? undefined : [403, { message: 'Missing Permissions', code: 50013 }];
  }

  private createChannelMessage(channelId: string, body: JsonObject, files: RecordedFile[]): Reply {
    const channel = this.channels.get(channelId);
    if (!channel) return [404, { message: 'Unknown Channel', code: 10003 }];
    if (channel.type === DM_CHANNEL && channel.recipientId && this.closedDms.has(channel.recipientId)) return [403, { message: 'Cannot send messages to this user', code: 50007 }];
    const send = channel.type === PUBLIC_THREAD ? PERMISSIONS.sendMessagesInThreads : PERMISSIONS.sendMessages;
    const refused = this.missing(channelId, PERMISSIONS.viewChannel | send | (files.length > 0 ? PERMISSIONS.attachFiles : 0n));
    if (refused) return refused;
    if (tooLarge(files, this.attachmentSizeLimit)) return tooLarge(files, this.attachmentSizeLimit) as Reply;
    const errors = messageErrors(body, files.length);
    if (errors.length > 0) return [400, invalidFormBody(errors)];
    if (isEmptyMessage(body, files.length)) return [400, { message: 'Cannot send an empty message', code: 50006 }];
    const { flags, ...rest } = body;
    const message = this.storeMessage(channelId, { ...rest, flags: Number(flags ?? 0) & ~EPHEMERAL, ...attachmentsOf(files) }, { channelId, isEphemeral: false, authorId: this.applicationId });
    this.announceOwnMessage(message, channel);
    return [200, message];
  }

  private channelMessage(method: string, channelId: string, messageId: string, body: JsonObject, files: RecordedFile[]): Reply {
    if (!this.channels.has(channelId)) return [404, { message: 'Unknown Channel', code: 10003 }];
    const refused = this.missing(channelId, PERMISSIONS.viewChannel | (method === 'GET' ? PERMISSIONS.readMessageHistory : 0n));
    if (refused) return refused;
    const meta = this.messageMeta.get(messageId);
    // Ephemeral messages exist only for the interaction's webhook.
    if (!meta || meta.isEphemeral || meta.channelId !== channelId || !this.messages.has(messageId)) return [404, { message: 'Unknown Message', code: 10008 }];
    if (method === 'GET') return [200, this.messages.get(messageId)];
    if (method !== 'PATCH') return [405, { message: '405: Method Not Allowed', code: 0 }];
    if (meta.authorId !== this.applicationId) return [403, { message: 'Cannot edit a message authored by another user', code: 50005 }];
    const errors = messageErrors(body, files.length);
    if (errors.length > 0) return [400, invalidFormBody(errors)];
    return this.edit(messageId, body, files);
  }

  private edit(messageId: string, body: JsonObject, files: RecordedFile[]): Reply {
    const message = this.messages.get(messageId);
    if (!message) return [404, { message: 'Unknown Message', code: 10008 }];
    const { flags: _flags, ...changes } = body;
    const edited = { ...message, ...changes, flags: Number(message.flags ?? 0) & ~LOADING, ...(files.length > 0 ? attachmentsOf(files) : {}), edited_timestamp: new Date(this.now()).toISOString() };
    this.messages.set(messageId, edited);
    return [200, edited];
  }

  private startThread(channelId: string, messageId: string, body: JsonObject): Reply {
    const channel = this.channels.get(channelId);
    if (!channel) return [404, { message: 'Unknown Channel', code: 10003 }];
    const refused = this.missing(channelId, PERMISSIONS.viewChannel | PERMISSIONS.createPublicThreads);
    if (refused) return refused;
    if (channel.type !== TEXT_CHANNEL) return [400, { message: 'Cannot execute action on this channel type', code: 50024 }];
    const meta = this.messageMeta.get(messageId);
    if (!meta || meta.isEphemeral || meta.channelId !== channelId) return [404, { message: 'Unknown Message', code: 10008 }];
    if (this.threadOfMessage.has(messageId)) return [400, { message: 'A thread has already been created for this message', code: 160004 }];
    const errors = threadErrors(body);
    if (errors.length > 0) return [400, invalidFormBody(errors)];
    const thread: ChannelState = { id: messageId, type: PUBLIC_THREAD, parentId: channelId, botPermissions: ALL_PERMISSIONS, name: String(body.name) };
    this.channels.set(thread.id, thread);
    this.threadOfMessage.set(messageId, thread.id);
    const payload = { ...this.channelPayload(thread), thread_metadata: { archived: false, auto_archive_duration: body.auto_archive_duration ?? 1440, archive_timestamp: new Date(this.now()).toISOString(), locked: false } };
    this.dispatch('THREAD_CREATE', { ...payload, newly_created: true });
    return [201, payload];
  }

  private storeMessage(channelId: string, body: JsonObject, meta: MessageMeta): JsonObject {
    const message = {
      id: this.snowflake(), channel_id: channelId, type: 0, author: this.botUser, content: '', embeds: [], components: [], attachments: [],
      flags: 0, tts: false, mention_everyone: false, mentions: [], mention_roles: [], pinned: false, timestamp: new Date(this.now()).toISOString(),
      edited_timestamp: null, application_id: this.applicationId, ...body,
    };
    this.messages.set(message.id, message);
    this.messageMeta.set(message.id, meta);
    return message;
  }

  /** Ids carry their creation time on Discord's clock, as Discord's do (discord.js reads an interaction's age from its id). */
  private snowflake(): string {
    this.idCounter += 1n;
    return String((BigInt(this.now() - DISCORD_EPOCH_MS) << 22n) | (this.idCounter & 0x3fffffn));
  }
}

/** The bucket a request falls in: method and route with ids replaced, except the top-level resource. */
function bucketOf(method: string, path: string): string {
  const route = path.replace(/\/\d{17,20}/g, '/:id').replace(/\/tok-\d+/g, '/:token');
  return Buffer.from(`${method} ${route}`).toString('base64url').slice(0, 16);
}

function topLevelResourceOf(path: string): string {
  return /^\/(channels|guilds|webhooks)\/(\d+)(?:\/(tok-\d+))?/.exec(path)?.slice(2).join('/') ?? '';
}

/** reference.mdx "Uploading Files": each file at most the upload limit (10 MiB by default), the request at most 25 MiB. */
function tooLarge(files: readonly RecordedFile[], attachmentSizeLimit: number): Reply | undefined {
  const total = files.reduce((sum, file) => sum + file.bytes.length, 0);
  if (files.some((file) => file.bytes.length > attachmentSizeLimit) || total > MAX_REQUEST_BYTES) return [413, { message: 'Request entity too large', code: 40005 }];
  return undefined;
}

function attachmentsOf(files: readonly RecordedFile[]): JsonObject {
  if (files.length === 0) return {};
  return { attachments: files.map((file, index) => ({ id: String(index), filename: file.name, size: file.bytes.length, content_type: file.contentType, url: `attachment://${file.name}` })) };
}

async function readBody(request: IncomingMessage): Promise<{ contentType: string; body: JsonObject; files: RecordedFile[]; isMalformed: boolean }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const header = request.headers['content-type'] ?? '';
  const contentType = header.split(';')[0] ?? '';
  try {
    if (raw.length === 0) return { contentType, body: {}, files: [], isMalformed: false };
    if (contentType === 'application/json') return { contentType, body: JSON.parse(raw.toString('utf8')) as JsonObject, files: [], isMalformed: false };
    if (contentType !== 'multipart/form-data') return { contentType, body: {}, files: [], isMalformed: false };
    const form = await new Response(raw, { headers: { 'content-type': header } }).formData();
    const files: RecordedFile[] = [];
    let body: JsonObject = {};
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value) as JsonObject;
      } else {
        files.push({ field, name: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
      }
    }
    return { contentType, body, files, isMalformed: false };
  } catch {
    return { contentType, body: {}, files: [], isMalformed: true };
  }
}
