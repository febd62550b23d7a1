/**
 * 500 concurrent sessions at R1's real pace (about 200 characters a second per stream, one
 * ~4-character token per chunk as DeepSeek sends them), on the SQLite file store: every session
 * solves with live progress (throttled to one update a second, as the adapters do), renews its
 * lease, opens every hint and checks an answer. Budget (issue 13): event-loop delay p99 < 50 ms,
 * max < 100 ms. Prints the delays and the wall time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, bench, describe } from 'vitest';
import { createStore, throttle, type ModelEvent, type ReasoningModel, type SolveRequest, type Store } from '../../src/index.ts';
import { createAnswerChecker } from '../../src/answer-feedback.ts';
import { LINEAR_EQUATION, r1Events } from '../fakes/fake-reasoning-model.ts';
import { createTutorHarness } from '../support/tutor-harness.ts';

const CONCURRENT_SESSIONS = 500;
const CHARS_PER_SECOND = 200;
const CHUNK_CHARS = 4;
const STREAM_CHARS = 2_000; // ~10 s a stream at R1's pace
const PROGRESS_INTERVAL_MS = 1_000;
/** A class clicking "at once" spreads over about a second; every stream still overlaps every other. */
const ARRIVAL_SPREAD_MS = 1_000;
/** A student reads a hint for a second or two before the next click (or typing an answer). */
const READING_MS = { min: 1_000, spread: 2_000 };
const read = () => new Promise((resolve) => setTimeout(resolve, READING_MS.min + Math.random() * READING_MS.spread));
const REASONING = `${LINEAR_EQUATION.reasoning}\n\n`.repeat(Math.ceil(STREAM_CHARS / LINEAR_EQUATION.reasoning.length)).slice(0, STREAM_CHARS - LINEAR_EQUATION.answer.length);

/** R1 over the network at its real pace: one chunk every CHUNK_CHARS / CHARS_PER_SECOND seconds. */
class PacedReasoningModel implements ReasoningModel {
  readonly id = 'paced-r1';
  async *solve(request: SolveRequest): AsyncIterable<ModelEvent> {
    void request;
    for (const event of r1Events(REASONING, LINEAR_EQUATION.answer, CHUNK_CHARS)) {
      if (event.type === 'reasoning' || event.type === 'answer') await new Promise((resolve) => setTimeout(resolve, (CHUNK_CHARS / CHARS_PER_SECOND) * 1000));
      yield event;
    }
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'stepwise-concurrency-'));
let store: Store | undefined;
afterAll(async () => {
  await store?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe(`${CONCURRENT_SESSIONS} concurrent sessions at R1's pace (${CHARS_PER_SECOND} chars/s per stream, SQLite)`, () => {
  bench('a class solving at once, then climbing and checking; prints event-loop delay p99 and max', async () => {
    store = await createStore({ kind: 'sqlite', dataDir });
    const checker = createAnswerChecker();
    await checker('2', 'x = 2', {}); // the checker loads (mathjs, JIT warm-up) when a bot starts its first check, not per session
    const { tutor } = createTutorHarness(new PacedReasoningModel(), { store, checker, now: Date.now });

    const delay = monitorEventLoopDelay({ resolution: 5 });
    const started = performance.now();
    delay.enable();
    await Promise.all(Array.from({ length: CONCURRENT_SESSIONS }, async (_, index) => {
      const owner = { platform: 'bench', userId: `student-${index}` };
      await new Promise((resolve) => setTimeout(resolve, (index / CONCURRENT_SESSIONS) * ARRIVAL_SPREAD_MS));
      // Distinct problems: every stream is its own R1 call, none is shared through the cache.
      const session = await tutor.open({ problem: `Solve 2x + 3 = 7 (student ${index})`, owner });
      const progress = throttle<unknown>(() => {}, PROGRESS_INTERVAL_MS);
      const first = await tutor.solve(session.id, { onProgress: (update) => progress.push(update) });
      progress.cancel();
      await tutor.deliver(first, async () => {});
      for (let seen = 1; seen < 4; seen++) {
        await read();
        await tutor.deliver(await tutor.nextHint(session.id, seen, owner), async () => {});
      }
      await read();
      await tutor.checkAnswer(session.id, 'x = 2', owner);
    }));
    delay.disable();
    const seconds = (performance.now() - started) / 1000;
    const ms = (nanoseconds: number) => (nanoseconds / 1e6).toFixed(1);
    console.log(`${CONCURRENT_SESSIONS} sessions at R1's pace: event-loop delay p50 ${ms(delay.percentile(50))} ms, p99 ${ms(delay.percentile(99))} ms, max ${ms(delay.max)} ms; all done in ${seconds.toFixed(1)} s`);
  }, { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 });
});
