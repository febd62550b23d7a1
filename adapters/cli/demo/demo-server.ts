/**
 * Demo mode's model: a local OpenAI-compatible server that replays recorded R1 sessions over the
 * real wire format (DeepSeek's thinking-mode stream: `reasoning_content`, then `content`, usage
 * with cache hit/miss and reasoning tokens), so the whole tutor can be tried without an API key.
 * It answers only the recorded problems (and `stepwise doctor`'s check); the terminal tutor offers
 * them by number, and `demoModel` says so before a problem without a recording is even sent.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ModelError, type ModelEvent, type ReasoningModel, type SolveRequest } from '../../../src/index.ts';
import { completionEvents } from './r1-sse.ts';

const RECORDINGS_URL = new URL('./recordings.json', import.meta.url);
/** The model name demo ladders are cached under, so they never mix with a live model's. */
export const DEMO_MODEL = 'stepwise-demo-replay';
const CHUNK_DELAY_MS = 4;

/** The tiny solve `stepwise doctor` sends to check a configuration. */
export const DOCTOR_PROMPT = 'What is 2 + 3? Put the final answer in \\boxed{}.';
/** The demo server's answer to the doctor's check: written for the check, not a model recording. */
const DOCTOR_REPLY = {
  reasoning: 'The user asks for 2 + 3. Two plus three is five. Check: 3 + 2 = 5 as well. So the answer is 5.',
  answer: 'Step 1\nHint: Start at 2 and count on three more.\nWork: $2 + 3 = 5$.\n\nFinal answer: $\\boxed{5}$',
};

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
    if (request.method === 'GET' && request.url?.endsWith('/models')) {
      return sendJson(response, 200, { object: 'list', data: [{ id: DEMO_MODEL, object: 'model', owned_by: 'stepwise-demo' }] });
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { messages?: { content?: string }[] };
    const prompt = body.messages?.at(-1)?.content ?? '';
    const recording = prompt.trim() === DOCTOR_PROMPT ? DOCTOR_REPLY : recordingFor(recordings, prompt);
    if (!recording) {
      return sendJson(response, 400, { error: { message: noRecordingSentence(recordings), type: 'invalid_request_error', param: null, code: 'demo_no_recording' } });
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const event of completionEvents({ ...recording, model: DEMO_MODEL, chunkChars: 5, dialect: 'reasoning_content' })) {
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

/** The demo model as the engine sees it: says plainly when a problem has no recording, before sending it. */
export function demoModel(inner: ReasoningModel, recordings: readonly Recording[]): ReasoningModel {
  return {
    id: inner.id,
    async *solve(request: SolveRequest, signal?: AbortSignal): AsyncIterable<ModelEvent> {
      if (request.prompt.trim() !== DOCTOR_PROMPT && !recordingFor(recordings, request.prompt)) {
        throw new ModelError('Demo mode has no recording of this problem', noRecordingSentence(recordings), false);
      }
      yield* inner.solve(request, signal);
    },
  };
}

/** What a student reads for a problem demo mode cannot replay: the demo's limit, and what it can do. */
export function noRecordingSentence(recordings: readonly Recording[]): string {
  const list = recordings.map((recording, index) => `${index + 1}. ${recording.problem.replace(/\s+/g, ' ')}`).join('\n');
  return `Demo mode has no recording of this problem: it replays recorded sessions only, so this is the demo's limit, not your wording. Try one of the recorded problems:\n${list}\n(Set STEPWISE_MODEL_API_KEY to solve your own problems.)`;
}

function recordingFor(recordings: readonly Recording[], prompt: string): Recording | undefined {
  return recordings.find((candidate) => prompt.includes(candidate.problem.trim()));
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function matchKey(problem: string): string {
  return problem.toLowerCase().replace(/[\s$]+/g, ' ').trim();
}
