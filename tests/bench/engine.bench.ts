/**
 * Engine budgets (DESIGN.md): engine time on top of the model's own stream (< 1%), next hint
 * with the ladder stored (< 20 ms p99, SQLite), and the event loop under 500 concurrent sessions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { createLogger, createStore, drawView, OpenAiReasoningModel, type Actor, type Store } from '../../src/index.ts';
import { createMathRenderer } from '../../src/math/index.ts';
import { FakeReasoningModel, LINEAR_EQUATION, r1Events } from '../fakes/fake-reasoning-model.ts';
import { startFakeR1, type FakeR1Server } from '../fakes/fake-r1-server.ts';
import { createTutorHarness, type TutorHarness } from '../support/tutor-harness.ts';

const TRACE_TOKENS = 4_000;
const SESSIONS = 3_000;
/** Each session has three hints to open, so the two next-hint benches share 9,000 real advances. */
const HINT_ITERATIONS = 4_000;
const HINT_WARMUP = 200;
const CONCURRENT_SESSIONS = 500;
const student: Actor = { platform: 'bench', userId: 'student' };
/** R1's reasoning, ~4 characters a token, streamed one token per chunk as DeepSeek does. */
const LONG_REASONING = `${LINEAR_EQUATION.reasoning}\n\n`.repeat(Math.ceil((TRACE_TOKENS * 4) / LINEAR_EQUATION.reasoning.length)).slice(0, TRACE_TOKENS * 4);
const streamEvents = r1Events(LONG_REASONING, LINEAR_EQUATION.answer, 4);

const dataDir = mkdtempSync(join(tmpdir(), 'stepwise-bench-'));
let store: Store;
let hints: TutorHarness;
let fakeR1: FakeR1Server;
const sessionIds: string[] = [];
let cursor = 0;
let solves = 0;
const renderer = createMathRenderer();

beforeAll(async () => {
  store = await createStore({ kind: 'sqlite', dataDir });
  hints = createTutorHarness(new FakeReasoningModel([r1Events(LINEAR_EQUATION.reasoning, LINEAR_EQUATION.answer)]), { store });
  for (let index = 0; index < SESSIONS; index++) {
    const session = await hints.tutor.open({ problem: LINEAR_EQUATION.problem, owner: student });
    await hints.tutor.solve(session.id);
    sessionIds.push(session.id);
  }
  fakeR1 = await startFakeR1([{ reasoning: LONG_REASONING, answer: LINEAR_EQUATION.answer, chunkChars: 4 }]);
  await drawView(await hints.tutor.view(sessionIds[0] ?? '', student), renderer);
});

afterAll(async () => {
  await renderer.close();
  await fakeR1.close();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The next rung of the next session with rungs left (each session has 3 hints to open). */
async function openNextHint() {
  const id = sessionIds[cursor % sessionIds.length] ?? '';
  const seen = 1 + Math.floor(cursor / sessionIds.length);
  cursor++;
  const view = await hints.tutor.nextHint(id, seen, student);
  if (view.parts[0]?.type !== 'hint') throw new Error(`bench ran out of hints to open at ${cursor}`);
  return view;
}

describe(`solve: a ${TRACE_TOKENS.toLocaleString('en')}-token R1 stream, ms per solve (compare with the stream's own duration)`, () => {
  bench('engine only: scripted model, memory store (stream consumption + ladder + session writes)', async () => {
    const harness = createTutorHarness(new FakeReasoningModel([streamEvents]));
    const session = await harness.tutor.open({ problem: `Solve 2x + 3 = 7 (${solves++})`, owner: student });
    await harness.tutor.solve(session.id, { onProgress: () => {} });
  }, { time: 3_000 });

  bench('real openai client over loopback SSE + engine', async () => {
    const model = new OpenAiReasoningModel({
      apiKey: 'sk-bench', baseUrl: fakeR1.url, model: 'deepseek-reasoner', firstTokenTimeoutMs: 10_000, overallTimeoutMs: 60_000,
      maxRetries: 0, retryBaseDelayMs: 1, logger: createLogger(process.stderr, 'error', []),
    });
    const harness = createTutorHarness(model);
    const session = await harness.tutor.open({ problem: `Solve 2x + 3 = 7 (${solves++})`, owner: student });
    await harness.tutor.solve(session.id, { onProgress: () => {} });
  }, { time: 3_000 });
});

describe(`next hint with the ladder stored (SQLite file, ${SESSIONS.toLocaleString('en')} sessions)`, () => {
  const fixed = { iterations: HINT_ITERATIONS, warmupIterations: HINT_WARMUP, time: 0, warmupTime: 0 };
  bench('tutor.nextHint (compare-and-set on the SQLite store)', async () => {
    await openNextHint();
  }, fixed);

  bench('tutor.nextHint + drawView (render cache warm)', async () => {
    await drawView(await openNextHint(), renderer);
  }, fixed);
});

describe(`${CONCURRENT_SESSIONS} concurrent sessions in one process`, () => {
  bench('solve and open every hint at once; prints the worst event-loop delay', async () => {
    const harness = createTutorHarness(new FakeReasoningModel([r1Events(LINEAR_EQUATION.reasoning, LINEAR_EQUATION.answer)], 'fake-r1', true), { store });
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    await Promise.all(Array.from({ length: CONCURRENT_SESSIONS }, async (_, index) => {
      const owner = { platform: 'bench', userId: `student-${index}` };
      const session = await harness.tutor.open({ problem: `Solve ${index}x + 3 = 7`, owner });
      await harness.tutor.solve(session.id);
      for (let seen = 1; seen < 4; seen++) await harness.tutor.nextHint(session.id, seen, owner);
    }));
    delay.disable();
    console.log(`event loop with ${CONCURRENT_SESSIONS} concurrent sessions: max delay ${(delay.max / 1e6).toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms`);
  }, { iterations: 3, time: 0, warmupIterations: 0 });
});
