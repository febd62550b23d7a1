/** Entry point of a render worker thread: warms MathJax up, says it is ready, then runs jobs one at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import { onFontLoading } from './font-load-time.ts';
import { serializeError, type RenderJob } from './render-job.ts';
import { runRenderJob } from './run-render-job.ts';
import type { RenderLimits } from './render-limits.ts';

const WARM_UP_TEX = '\\frac{a}{b}+\\sqrt{x^2}';
const WARM_UP_CARD = 'Warm **up**: office AV.';

const limits = (workerData as { limits: RenderLimits }).limits;
const port = parentPort;
if (!port) throw new Error('render-worker.ts must run as a worker thread');

await runRenderJob({ kind: 'formula', tex: WARM_UP_TEX, display: true }, limits);
// Compiles fontkit's shaping code before the first card (about 150 ms on a first run).
await runRenderJob({ kind: 'card', markdown: WARM_UP_CARD, formulas: [] }, limits);
// Reading a font is one-time work, not the job's: the pool moves the job's deadline by as much.
onFontLoading((ms) => port.postMessage({ kind: 'fontLoading', ms }));
port.postMessage({ kind: 'ready' });
port.on('message', async (message: { id: number; job: RenderJob }) => {
  try {
    const output = await runRenderJob(message.job, limits);
    if (output.kind !== 'image') return port.postMessage({ kind: 'done', id: message.id, output });
    const png = new Uint8Array(output.png);
    port.postMessage({ kind: 'done', id: message.id, output: { ...output, png } }, [png.buffer]);
  } catch (error) {
    port.postMessage({ kind: 'failed', id: message.id, error: serializeError(error) });
  }
});
