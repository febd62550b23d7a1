/** Draws one render job on the current thread (a worker's, or the caller's when rendering in-process). */
import { drawCard } from './draw-card.ts';
import { drawFormulaImage, prepareFormula } from './draw-formula.ts';
import type { JobOutput, RenderJob } from './render-job.ts';
import type { RenderLimits } from './render-limits.ts';

/** Runs a job on the current thread. */
export async function runRenderJob(job: RenderJob, limits: RenderLimits): Promise<JobOutput> {
  if (job.kind === 'formulaSvg') return { kind: 'formulaSvg', formula: await prepareFormula(job.tex, job.display, limits) };
  if (job.kind === 'formula') {
    const image = await drawFormulaImage(job.tex, job.display, limits);
    return { kind: 'image', ...image, altText: job.tex, warnings: [] };
  }
  return { kind: 'image', ...drawCard(job.markdown, job.formulas, limits) };
}
