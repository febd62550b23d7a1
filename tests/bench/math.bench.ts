import katex from 'katex';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, bench, describe } from 'vitest';
import { createMathRenderer } from '../../src/math/index.ts';
import { loadCards, loadFormulas } from './math-corpus.ts';

const formulas = loadFormulas();
const cards = await loadCards();
/** A fresh cache key per draw, so the bench measures drawing, not the cache. */
let salt = 0;
const fresh = (tex: string) => `${tex}\\mathstrut_{${salt++}}`;

const inline = createMathRenderer({ workers: 0, cacheBytes: 0 });
/** The pool as Stepwise runs it: one worker per core but one (so one here, on two cores). */
const pooled = createMathRenderer({ cacheBytes: 0 });
afterAll(async () => {
  await Promise.all([inline.close(), pooled.close()]);
});

async function drawCorpus(renderer: ReturnType<typeof createMathRenderer>): Promise<void> {
  for (const formula of formulas) await renderer.renderTex(fresh(formula.tex), { display: formula.display }).catch(() => undefined);
}

describe(`one pass over the ${formulas.length}-formula corpus (formulas/s = hz × ${formulas.length})`, () => {
  bench('KaTeX renderToString (floor)', () => {
    for (const formula of formulas) {
      try {
        katex.renderToString(formula.tex, { displayMode: formula.display, throwOnError: true, strict: 'ignore' });
      } catch {
        // KaTeX-only failures are counted by the renderer tests, not here.
      }
    }
  }, { iterations: 5 });
  bench('renderTex on the calling thread', () => drawCorpus(inline), { iterations: 3 });
  bench('renderTex on the worker pool (default size)', () => drawCorpus(pooled), { iterations: 3 });
});

/** Per-call times, printed as median and p95 (vitest bench itself prints p75 and p99). */
const timings = new Map<string, number[]>();
async function timed(name: string, work: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await work();
  timings.set(name, [...(timings.get(name) ?? []), performance.now() - started]);
}
afterAll(() => {
  for (const [name, values] of timings) {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (share: number) => (sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0).toFixed(2);
    console.log(`${name}: median ${at(0.5)} ms, p95 ${at(0.95)} ms over ${sorted.length} calls`);
  }
});

describe('per formula (median/p95 printed after the run)', () => {
  let index = 0;
  bench('renderTex, one formula, calling thread', async () => {
    const formula = formulas[index++ % formulas.length];
    if (formula) await timed('one formula, calling thread', () => inline.renderTex(fresh(formula.tex), { display: formula.display }).catch(() => undefined));
  }, { iterations: formulas.length, warmupIterations: 50 });
});

describe('per hint card (median/p95 printed after the run)', () => {
  let index = 0;
  const drawCard = (renderer: ReturnType<typeof createMathRenderer>, name: string) => async () => {
    const markdown = cards[index++ % cards.length] ?? '';
    await timed(name, () => renderer.renderCard(`${markdown} (${salt++})`));
  };
  const blocking = monitorEventLoopDelay({ resolution: 1 });
  /** On the calling thread a card is drawn synchronously, so the loop is blocked for the whole draw time shown here. */
  bench('renderCard on the calling thread', drawCard(inline, 'one card, calling thread'), { iterations: cards.length, warmupIterations: 10 });
  bench('renderCard on the worker pool', drawCard(pooled, 'one card, worker pool'), {
    iterations: cards.length,
    warmupIterations: 10,
    setup: () => {
      blocking.enable();
    },
    teardown: () => {
      blocking.disable();
      console.log(`event loop, worker pool: max blocked ${(blocking.max / 1e6).toFixed(1)} ms, p99 ${(blocking.percentile(99) / 1e6).toFixed(1)} ms`);
      console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
      blocking.reset();
    },
  });
});
