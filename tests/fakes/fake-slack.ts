/**
 * A fake Slack on 127.0.0.1: the Web API (recording every call and answering the way Slack does),
 * upload_url, response_url, private file downloads, and a Socket Mode WebSocket that delivers
 * envelopes and collects acks.
 *
 * It is as strict as Slack's documentation, not as our code: single-use trigger ids that expire
 * after 3 s, response_urls good for 5 uses in 30 minutes, channel membership, workspaces with
 * uploads disabled, per-method rate-limit tiers answered with 429 + Retry-After, and Block Kit and
 * modal limits answered with Slack's error shapes. See slack-limits.ts for each rule and its source.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  blockProblems, modalProblems, RESPONSE_URL_LIFETIME_MS, RESPONSE_URL_USES, TRIGGER_LIFETIME_MS, ALT_TXT_LIMIT, RateLimiter,
} from './slack-limits.ts';

const SOCKET_PATH = '/socket';
const FILES_PATH = '/files/';

/** One request the fake received. */
export interface RecordedCall {
  /** Web API method (`chat.postMessage`), or `upload` for upload_url, `file` for a private file download and `response_url` for respond(). */
  readonly method: string;
  /** The request path. */
  readonly path: string;
  /** The Content-Type header as sent. */
  readonly contentType: string;
  /** The Authorization header as sent (test tokens only). */
  readonly authorization: string;
  /** The parsed body: form and JSON fields, with JSON-looking form values (blocks, files) parsed. */
  readonly body: Record<string, unknown>;
  /** Size of the raw body in bytes. */
  readonly bytes: number;
  /** The raw body as text, for uploads (so a test can read the file that was sent). */
  readonly uploaded?: string;
  /** The JSON the fake answered with. */
  readonly response: Record<string, unknown>;
}

/** What a scripted answer returns: a JSON body, with an optional status and headers (e.g. 429 + Retry-After). */
export interface FakeAnswer {
  /** HTTP status, 200 unless given. */
  readonly status?: number;
  /** Extra response headers. */
  readonly headers?: Record<string, string>;
  /** The JSON body. */
  readonly body: Record<string, unknown>;
}

/** A scripted answer for one method; undefined falls back to the default answer. */
export type FakeHandler = (call: ReceivedCall) => FakeAnswer | undefined;

/** A call as it arrives, before the fake answers. */
export type ReceivedCall = Omit<RecordedCall, 'response'>;

/** A file as Slack describes it in a view_submission's file_input state. */
export interface HostedFile {
  /** File id (F…). */
  readonly id: string;
  /** File name. */
  readonly name: string;
  /** Slack's file type, e.g. `yaml`. */
  readonly filetype: string;
  /** Size in bytes. */
  readonly size: number;
  /** The private URL (needs the bot token). */
  readonly url_private: string;
  /** The private download URL (needs the bot token). */
  readonly url_private_download: string;
}

/** The bot user the fake reports from auth.test. */
export const FAKE_BOT_USER_ID = 'UBOT';

/** A running fake Slack. */
export class FakeSlack {
  /** Every call, in arrival order. */
  readonly calls: RecordedCall[] = [];
  /** User ids that users.info reports as workspace admins. */
  readonly admins = new Set<string>();
  /** Members of each user group, for usergroups.users.list. */
  readonly userGroups = new Map<string, string[]>();
  /** Channels the bot has not been invited to: posting there fails with `not_in_channel`. */
  readonly channelsWithoutBot = new Set<string>();
  /** When true, the workspace has disabled file uploads (`file_uploads_disabled`). */
  uploadsDisabled = false;
  /** The fake's rate limits (per method tier, per workspace); tests may turn them off with `enabled`. */
  readonly rateLimits: RateLimiter;
  private readonly handlers = new Map<string, FakeHandler[]>();
  private readonly hostedFiles = new Map<string, Buffer>();
  private readonly triggers = new Map<string, { issuedMs: number; isUsed: boolean }>();
  private readonly responseUrls = new Map<string, { issuedMs: number; uses: number }>();
  private readonly postedTs = new Set<string>();
  private readonly pendingUploads = new Map<string, { isUploaded: boolean; altText?: string }>();
  private clockOffsetMs = 0;
  private messageCount = 0;
  private fileCount = 0;
  private responseCount = 0;
  private triggerCount = 0;
  private viewCount = 0;

  private readonly server: Server = createServer((request, response) => void this.handle(request, response));
  private readonly sockets = new WebSocketServer({ noServer: true });
  private socket: WebSocket | undefined;
  private readonly pendingAcks = new Map<string, (payload: Record<string, unknown>) => void>();
  private envelopeCount = 0;
  private listeningPort = 0;

  private constructor() {
    this.rateLimits = new RateLimiter(() => this.now());
    this.server.on('upgrade', (request, socket, head) => {
      if (request.url !== SOCKET_PATH) return void socket.destroy();
      this.sockets.handleUpgrade(request, socket, head, (connection) => this.accept(connection));
    });
  }

  /** Starts the fake on 127.0.0.1 on a free port. */
  static async start(): Promise<FakeSlack> {
    const fake = new FakeSlack();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.listeningPort = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** The port it listens on. */
  get port(): number {
    return this.listeningPort;
  }

  /** The base URL to give bolt as `slackApiUrl`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** The fake's clock: real time plus whatever `advanceClock` added (for expiries and rate windows). */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Moves the fake's clock forward, so triggers, response_urls and rate windows age without waiting. */
  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  /** A fresh response_url on this fake: 5 uses within 30 minutes. */
  responseUrl(): string {
    const url = `http://127.0.0.1:${this.port}/response/${++this.responseCount}`;
    this.responseUrls.set(new URL(url).pathname, { issuedMs: this.now(), uses: 0 });
    return url;
  }

  /** A fresh trigger_id, as Slack puts in an interaction payload: single use, valid for 3 seconds. */
  issueTrigger(): string {
    const id = `${++this.triggerCount}.${this.now()}.fake${this.triggerCount.toString(16)}`;
    this.triggers.set(id, { issuedMs: this.now(), isUsed: false });
    return id;
  }

  /** Serves `content` at a private URL on this fake, as if a user had uploaded it; returns Slack's description of it. */
  hostFile(name: string, content: string | Buffer, filetype = 'yaml'): HostedFile {
    const id = `F${++this.fileCount}`;
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const url = `http://127.0.0.1:${this.port}${FILES_PATH}${id}/${encodeURIComponent(name)}`;
    this.hostedFiles.set(new URL(url).pathname, data);
    return { id, name, filetype, size: data.length, url_private: url, url_private_download: `${url}?download=1` };
  }

  /** Answers the next call to `method` with `handler` (once), before the default answer. */
  answerOnce(method: string, handler: FakeHandler): void {
    this.handlers.set(method, [...(this.handlers.get(method) ?? []), handler]);
  }

  /** The calls to `method`, in order. */
  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /**
   * Sends a Socket Mode envelope (`slash_commands`, `interactive`, `events_api`) and resolves with the
   * app's ack payload. `retry` marks a redelivery as Slack does (`retry_attempt`, `retry_reason`):
   * each envelope has its own id, the event inside is the same.
   */
  deliver(type: string, payload: Record<string, unknown>, retry?: { attempt: number; reason: string }): Promise<Record<string, unknown>> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new Error('no Socket Mode client is connected'));
    const envelopeId = `envelope-${++this.envelopeCount}`;
    const acked = new Promise<Record<string, unknown>>((resolve) => this.pendingAcks.set(envelopeId, resolve));
    const redelivery = retry ? { retry_attempt: retry.attempt, retry_reason: retry.reason } : {};
    socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', ...redelivery }));
    return acked;
  }

  /** Stops the server. */
  async close(): Promise<void> {
    for (const client of this.sockets.clients) client.terminate();
    this.sockets.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private accept(connection: WebSocket): void {
    this.socket = connection;
    connection.on('message', (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
      if (message.envelope_id) this.pendingAcks.get(message.envelope_id)?.(message.payload ?? {});
    });
    connection.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' }, debug_info: { host: 'fake-slack' } }));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const path = request.url ?? '/';
    const contentType = request.headers['content-type'] ?? '';
    const method = path.startsWith('/api/') ? path.slice('/api/'.length).split('?')[0] ?? '' : path.startsWith('/upload/') ? 'upload' : path.startsWith(FILES_PATH) ? 'file' : 'response_url';
    const authorization = request.headers.authorization ?? '';
    const isUpload = method === 'upload';
    const received: ReceivedCall = {
      method, path, contentType, authorization, body: isUpload ? {} : parseBody(raw.toString('utf8'), contentType), bytes: raw.length, ...(isUpload ? { uploaded: raw.toString('utf8') } : {}),
    };
    if (method === 'file') return this.serveFile(received, response);
    const answer = this.handlers.get(method)?.shift()?.(received) ?? this.rateLimits.check(method, received.body) ?? this.strictAnswer(received) ?? this.defaultAnswer(received);
    this.calls.push({ ...received, response: answer.body });
    response.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
    response.end(JSON.stringify(answer.body));
  }

  private serveFile(call: ReceivedCall, response: ServerResponse): void {
    const content = this.hostedFiles.get(new URL(call.path, 'http://127.0.0.1').pathname);
    // Like Slack, a request without the bot token gets no file.
    const status = !content ? 404 : call.authorization.startsWith('Bearer xoxb-') ? 200 : 403;
    this.calls.push({ ...call, response: { status } });
    response.writeHead(status, { 'content-type': status === 200 ? 'application/octet-stream' : 'text/plain' });
    response.end(status === 200 ? content : 'not found');
  }

  /** Slack's refusals: expired or reused triggers and response_urls, missing membership, disabled uploads, invalid blocks. */
  private strictAnswer(call: ReceivedCall): FakeAnswer | undefined {
    const { body } = call;
    switch (call.method) {
      case 'views.open':
      case 'views.push': {
        const trigger = this.triggers.get(String(body.trigger_id));
        if (!trigger) return failed('invalid_trigger_id');
        if (trigger.isUsed) return failed('exchanged_trigger_id');
        if (this.now() - trigger.issuedMs > TRIGGER_LIFETIME_MS) return failed('expired_trigger_id');
        trigger.isUsed = true;
        const problems = modalProblems(body.view);
        return problems.length > 0 ? failed('invalid_arguments', problems) : undefined;
      }
      case 'chat.postMessage':
      case 'chat.postEphemeral':
      case 'chat.update': {
        const channel = String(body.channel);
        if (this.channelsWithoutBot.has(channel)) return failed('not_in_channel');
        if (call.method === 'chat.update' && !this.postedTs.has(`${channel}/${String(body.ts)}`)) return failed('message_not_found');
        if (body.text === undefined && body.blocks === undefined) return failed('no_text');
        const problems = blockProblems(body.blocks);
        return problems.length > 0 ? failed('invalid_blocks', problems) : undefined;
      }
      case 'chat.delete':
        return this.postedTs.has(`${String(body.channel)}/${String(body.ts)}`) ? undefined : failed('message_not_found');
      case 'files.getUploadURLExternal':
        if (this.uploadsDisabled) return failed('file_uploads_disabled');
        if (typeof body.alt_txt === 'string' && body.alt_txt.length > ALT_TXT_LIMIT) return failed('alt_txt_too_large');
        if (!Number(body.length) || !body.filename) return failed('missing_argument');
        return undefined;
      case 'files.completeUploadExternal': {
        if (this.uploadsDisabled) return failed('file_uploads_disabled');
        if (typeof body.channel_id === 'string' && this.channelsWithoutBot.has(body.channel_id)) return failed('not_in_channel');
        const files = (Array.isArray(body.files) ? body.files : []) as { id?: string }[];
        if (files.some((file) => !this.pendingUploads.get(String(file.id))?.isUploaded)) return failed('file_not_found');
        return undefined;
      }
      case 'upload': {
        const fileId = call.path.split('/').at(-1) ?? '';
        const pending = this.pendingUploads.get(fileId);
        if (!pending) return { status: 404, body: { ok: false, error: 'file_not_found' } };
        pending.isUploaded = true;
        return undefined;
      }
      case 'response_url': {
        const url = this.responseUrls.get(new URL(call.path, 'http://127.0.0.1').pathname);
        if (!url) return { status: 404, body: { ok: false, error: 'invalid_url' } };
        if (this.now() - url.issuedMs > RESPONSE_URL_LIFETIME_MS) return { status: 404, body: { ok: false, error: 'expired_url' } };
        if (url.uses >= RESPONSE_URL_USES) return { status: 404, body: { ok: false, error: 'used_url' } };
        url.uses++;
        const problems = blockProblems(body.blocks);
        return problems.length > 0 ? { status: 400, body: { ok: false, error: 'invalid_blocks', response_metadata: { messages: problems } } } : undefined;
      }
      default:
        return undefined;
    }
  }

  private defaultAnswer(call: ReceivedCall): FakeAnswer {
    const { body } = call;
    switch (call.method) {
      case 'auth.test':
        return ok({ url: 'https://school.slack.com/', team: 'School', user: 'stepwise', team_id: 'T1', user_id: FAKE_BOT_USER_ID, bot_id: 'BBOT' });
      case 'apps.connections.open':
        return ok({ url: `ws://127.0.0.1:${this.port}${SOCKET_PATH}` });
      case 'chat.postMessage': {
        const ts = this.nextTs();
        this.postedTs.add(`${String(body.channel)}/${ts}`);
        return ok({ channel: body.channel, ts, message: { text: body.text } });
      }
      case 'chat.update':
        return ok({ channel: body.channel, ts: body.ts });
      case 'chat.delete':
        return ok({ channel: body.channel, ts: body.ts });
      case 'chat.postEphemeral':
        return ok({ message_ts: this.nextTs() });
      case 'views.open':
        return ok({ view: { id: `V${++this.viewCount}` } });
      case 'conversations.open':
        return ok({ channel: { id: `D${String(body.users)}` } });
      case 'files.getUploadURLExternal': {
        const fileId = `F${++this.fileCount}`;
        this.pendingUploads.set(fileId, { isUploaded: false, ...(typeof body.alt_txt === 'string' ? { altText: body.alt_txt } : {}) });
        return ok({ upload_url: `http://127.0.0.1:${this.port}/upload/${fileId}`, file_id: fileId });
      }
      case 'files.completeUploadExternal':
        return ok({ files: (Array.isArray(body.files) ? body.files : []) as unknown[] });
      case 'users.info': {
        const id = String(body.user);
        return ok({ user: { id, name: id.toLowerCase(), is_admin: this.admins.has(id), is_owner: false } });
      }
      case 'users.list':
        return ok({ members: [...this.admins].map((id) => ({ id, name: id.toLowerCase(), is_admin: true, is_owner: false })), response_metadata: { next_cursor: '' } });
      case 'usergroups.users.list':
        return ok({ users: this.userGroups.get(String(body.usergroup)) ?? [] });
      case 'upload':
      case 'response_url':
        return ok({});
      default:
        return { body: { ok: false, error: 'unknown_method' } };
    }
  }

  private nextTs(): string {
    return `1700000000.${String(++this.messageCount).padStart(6, '0')}`;
  }
}

function ok(fields: Record<string, unknown>): FakeAnswer {
  return { body: { ok: true, ...fields } };
}

/** Slack's failure shape: HTTP 200, `ok: false`, the error code, and for invalid input the pointers in response_metadata.messages. */
function failed(error: string, messages: readonly string[] = []): FakeAnswer {
  return { body: { ok: false, error, ...(messages.length > 0 ? { response_metadata: { messages } } : {}) } };
}

function parseBody(text: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  return Object.fromEntries([...new URLSearchParams(text)].map(([key, value]) => [key, parseValue(value)]));
}

function parseValue(value: string): unknown {
  if (!/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
