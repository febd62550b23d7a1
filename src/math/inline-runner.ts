/**
 * Runs render jobs on the calling thread, one at a time, within a budget: at most MAX_QUEUED_JOBS
 * wait, the event loop gets a turn between jobs, and a job that ran longer than the time limit is
 * answered with a TexError (which the renderer caches, so the same input is not drawn twice). No
 * drawing can be cut short on the calling thread: what bounds one is the input and pixel guards
 * (tex-guard.ts, rasterize-svg.ts). A worker pool (`workers` > 0) can stop one mid-way. Time spent
 * reading fonts (once each, for the first card in a script) is not counted against the budget.
 * MathJax and resvg load on the first job, not when the renderer is created.
 */
import { fontLoadingMs } from './font-load-time.ts';
import type { JobOutput, RenderJob } from './render-job.ts';
import type { RenderLimits } from './render-limits.ts';
import { TexError } from './tex-error.ts';
import { UserFacingError } from '../errors.ts';

/** Jobs that may wait before new ones are refused (the same bound as the worker pool's). */
export const MAX_QUEUED_JOBS = 1000;

type Runner = typeof import('./run-render-job.ts').runRenderJob;

/** The in-process job queue. */
export class InlineRunner {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  private runner: Promise<Runner> | undefined;

  constructor(private readonly limits: RenderLimits) {}

  /** Queues a job; rejects with UserFacingError when too many wait, TexError when it ran over its time. */
  run(job: RenderJob): Promise<JobOutput> {
    if (this.waiting >= MAX_QUEUED_JOBS) {
      return Promise.reject(new UserFacingError('Too many formulas are waiting to be drawn; try again in a moment.'));
    }
    this.waiting++;
    const result = this.tail.then(async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      const runRenderJob = await (this.runner ??= import('./run-render-job.ts').then((module) => module.runRenderJob));
      const started = performance.now();
      const loadingBefore = fontLoadingMs();
      const output = await runRenderJob(job, this.limits);
      const elapsed = performance.now() - started - (fontLoadingMs() - loadingBefore);
      if (elapsed > this.limits.renderTimeoutMs) {
        const tex = 'tex' in job ? job.tex : job.markdown;
        throw TexError.at(`Drawing took ${Math.round(elapsed)} ms, longer than the ${this.limits.renderTimeoutMs} ms allowed`, tex.slice(0, 200));
      }
      return output;
    }).finally(() => {
      this.waiting--;
    });
    this.tail = result.catch(() => undefined);
    return result;
  }
}
