/**
 * What the ladder builder decided while recovering steps from R1's output (which source, and each
 * piece dropped or merged on the way), for `stepwise inspect`. What then happens to each step on
 * its way to a rung is the ladder's own `decisions`.
 */
import type { LadderSource } from './hint-ladder.ts';

/** One decision, in the order the builder made it. */
export type StepDecision =
  /** Where the steps came from, and why that source. */
  | { readonly action: 'source'; readonly source: LadderSource; readonly reason: string }
  /** A piece left out before it became a step, and why (restatement, self-check, monologue, heading, after the answer). */
  | { readonly action: 'dropped'; readonly text: string; readonly reason: string }
  /** Pieces joined into one step, and why. */
  | { readonly action: 'merged'; readonly texts: readonly string[]; readonly reason: string };

/** Where a builder stage writes its decisions; absent when nobody asked. */
export type DecisionLog = StepDecision[] | undefined;
