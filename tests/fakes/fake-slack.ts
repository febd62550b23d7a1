/**
 * A fake Slack on 127.0.0.1: the Web API (recording every call and answering the way Slack does),
 * upload_url, response_url, private file downloads, and a Socket Mode WebSocket that delivers
 * envelopes and collects acks.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

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
  private readonly handlers = new Map<string, FakeHandler[]>();
  private readonly hostedFiles = new Map<string, Buffer>();
  private messageCount = 0;
  private fileCount = 0;
  private responseCount = 0;

  private readonly server: Server = createServer((request, response) => void this.handle(request, response));
  private readonly sockets = new WebSocketServer({ noServer: true });
  private socket: WebSocket | undefined;
  private readonly pendingAcks = new Map<string, (payload: Record<string, unknown>) => void>();
  private envelopeCount = 0;
  private listeningPort = 0;

  private constructor() {
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

  /** A fresh response_url on this fake. */
  responseUrl(): string {
    return `http://127.0.0.1:${this.port}/response/${++this.responseCount}`;
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

  /** Sends a Socket Mode envelope (`slash_commands`, `interactive`) and resolves with the app's ack payload. */
  deliver(type: string, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new Error('no Socket Mode client is connected'));
    const envelopeId = `envelope-${++this.envelopeCount}`;
    const acked = new Promise<Record<string, unknown>>((resolve) => this.pendingAcks.set(envelopeId, resolve));
    socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api' }));
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
    const answer = this.handlers.get(method)?.shift()?.(received) ?? this.defaultAnswer(received);
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

  private defaultAnswer(call: ReceivedCall): FakeAnswer {
    const { body } = call;
    switch (call.method) {
      case 'auth.test':
        return ok({ url: 'https://school.slack.com/', team: 'School', user: 'stepwise', team_id: 'T1', user_id: FAKE_BOT_USER_ID, bot_id: 'BBOT' });
      case 'apps.connections.open':
        return ok({ url: `ws://127.0.0.1:${this.port}${SOCKET_PATH}` });
      case 'chat.postMessage':
        return ok({ channel: body.channel, ts: this.nextTs(), message: { text: body.text } });
      case 'chat.update':
        return ok({ channel: body.channel, ts: body.ts });
      case 'chat.delete':
        return ok({ channel: body.channel, ts: body.ts });
      case 'chat.postEphemeral':
        return ok({ message_ts: this.nextTs() });
      case 'views.open':
        return ok({ view: { id: 'V1' } });
      case 'conversations.open':
        return ok({ channel: { id: `D${String(body.users)}` } });
      case 'files.getUploadURLExternal': {
        const fileId = `F${++this.fileCount}`;
        return ok({ upload_url: `http://127.0.0.1:${this.port}/upload/${fileId}`, file_id: fileId });
      }
      case 'files.completeUploadExternal':
        return ok({ files: (Array.isArray(body.files) ? body.files : []) as unknown[] });
      case 'users.info': {
        const id = String(body.user);
        return ok({ user: { id, name: id.toLowerCase(), is_admin: this.admins.has(id), is_owner: false } });
      }
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
