/**
 * A local OpenAI-compatible server that plays R1 over the real SSE wire format: each dialect,
 * keep-alive comments, HTTP errors, slow first tokens and streams cut mid-way; `GET /models`;
 * a wrong key (401 as DeepSeek words it), a model it does not serve (DeepSeek's 400 "Model Not
 * Exist", or the 404 `model_not_found` of OpenAI-style servers) and a web page instead of an API.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { completionEvents, type R1Completion } from '../../adapters/cli/demo/r1-sse.ts';

const CUT_AFTER_FLUSH_MS = 30;

/** What the server does with one request. */
export type FakeR1Reply =
  | (R1Completion & {
      /** `: keep-alive` comments sent before the first chunk. */
      readonly keepAlives?: number;
      /** Pause between keep-alives (or before the first chunk). */
      readonly keepAliveEveryMs?: number;
      /** Pause between chunks. */
      readonly chunkDelayMs?: number;
      /** Destroy the connection after this many chunks (a cut stream). */
      readonly cutAfterChunks?: number;
      /** End the response cleanly after this many chunks, with no finish chunk or [DONE]. */
      readonly endAfterChunks?: number;
      /** A raw `data:` line (e.g. malformed JSON) sent after this many chunks. */
      readonly injectRaw?: { readonly afterChunks: number; readonly line: string };
    })
  | {
      readonly status: number;
      readonly message: string;
      /** The error body's `type` (default invalid_request_error). */
      readonly type?: string;
      /** The error body's `code` (default null). */
      readonly code?: string | null;
    };

/** How the fake behaves as a server, whatever the replies. */
export interface FakeServerOptions {
  /** The key it accepts; any other gets 401. Unset: any key. */
  readonly apiKey?: string;
  /** The models it serves, listed at GET /models; a chat request for another one is refused. */
  readonly models?: readonly string[];
  /** How it refuses an unknown model: DeepSeek's 400 "Model Not Exist", or OpenAI-style 404. */
  readonly unknownModel?: 'deepseek' | 'openai';
  /** Answer everything with this HTML page (a wrong base URL pointing at a website). */
  readonly htmlStatus?: number;
  /**
   * Asked first for every chat request with its body: a reply answers it, undefined leaves it to
   * `replies`. `leakyReplies(...)` (tests/fakes/leaky-replies.ts) answers the tutor's replies this way.
   */
  readonly chat?: (body: Record<string, unknown>) => FakeR1Reply | undefined;
}

/** DeepSeek's body for a model it does not serve (status 400), as its API sends it. */
export const DEEPSEEK_MODEL_NOT_EXIST = { error: { message: 'Model Not Exist', type: 'invalid_request_error', param: null, code: 'invalid_request_error' } };
const HTML_PAGE = '<!DOCTYPE html>\n<html><head><title>Welcome</title></head><body><h1>Our school</h1><p>This is a website, not an API.</p></body></html>\n';

/** One request the fake received. */
export interface RecordedRequest {
  /** HTTP method. */
  readonly method: string;
  /** Request path. */
  readonly path: string;
  /** Authorization header as sent. */
  readonly authorization: string | undefined;
  /** Parsed JSON body. */
  readonly body: Record<string, unknown>;
  /** Answered by the `chat` option (a reply, not a solve). */
  readonly isChat?: boolean;
}

/** A running fake. */
export interface FakeR1Server {
  /** Base URL to give the client (no trailing slash). */
  readonly url: string;
  /** Requests received, in order. */
  readonly requests: RecordedRequest[];
  /** Stops the server and drops open connections. */
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1; `replies[i]` answers request i (the last one repeats), or a function picks the reply for each prompt. */
export async function startFakeR1(
  replies: readonly FakeR1Reply[] | ((prompt: string) => FakeR1Reply),
  options: FakeServerOptions = {},
): Promise<FakeR1Server> {
  const requests: RecordedRequest[] = [];
  const chatRequests = () => requests.filter((recorded) => recorded.path.endsWith('/chat/completions')).length;
  const server: Server = createServer(async (request, response) => {
    const text = await readBody(request);
    const body = (text && request.headers['content-type']?.includes('json') ? JSON.parse(text) : {}) as Record<string, unknown>;
    const path = request.url ?? '';
    const messages = body.messages as { content?: string }[] | undefined;
    const index = chatRequests();
    requests.push({ method: request.method ?? 'GET', path, authorization: request.headers.authorization, body });
    if (options.htmlStatus !== undefined) {
      response.writeHead(options.htmlStatus, { 'content-type': 'text/html; charset=utf-8' });
      return void response.end(HTML_PAGE);
    }
    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`) {
      // DeepSeek's words for a wrong key (api-docs.deepseek.com/quick_start/error_codes: 401 Authentication Fails).
      return sendJson(response, 401, { error: { message: 'Authentication Fails, Your api key is invalid', type: 'authentication_error', param: null, code: 'invalid_request_error' } });
    }
    if (request.method === 'GET' && path.endsWith('/models')) {
      const ids = options.models ?? ['deepseek-flash', 'deepseek-v4-pro'];
      return sendJson(response, 200, { object: 'list', data: ids.map((id) => ({ id, object: 'model', owned_by: 'stepwise-fake' })) });
    }
    if (!path.endsWith('/chat/completions')) {
      return sendJson(response, 404, { error: { message: `Unknown path ${path}`, type: 'invalid_request_error', param: null, code: null } });
    }
    if (options.models && !options.models.includes(String(body.model))) {
      return options.unknownModel === 'openai'
        ? sendJson(response, 404, { error: { message: `The model \`${String(body.model)}\` does not exist or you do not have access to it.`, type: 'invalid_request_error', param: null, code: 'model_not_found' } })
        : sendJson(response, 400, DEEPSEEK_MODEL_NOT_EXIST);
    }
    const chatReply = options.chat?.(body);
    const solveIndex = options.chat ? requests.filter((recorded) => recorded.path.endsWith('/chat/completions') && !recorded.isChat).length - 1 : index;
    if (chatReply) (requests.at(-1) as { isChat?: boolean }).isChat = true;
    const reply = chatReply ?? (typeof replies === 'function' ? replies(messages?.at(-1)?.content ?? '') : replies[Math.min(solveIndex, replies.length - 1)]);
    if (!reply) throw new Error('startFakeR1 needs at least one reply');
    if ('status' in reply) {
      return sendJson(response, reply.status, { error: { message: reply.message, type: reply.type ?? 'invalid_request_error', param: null, code: reply.code ?? null } });
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    for (let index = 0; index < (reply.keepAlives ?? 0); index++) {
      await pause(reply.keepAliveEveryMs ?? 0);
      response.write(': keep-alive\n\n');
    }
    const events = completionEvents(reply);
    for (const [index, event] of events.entries()) {
      if (index === reply.cutAfterChunks) {
        // Let what was written reach the client first, as on a real connection dropped mid-stream.
        await pause(CUT_AFTER_FLUSH_MS);
        return void response.socket?.destroy();
      }
      if (index === reply.endAfterChunks) return void response.end();
      if (index === reply.injectRaw?.afterChunks) response.write(`${reply.injectRaw.line}\n\n`);
      if (reply.chunkDelayMs) await pause(reply.chunkDelayMs);
      if (response.destroyed) return;
      response.write(event);
    }
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function pause(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
