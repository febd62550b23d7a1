/** Turns R1's output (reasoning + answer text) into a ladder of hints ending in the answer. */
import { matchingBrace } from './boxed.ts';
import { findFinalAnswer } from './final-answer.ts';
import type { DecisionLog, LadderDecision } from './ladder-decisions.ts';
import { findLeak, leaksAnswer } from './leak-guard.ts';
import { stepsFromProse } from './prose-steps.ts';
import { stepsFromReasoning } from './reasoning-steps.ts';
import { capSteps, type SolutionStep } from './step.ts';
import { parseStructuredSteps } from './structured-steps.ts';
import { normalizeMathDelimiters, tidy } from './tex-text.ts';

const MAX_STEPS = 6;

/** A rung is a nudge toward a step, a worked step, or (last) the answer. */
export type RungKind = 'nudge' | 'step' | 'answer';

/** One hint on the ladder. */
export interface Rung {
  /** What kind of help it gives. */
  readonly kind: RungKind;
  /** Markdown with TeX between `$..$` / `$$..$$`. */
  readonly text: string;
}

/** Where the steps of a ladder came from. */
export type LadderSource = 'structured' | 'answer-text' | 'reasoning' | 'answer-only' | 'authored';

/** The hints for one problem, in the order they are revealed. Never empty; ends with the answer. */
export interface HintLadder {
  /** Rungs in reveal order; the last one has kind `answer`. */
  readonly rungs: readonly Rung[];
  /** The final answer as TeX without delimiters, when R1 stated one. */
  readonly finalAnswer?: string;
  /** How the steps were recovered (for diagnostics and tests). */
  readonly source: LadderSource;
}

/** What the model produced for one problem. */
export interface ModelTrace {
  /** The chain of thought. */
  readonly reasoning: string;
  /** The answer text that followed it. */
  readonly answer: string;
  /** The problem, so that numbers it mentions are not mistaken for leaks. */
  readonly problem?: string;
}

/** Builds the ladder; falls back from the requested format to prose to reasoning. With `log`, records each decision. */
export function buildHintLadder(trace: ModelTrace, log?: DecisionLog): HintLadder {
  const answerText = normalizeMathDelimiters(trace.answer);
  const reasoning = normalizeMathDelimiters(trace.reasoning);
  const finalAnswer = findFinalAnswer(answerText, reasoning);
  const problem = trace.problem ?? '';
  const [steps, source] = recoverSteps(answerText, reasoning, finalAnswer, problem, log);
  const capped = capSteps(steps, MAX_STEPS, log);
  const { shown, withheld } = finalAnswer ? splitAtLeak(capped, finalAnswer, problem, log) : { shown: capped, withheld: [] };
  const safeNudge = (step: SolutionStep | undefined): Rung[] => {
    if (!step?.nudge) return [];
    const leak = finalAnswer ? findLeak(step.nudge, finalAnswer, problem) : undefined;
    if (leak === undefined) return [{ kind: 'nudge', text: tidy(step.nudge) }];
    log?.push({ action: 'withheld', text: step.nudge, matched: leak, reason: 'the nudge states the final answer: dropped' });
    return [];
  };
  const rungs: Rung[] = shown.flatMap((step) => {
    log?.push({ action: 'kept', text: step.work, nudge: step.nudge });
    return [...safeNudge(step), { kind: 'step' as const, text: tidy(stripBoxes(step.work)) }];
  });
  // The step that reaches the answer is withheld, but its nudge still helps.
  rungs.push(...safeNudge(withheld[0]));
  rungs.push({ kind: 'answer', text: answerRung(finalAnswer, withheld, answerText) });
  return { rungs, finalAnswer, source: rungs.length === 1 ? 'answer-only' : source };
}

/** The ladder and every decision behind it, for an instructor reading how it was cut. */
export function explainHintLadder(trace: ModelTrace): { ladder: HintLadder; decisions: LadderDecision[] } {
  const decisions: LadderDecision[] = [];
  return { ladder: buildHintLadder(trace, decisions), decisions };
}

function recoverSteps(answerText: string, reasoning: string, finalAnswer: string | undefined, problem: string, log?: DecisionLog): [SolutionStep[], LadderSource] {
  // Each candidate source logs into its own list; only the chosen one's decisions are kept.
  const chosen = (steps: SolutionStep[], source: LadderSource, reason: string, decisions: LadderDecision[] = []): [SolutionStep[], LadderSource] => {
    log?.push({ action: 'source', source, reason }, ...decisions);
    return [steps, source];
  };
  const structured = parseStructuredSteps(answerText);
  if (structured) return chosen(structured, 'structured', `the answer text uses the Step / Hint / Work format the prompt asks for (${structured.length} step${structured.length === 1 ? '' : 's'})`);
  const proseLog: LadderDecision[] = [];
  const prose = stepsFromProse(answerText, proseLog);
  if (prose.length >= 2) return chosen(prose, 'answer-text', `the answer text has no Step headings; its numbered items, headings or paragraphs give ${prose.length} steps`, proseLog);
  const reasoningLog: LadderDecision[] = [];
  const fromReasoning = stepsFromReasoning(reasoning, finalAnswer, problem, reasoningLog);
  if (fromReasoning.length > prose.length) {
    return chosen(fromReasoning, 'reasoning', `the answer text gives ${prose.length} step${prose.length === 1 ? '' : 's'}; the reasoning gives ${fromReasoning.length}`, reasoningLog);
  }
  return chosen(prose, 'answer-text', `neither the answer text nor the reasoning gives two steps; the answer text gives ${prose.length}`, proseLog);
}

/** Steps up to the first one that states the answer are shown; the rest join the answer rung. */
function splitAtLeak(steps: SolutionStep[], finalAnswer: string, problem: string, log?: DecisionLog): { shown: SolutionStep[]; withheld: SolutionStep[] } {
  const leak = steps.findIndex((step) => leaksAnswer(step.work, finalAnswer, problem));
  if (leak === -1) return { shown: steps, withheld: [] };
  for (const [index, step] of steps.slice(leak).entries()) {
    const matched = findLeak(step.work, finalAnswer, problem);
    const reason = index === 0 ? 'states the final answer: it joins the answer rung' : 'comes after the step that states the answer: it joins the answer rung';
    log?.push({ action: 'withheld', text: step.work, matched: matched ?? '(follows the leaking step)', reason });
  }
  return { shown: steps.slice(0, leak), withheld: steps.slice(leak) };
}

function answerRung(finalAnswer: string | undefined, withheld: SolutionStep[], answerText: string): string {
  const work = withheld.map((step) => stripBoxes(dropStandaloneBoxes(step.work))).join('\n\n');
  if (!finalAnswer) {
    return tidy(work || answerText || 'R1 finished without stating a final answer.');
  }
  const boxed = `**Answer:** $\\boxed{${finalAnswer}}$`;
  return tidy(work ? `${work}\n\n${boxed}` : boxed);
}

/** Removes math that is nothing but a box (`$$\boxed{x}$$`): the answer rung states it once, itself. */
function dropStandaloneBoxes(text: string): string {
  let result = text;
  for (let from = 0; ; ) {
    const match = /(\$\$?)\s*\\boxed\s*\{/.exec(result.slice(from));
    if (!match) return result;
    const start = from + match.index;
    const close = matchingBrace(result, result.indexOf('{', start));
    const tail = close === undefined ? null : /^\s*\$\$?/.exec(result.slice(close + 1));
    if (close === undefined || !tail) {
      from = start + 1;
      continue;
    }
    result = result.slice(0, start) + result.slice(close + 1 + tail[0].length);
  }
}

/** `\boxed{x}` -> `x`, and drops a "Final answer:" lead-in left on a work line. */
function stripBoxes(text: string): string {
  let result = text;
  for (;;) {
    const start = result.search(/\\boxed\s*\{/);
    if (start === -1) return result.replace(/^\s*(?:\*\*)?Final answer:?(?:\*\*)?\s*$/gim, '').trim();
    const open = result.indexOf('{', start);
    const close = matchingBrace(result, open) ?? result.length;
    result = result.slice(0, start) + result.slice(open + 1, close) + result.slice(close + 1);
  }
}
