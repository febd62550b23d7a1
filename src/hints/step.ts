/** A step of a solution before it becomes rungs: an optional nudge and the worked step. */
import type { DecisionLog } from './step-decisions.ts';

/** One step of the solution, as recovered from R1's output. */
export interface SolutionStep {
  /** A question or nudge toward the step, when one could be found or derived. */
  readonly nudge?: string;
  /** The worked step (Markdown + TeX). */
  readonly work: string;
}

/** Merges neighbouring steps so that at most `limit` remain, keeping their order. */
export function capSteps(steps: readonly SolutionStep[], limit: number, log?: DecisionLog): SolutionStep[] {
  if (steps.length <= limit) return [...steps];
  const merged: SolutionStep[] = [];
  for (let group = 0; group < limit; group++) {
    const from = Math.floor((group * steps.length) / limit);
    const to = Math.floor(((group + 1) * steps.length) / limit);
    const slice = steps.slice(from, to);
    if (slice.length > 1) log?.push({ action: 'merged', texts: slice.map((step) => step.work), reason: `more than ${limit} steps: neighbours are joined` });
    merged.push({ nudge: slice[0]?.nudge, work: slice.map((step) => step.work).join('\n\n') });
  }
  return merged;
}
