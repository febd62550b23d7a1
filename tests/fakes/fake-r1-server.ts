/**
 * A local OpenAI-compatible server that plays R1 over the real SSE wire format: each dialect,
 * keep-alive comments, HTTP errors, slow first tokens and streams cut mid-way.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
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
    })
  | { readonly status: number; readonly message: string };

/** One request the fake received. */
export interface RecordedRequest {
  /** Request path. */
  readonly path: string;
  /** Authorization header as sent. */
  readonly authorization: string | undefined;
  /** Parsed JSON body. */
  readonly body: Record<string, unknown>;
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
export async function startFakeR1(replies: readonly FakeR1Reply[] | ((prompt: string) => FakeR1Reply)): Promise<FakeR1Server> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer(async (request, response) => {
    const body = JSON.parse((await readBody(request)) || '{}') as Record<string, unknown>;
    const messages = body.messages as { content?: string }[] | undefined;
    const reply = typeof replies === 'function' ? replies(messages?.at(-1)?.content ?? '') : replies[Math.min(requests.length, replies.length - 1)];
    requests.push({ path: request.url ?? '', authorization: request.headers.authorization, body });
    if (!reply) throw new Error('startFakeR1 needs at least one reply');
    if ('status' in reply) {
      response.writeHead(reply.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: reply.message, type: 'invalid_request_error', param: null, code: null } }));
      return;
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

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function pause(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
