/** What the ladder builder decided about each piece of R1's output, for `stepwise inspect` and `prompt try`. */
import type { LadderSource } from './hint-ladder.ts';

/** One decision, in the order the builder made it. */
export type LadderDecision =
  /** Where the steps came from, and why that source. */
  | { readonly action: 'source'; readonly source: LadderSource; readonly reason: string }
  /** A step that became rungs. */
  | { readonly action: 'kept'; readonly text: string; readonly nudge?: string }
  /** A piece left out, and why (restatement, self-check, monologue, heading, after the answer). */
  | { readonly action: 'dropped'; readonly text: string; readonly reason: string }
  /** Pieces joined into one step, and why. */
  | { readonly action: 'merged'; readonly texts: readonly string[]; readonly reason: string }
  /** A step or nudge the leak guard kept out of the hints: it states the answer (`matched`). */
  | { readonly action: 'withheld'; readonly text: string; readonly matched: string; readonly reason: string };

/** Where a builder stage writes its decisions; absent when nobody asked. */
export type DecisionLog = LadderDecision[] | undefined;
