/**
 * A local fake of Discord for the real discord.js Client: REST and the gateway on one 127.0.0.1
 * server. It records every REST call, keeps the messages it was sent, and dispatches interactions
 * shaped as Discord sends them.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

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

/** One REST request the bot made. */
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
}

/** A Discord user as the fake describes it. */
export interface FakeUser {
  /** Snowflake. */
  readonly id: string;
  /** Username. */
  readonly username: string;
  /** Role ids the member holds in the guild. */
  readonly roles?: readonly string[];
  /** Permission bits in the channel, as a decimal string. */
  readonly permissions?: string;
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

/** A message as the fake stores it. */
export type JsonObject = Record<string, unknown>;

const API_PREFIX = '/api/v10';
const DISCORD_EPOCH_MS = 1_420_070_400_000;
const HEARTBEAT_INTERVAL_MS = 45_000;
const DEFAULT_WAIT_MS = 5_000;
const ALL_PERMISSIONS = '2251799813685247';
const MEMBER_PERMISSIONS = '2248473465835073';
const OPTION_SUBCOMMAND = 1;
const OPTION_STRING = 3;
const OPTION_ATTACHMENT = 11;
const ATTACHMENTS_PREFIX = '/attachments/';
const TEXT_CHANNEL = 0;
const PUBLIC_THREAD = 11;

/** The fake server; `start()` it, point `new Client({ rest: { api: fake.api } })` at it, `close()` it. */
export class FakeDiscord {
  readonly applicationId = '1100000000000000001';
  readonly guildId = '1100000000000000002';
  readonly channelId = '1100000000000000003';
  readonly instructorRoleId = '1100000000000000004';
  readonly botUser = { id: this.applicationId, username: 'Stepwise', discriminator: '0', global_name: null, avatar: null, bot: true };
  /** Every REST call, in order of arrival. */
  readonly calls: RecordedCall[] = [];
  /** Messages by id. */
  readonly messages = new Map<string, JsonObject>();
  private readonly server: Server;
  private readonly sockets: WebSocketServer;
  private readonly interactions = new Map<string, { channelId: string; messageId?: string; original?: string; isAcknowledged: boolean; isExpired: boolean }>();
  private readonly hostedFiles = new Map<string, Buffer>();
  private idCounter = 0n;
  private sequence = 0;
  private waiters: (() => void)[] = [];
  private port = 0;

  private constructor() {
    this.server = createServer((request, response) => void this.serve(request, response));
    this.sockets = new WebSocketServer({ server: this.server });
    this.sockets.on('connection', (socket) => this.greet(socket));
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

  /**
   * Sends `/name option:value` (or `/name subcommand option:value` when `name` has a space) from
   * `user` in `channelId`. Attachment options go in the interaction's resolved data, with a URL
   * the fake serves.
   */
  slashCommand(name: string, options: Record<string, string | FakeAttachment>, user: FakeUser, channelId = this.channelId): SentInteraction {
    const [command, subcommand] = name.split(' ');
    const attachments: Record<string, JsonObject> = {};
    const values = Object.entries(options).map(([option, value]) => {
      if (typeof value === 'string') return { name: option, type: OPTION_STRING, value };
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

  /** Makes every later webhook call with this interaction's token fail as Discord does after 15 minutes. */
  expireToken(token: string): void {
    const interaction = this.interactions.get(token);
    if (interaction) interaction.isExpired = true;
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
    return this.calls.map((call) => `${call.method} ${call.path} ${JSON.stringify(call.body).slice(0, 160)}`).join('\n');
  }

  /** Stops the server and drops every connection. */
  async close(): Promise<void> {
    for (const socket of this.sockets.clients) socket.terminate();
    await new Promise<void>((resolve) => this.sockets.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Sends a gateway dispatch to every connected client. */
  dispatch(type: string, data: unknown): void {
    const frame = JSON.stringify({ op: 0, t: type, s: ++this.sequence, d: data });
    for (const socket of this.sockets.clients) socket.send(frame);
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

  private interact(type: number, user: FakeUser, channelId: string, messageId: string | undefined, data: JsonObject): SentInteraction {
    const id = this.snowflake();
    const token = `tok-${id}`;
    this.interactions.set(token, { channelId, messageId, isAcknowledged: false, isExpired: false });
    const channel = this.channelPayload(channelId);
    const member = {
      user: { id: user.id, username: user.username, global_name: user.username, discriminator: '0', avatar: null },
      roles: user.roles ?? [], permissions: user.permissions ?? MEMBER_PERMISSIONS, joined_at: '2026-01-01T00:00:00.000Z',
      nick: null, deaf: false, mute: false, flags: 0, pending: false,
    };
    const message = messageId ? this.messages.get(messageId) : undefined;
    const sentAtMs = performance.now();
    this.dispatch('INTERACTION_CREATE', {
      id, application_id: this.applicationId, type, token, version: 1, data, guild_id: this.guildId, channel, channel_id: channelId,
      member, app_permissions: ALL_PERMISSIONS, locale: 'en-US', guild_locale: 'en-US', entitlements: [],
      authorizing_integration_owners: { 0: this.guildId }, context: 0, attachment_size_limit: 10 * 1024 * 1024,
      ...(message ? { message } : {}),
    });
    return { id, token, sentAtMs };
  }

  private channelPayload(channelId: string): JsonObject {
    if (channelId === this.channelId) return { id: channelId, type: TEXT_CHANNEL, guild_id: this.guildId, name: 'homework', permissions: ALL_PERMISSIONS };
    return { id: channelId, type: PUBLIC_THREAD, guild_id: this.guildId, parent_id: this.channelId, name: 'thread', permissions: ALL_PERMISSIONS };
  }

  private channelOf(messageId: string): string {
    const message = this.messages.get(messageId);
    if (!message) throw new Error(`FakeDiscord has no message ${messageId}`);
    return String(message.channel_id);
  }

  private greet(socket: WebSocket): void {
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS } }));
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number };
      if (frame.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (frame.op === 2) this.identify();
    });
  }

  private identify(): void {
    this.dispatch('READY', {
      v: 10, user: this.botUser, guilds: [{ id: this.guildId, unavailable: true }], session_id: 'fake-session',
      resume_gateway_url: `ws://127.0.0.1:${this.port}`, application: { id: this.applicationId, flags: 0 },
    });
    this.dispatch('GUILD_CREATE', {
      id: this.guildId, name: 'Math class', icon: null, owner_id: '1100000000000000009', unavailable: false, member_count: 3, large: false,
      features: [], emojis: [], stickers: [], presences: [], voice_states: [], threads: [], stage_instances: [], guild_scheduled_events: [],
      roles: [
        { id: this.guildId, name: '@everyone', permissions: MEMBER_PERMISSIONS, position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
        { id: this.instructorRoleId, name: 'Instructor', permissions: MEMBER_PERMISSIONS, position: 1, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
      ],
      channels: [{ ...this.channelPayload(this.channelId), position: 0, permission_overwrites: [] }],
      members: [{ user: this.botUser, roles: [], joined_at: '2026-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 }],
    });
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname.replace(API_PREFIX, ''));
    const { contentType, body, files } = await readBody(request);
    this.calls.push({
      method: request.method ?? 'GET', path, query: Object.fromEntries(url.searchParams), contentType, body, files,
      isBotAuthorized: (request.headers.authorization ?? '').startsWith('Bot '), atMs: performance.now(),
    });
    const hosted = this.hostedFiles.get(path);
    if (path.startsWith(ATTACHMENTS_PREFIX)) {
      if (hosted) response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': hosted.length }).end(hosted);
      else response.writeHead(404).end();
      for (const wake of this.waiters.splice(0)) wake();
      return;
    }
    const [status, reply] = this.route(request.method ?? 'GET', path.split('/').filter(Boolean), body, url.searchParams);
    if (reply === undefined) response.writeHead(status).end();
    else response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    for (const wake of this.waiters.splice(0)) wake();
  }

  private route(method: string, parts: string[], body: JsonObject, query: URLSearchParams): [number, unknown] {
    const [root, first, second, third, fourth] = parts;
    if (root === 'gateway') return [200, { url: `ws://127.0.0.1:${this.port}`, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } }];
    if (root === 'applications' && method === 'PUT') {
      const commands = Array.isArray(body) ? body : [];
      return [200, commands.map((command: JsonObject) => ({ ...command, id: this.snowflake(), application_id: this.applicationId, version: '1' }))];
    }
    if (root === 'interactions' && second) return this.callback(second, body, query);
    if (root === 'webhooks' && second) return this.webhook(method, second, third === 'messages' ? fourth : undefined, body);
    if (root === 'channels' && first && second === 'messages') {
      if (fourth === 'threads' && third) return [201, this.startThread(first, third, body)];
      if (method === 'POST') return [200, this.createMessage(first, body)];
      if (method === 'PATCH' && third) return this.editMessage(third, body);
    }
    return [404, { message: '404: Not Found', code: 0 }];
  }

  private callback(token: string, body: JsonObject, query: URLSearchParams): [number, unknown] {
    const interaction = this.interactions.get(token);
    if (!interaction) return [404, { message: 'Unknown interaction', code: 10062 }];
    if (interaction.isAcknowledged) return [400, { message: 'Interaction has already been acknowledged.', code: 40060 }];
    interaction.isAcknowledged = true;
    const data = (body.data ?? {}) as JsonObject;
    if (body.type === 4 || body.type === 5) interaction.original = String(this.createMessage(interaction.channelId, { content: '', ...data }).id);
    if (body.type === 6 || body.type === 7) interaction.original = interaction.messageId;
    if (body.type === 7 && interaction.messageId) this.editMessage(interaction.messageId, data);
    if (query.get('with_response') === 'true') return [200, { interaction: { id: token, type: 0 }, resource: { type: body.type } }];
    return [204, undefined];
  }

  private webhook(method: string, token: string, messageId: string | undefined, body: JsonObject): [number, unknown] {
    const interaction = this.interactions.get(token);
    if (!interaction || interaction.isExpired) return [401, { message: 'Invalid Webhook Token', code: 50027 }];
    const id = messageId === '@original' ? interaction.original : messageId;
    if (method === 'POST' && !messageId) return [200, this.createMessage(interaction.channelId, body)];
    if (!id) return [404, { message: 'Unknown Message', code: 10008 }];
    if (method === 'DELETE') {
      this.messages.delete(id);
      return [204, undefined];
    }
    if (method === 'PATCH') return this.editMessage(id, body);
    return [200, this.messages.get(id)];
  }

  private createMessage(channelId: string, body: JsonObject): JsonObject {
    const message = {
      id: this.snowflake(), channel_id: channelId, type: 0, author: this.botUser, content: '', embeds: [], components: [], attachments: [],
      flags: 0, tts: false, mention_everyone: false, mentions: [], mention_roles: [], pinned: false, timestamp: new Date().toISOString(),
      edited_timestamp: null, application_id: this.applicationId, ...body,
    };
    this.messages.set(message.id, message);
    return message;
  }

  private editMessage(messageId: string, body: JsonObject): [number, unknown] {
    const message = this.messages.get(messageId);
    if (!message) return [404, { message: 'Unknown Message', code: 10008 }];
    const edited = { ...message, ...body, edited_timestamp: new Date().toISOString() };
    this.messages.set(messageId, edited);
    return [200, edited];
  }

  private startThread(channelId: string, messageId: string, body: JsonObject): JsonObject {
    const thread = { id: messageId, type: PUBLIC_THREAD, guild_id: this.guildId, parent_id: channelId, name: body.name, owner_id: this.applicationId, thread_metadata: { archived: false, auto_archive_duration: body.auto_archive_duration ?? 1440, archive_timestamp: new Date().toISOString(), locked: false } };
    this.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
    return thread;
  }

  /** Ids carry their creation time, as Discord's do (discord.js reads an interaction's age from its id). */
  private snowflake(): string {
    this.idCounter += 1n;
    return String((BigInt(Date.now() - DISCORD_EPOCH_MS) << 22n) | (this.idCounter & 0xfffn));
  }
}

async function readBody(request: IncomingMessage): Promise<{ contentType: string; body: JsonObject; files: RecordedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const header = request.headers['content-type'] ?? '';
  const contentType = header.split(';')[0] ?? '';
  if (contentType === 'application/json') return { contentType, body: JSON.parse(raw.toString('utf8')) as JsonObject, files: [] };
  if (contentType !== 'multipart/form-data') return { contentType, body: {}, files: [] };
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
  return { contentType, body, files };
}
