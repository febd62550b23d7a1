import { Resvg } from '@resvg/resvg-js';
import katex from 'katex';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { constants, deflateSync } from 'node:zlib';
import { afterAll, bench, describe } from 'vitest';
import { formulasOf } from '../../src/math/card-formulas.ts';
import { cardSvg, type FormulaOutcome } from '../../src/math/draw-card.ts';
import { prepareFormula } from '../../src/math/draw-formula.ts';
import { drawWithMathJax } from '../../src/math/mathjax-drawer.ts';
import { encodePng } from '../../src/math/encode-png.ts';
import { createMathRenderer, DEFAULT_RENDER_LIMITS } from '../../src/math/index.ts';
import { outputScale } from '../../src/math/rasterize-svg.ts';
import { loadCards, loadFormulas } from './math-corpus.ts';

const formulas = loadFormulas();
const cards = await loadCards();
/** A fresh cache key per draw, so the bench measures drawing, not the cache. */
let salt = 0;
const fresh = (tex: string) => `${tex}\\mathstrut_{${salt++}}`;

const inline = createMathRenderer({ workers: 0, cacheBytes: 0 });
/** The pool Stepwise used before drawing in-process became the default: one worker per core but one (one here). */
const pooled = createMathRenderer({ workers: 1, cacheBytes: 0 });
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
  // The reference issue 18 measures against: MathJax to SVG and resvg's own PNG, with none of
  // Stepwise's validation, guards, cache, card layout or palette encoder.
  bench('plain MathJax + resvg loop (reference)', async () => {
    for (const formula of formulas) {
      try {
        const { body, viewBox, widthEm, ascentEm, descentEm } = await drawWithMathJax(formula.tex, formula.display, DEFAULT_RENDER_LIMITS);
        const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${viewBox.join(' ')}" width="${widthEm * 16}" height="${(ascentEm + descentEm) * 16}">${body}</svg>`;
        new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 } }).render().asPng();
      } catch {
        // Formulas MathJax refuses are refused by both routes.
      }
    }
  }, { iterations: 3 });
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

/** Each card's pixmap as resvg draws it, for the encoders below. */
const pixmaps = await Promise.all(cards.map(async (markdown) => {
  const formulas: FormulaOutcome[] = await Promise.all(formulasOf(markdown).map(async ({ tex, display }) => ({
    tex,
    display,
    result: await prepareFormula(tex, display, DEFAULT_RENDER_LIMITS).then((formula) => ({ formula }), (error: Error) => ({ error: error.message })),
  })));
  const { svg, width, height } = cardSvg(markdown, formulas, DEFAULT_RENDER_LIMITS);
  const rendered = new Resvg(svg, { fitTo: { mode: 'zoom', value: outputScale(width, height) }, font: { loadSystemFonts: false }, shapeRendering: 2 }).render();
  return { rendered, pixels: rendered.pixels, width: rendered.width, height: rendered.height };
}));
function rowsOf({ pixels, width, height }: { pixels: Uint8Array; width: number; height: number }): Buffer {
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rows.set(pixels.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  return rows;
}
const encodedBytes = new Map<string, number>();
const encoders: Array<[string, (image: (typeof pixmaps)[number]) => number]> = [
  ['Stepwise encodePng (palette when <= 256 colours, zlib level 1)', (image) => encodePng(image.pixels, image.width, image.height).length],
  ['zlib level 1, default strategy, RGBA', (image) => deflateSync(rowsOf(image), { level: 1 }).length],
  ["zlib's default (level 6), RGBA", (image) => deflateSync(rowsOf(image)).length],
  ['zlib run-length strategy, RGBA (the previous encoder)', (image) => deflateSync(rowsOf(image), { strategy: constants.Z_RLE }).length],
  ["resvg's own encoder (asPng)", (image) => image.rendered.asPng().length],
];
describe(`PNG encoding of the ${cards.length} cards' pixmaps (mean bytes printed after the run)`, () => {
  for (const [name, encode] of encoders) {
    bench(name, () => {
      let bytes = 0;
      for (const image of pixmaps) bytes += encode(image);
      encodedBytes.set(name, bytes / pixmaps.length);
    }, { iterations: 3 });
  }
});
afterAll(() => {
  for (const [name, bytes] of encodedBytes) console.log(`${name}: mean ${(bytes / 1024).toFixed(1)} KB a card`);
});

/** A fresh process from the compiled build: import, then time to the first formula, and the memory that takes. */
const FIRST_FORMULA = `
const started = performance.now();
const { createMathRenderer } = await import(process.argv[1]);
const renderer = createMathRenderer({ workers: Number(process.argv[2]) });
const imported = performance.now();
await renderer.renderTex('x^2-5x+6=0');
const drawn = performance.now();
await renderer.renderCard(process.argv[3]);
const carded = performance.now();
console.log(JSON.stringify({ importMs: imported - started, firstMs: drawn - imported, scriptCardMs: carded - drawn, rssMb: process.memoryUsage().rss / 1e6 }));
await renderer.close();
`;
/** The script reference cards joined: the first card that needs every fallback font. */
const FIRST_SCRIPT_CARD = (JSON.parse(readFileSync(new URL('../fixtures/math/script-cards.json', import.meta.url), 'utf8')) as Array<{ markdown: string }>)
  .map((card) => card.markdown).join('\n\n');
afterAll(() => {
  const compiled = new URL('../../dist/src/math/index.js', import.meta.url);
  if (!existsSync(compiled)) {
    console.log('first formula: no dist/ build (npm run build), not measured');
    return;
  }
  for (const workers of [0, 1]) {
    const runs = Array.from({ length: 3 }, () => {
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', FIRST_FORMULA, compiled.href, String(workers), FIRST_SCRIPT_CARD], { encoding: 'utf8' });
      try {
        return JSON.parse(child.stdout.trim()) as { importMs: number; firstMs: number; scriptCardMs: number; rssMb: number };
      } catch {
        console.log(`first formula (workers ${workers}): the child printed no result: ${child.stderr.slice(0, 300)}`);
        return undefined;
      }
    }).filter((run) => run !== undefined).sort((a, b) => a.firstMs - b.firstMs);
    const middle = runs[Math.floor(runs.length / 2)];
    if (middle) {
      console.log(`first formula in a fresh process, ${workers === 0 ? 'in-process (default)' : 'one-worker pool'}: import ${middle.importMs.toFixed(0)} ms, `
        + `then first formula ${middle.firstMs.toFixed(0)} ms, then a first card in Chinese, Arabic, Devanagari, Japanese and Korean (every font read) `
        + `${middle.scriptCardMs.toFixed(0)} ms, RSS ${middle.rssMb.toFixed(0)} MB (median of ${runs.length})`);
    }
  }
});
