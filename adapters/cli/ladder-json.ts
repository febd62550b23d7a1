/** The JSON shape `solve --json` and `hints --from-trace` print, one object per problem. */
import type { HintLadder, Usage } from '../../src/index.ts';

/** `{ problem, hints: [{ kind, text }], answer, reasoning, usage }`; text is Markdown with $TeX$. */
export interface LadderJson {
  readonly problem: string;
  readonly hints: { readonly kind: string; readonly text: string }[];
  /** The final answer as Markdown with TeX (`$...$`), or null when R1 stated none. */
  readonly answer: string | null;
  readonly reasoning: string;
  /** Tokens paid; null when no model was called (a cached ladder, or a trace). */
  readonly usage: Usage | null;
}

/** Shapes a ladder for printing. */
export function ladderJson(problem: string, ladder: HintLadder, reasoning: string, usage: Usage | undefined): LadderJson {
  return {
    problem,
    hints: ladder.rungs.map((rung) => ({ kind: rung.kind, text: rung.text })),
    answer: ladder.finalAnswer === undefined ? null : `$${ladder.finalAnswer}$`,
    reasoning,
    usage: usage ?? null,
  };
}
