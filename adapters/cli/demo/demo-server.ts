/**
 * Demo mode's model: a local OpenAI-compatible server that replays recorded R1 sessions over the
 * real wire format, so the whole tutor can be tried without an API key. It answers only the
 * recorded problems; the terminal tutor offers them by number.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { completionEvents } from './r1-sse.ts';

const RECORDINGS_URL = new URL('./recordings.json', import.meta.url);
/** The model name demo ladders are cached under, so they never mix with a live model's. */
export const DEMO_MODEL = 'stepwise-demo-replay';
const CHUNK_DELAY_MS = 4;

/** One recorded session. */
export interface Recording {
  /** The problem as it was asked. */
  readonly problem: string;
  /** R1's chain of thought. */
  readonly reasoning: string;
  /** R1's answer text. */
  readonly answer: string;
  /** Where the recording came from. */
  readonly source: string;
}

/** The recorded sessions shipped with Stepwise. */
export function loadRecordings(): Recording[] {
  return JSON.parse(readFileSync(RECORDINGS_URL, 'utf8')) as Recording[];
}

/** The recording for a problem, matched on its words (case and spacing ignored). */
export function findRecording(recordings: readonly Recording[], problem: string): Recording | undefined {
  const key = matchKey(problem);
  return recordings.find((recording) => matchKey(recording.problem) === key);
}

/** A running demo server. */
export interface DemoServer {
  /** Base URL for the OpenAI client. */
  readonly url: string;
  /** Stops it. */
  close(): Promise<void>;
}

/** Starts the replay server on 127.0.0.1 (a free port). */
export async function startDemoServer(recordings: readonly Recording[] = loadRecordings()): Promise<DemoServer> {
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { messages?: { content?: string }[] };
    const prompt = body.messages?.at(-1)?.content ?? '';
    const recording = recordings.find((candidate) => prompt.includes(candidate.problem.trim()));
    if (!recording) {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: 'Demo mode only replays its recorded problems.', type: 'invalid_request_error' } }));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const event of completionEvents({ ...recording, model: DEMO_MODEL, chunkChars: 5 })) {
      if (response.destroyed) return;
      response.write(event);
      await new Promise((resolve) => setTimeout(resolve, CHUNK_DELAY_MS));
    }
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function matchKey(problem: string): string {
  return problem.toLowerCase().replace(/[\s$]+/g, ' ').trim();
}
