/**
 * Replay protection for HTTP mode, in front of bolt's HTTPReceiver. Bolt verifies the signature
 * and refuses timestamps more than five minutes old, but accepts one from the future and runs a
 * replayed request again. This guard, before bolt sees the request:
 *  - refuses (401) a timestamp more than five minutes from now in either direction, and a bad signature;
 *  - acknowledges (200) and drops a request whose body it has already seen in the last five minutes.
 *    A replay carries the same body (the signature covers it), and Slack's own retries
 *    (X-Slack-Retry-Num) resend the same body under a new signature, so one key on the body
 *    catches both. The seen set is in the engine's store, so it holds across bot instances.
 * https://docs.slack.dev/authentication/verifying-requests-from-slack
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPReceiver } from '@slack/bolt';
import type { Logger } from '../../src/index.ts';
import type { RecordStore } from './slack-context.ts';

/** Slack's window for a request's timestamp, either side of now. */
export const REQUEST_WINDOW_MS = 5 * 60_000;
/** Bolt's own default body limit (HTTPModuleFunctions.defaultBodyLimit, 4 MB). */
const BODY_LIMIT_BYTES = 4 * 1024 * 1024;
const SECONDS = 1000;
const seenKey = (digest: string) => `slack:seen:${digest}`;

/** What the guard needs. */
export interface RequestGuardOptions {
  /** The app's signing secret. */
  readonly signingSecret: string;
  /** Where seen requests are recorded (shared by every instance of the bot). */
  readonly store: RecordStore;
  /** The operator's log. */
  readonly logger: Logger;
  /** The clock (tests move it). */
  readonly now?: () => number;
}

type Verdict = 'pass' | 'refuse' | 'replay';

/** Puts the guard in front of `receiver`'s request listener. */
export function guardRequests(receiver: HTTPReceiver, options: RequestGuardOptions): void {
  const next = receiver.requestListener;
  const now = options.now ?? Date.now;
  receiver.requestListener = (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'POST') return void next(request, response);
    void (async () => {
      let rawBody: Buffer;
      try {
        rawBody = await readBody(request);
      } catch {
        response.writeHead(413).end();
        return;
      }
      // Bolt reuses a body already buffered on the request (HTTPModuleFunctions.bufferIncomingMessage).
      Object.assign(request, { rawBody });
      const verdict = await judge(request, rawBody, options, now()).catch((error: unknown) => {
        options.logger.error('could not check a request for replay; letting it through', { error });
        return 'pass' as const;
      });
      if (verdict === 'refuse') response.writeHead(401).end();
      else if (verdict === 'replay') response.writeHead(200).end();
      else next(request, response);
    })();
  };
}

async function judge(request: IncomingMessage, rawBody: Buffer, options: RequestGuardOptions, nowMs: number): Promise<Verdict> {
  const timestamp = Number(header(request, 'x-slack-request-timestamp'));
  const signature = header(request, 'x-slack-signature') ?? '';
  if (!Number.isInteger(timestamp) || Math.abs(nowMs - timestamp * SECONDS) > REQUEST_WINDOW_MS) return 'refuse';
  const expected = `v0=${createHmac('sha256', options.signingSecret).update(`v0:${timestamp}:${rawBody.toString('utf8')}`).digest('hex')}`;
  if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return 'refuse';
  const key = seenKey(createHash('sha256').update(rawBody).digest('hex'));
  const record = { version: 1, seenAt: new Date(nowMs).toISOString() };
  if (!(await options.store.swap(key, 0, record))) {
    options.logger.warn('dropped a request already seen (a replay or a Slack retry)', { retryNum: header(request, 'x-slack-retry-num') });
    return 'replay';
  }
  // Twice the window: a request older than that is refused by its timestamp anyway, so the key may go.
  await options.store.set(key, record, 2 * REQUEST_WINDOW_MS);
  return 'pass';
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
