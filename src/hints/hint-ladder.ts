/** Turns R1's output (reasoning + answer text) into a ladder of hints ending in the answer. */
import { lastBoxed, matchingBrace } from './boxed.ts';
import { findFinalAnswer, leadingConclusion } from './final-answer.ts';
import { findLeak, loadLeakGuard, type Leak } from './leak-guard.ts';
import { stepsFromProse } from './prose-steps.ts';
import { stepsFromReasoning } from './reasoning-steps.ts';
import { capSteps, type SolutionStep } from './step.ts';
import { parseStructuredSteps } from './structured-steps.ts';
import { cleanRungText, plainTitle, repeats, sayingOf, withoutLead } from './rung-text.ts';
import type { DecisionLog, StepDecision } from './step-decisions.ts';
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

/** What happened to one piece of the solution on its way to the ladder (for an inspector). */
export interface LadderDecision {
  /** The step (0-based, after capping) or reasoning segment it concerns. */
  readonly step: number;
  /** Kept as rungs, cut to the part before the answer, withheld into the answer rung, dropped, or used as a nudge. */
  readonly action: 'kept' | 'cut' | 'withheld' | 'dropped' | 'nudge';
  /** Why, in a few words. */
  readonly reason: string;
  /** The value that matched the final answer, when the leak guard decided. */
  readonly matched?: string;
  /** The text it concerns, as it was then (for an inspector). */
  readonly text?: string;
}

/** The hints for one problem, in the order they are revealed. Never empty; ends with the answer. */
export interface HintLadder {
  /** Rungs in reveal order; the last one has kind `answer`. */
  readonly rungs: readonly Rung[];
  /** The final answer as TeX without delimiters, when R1 stated one. */
  readonly finalAnswer?: string;
  /** How the steps were recovered (for diagnostics and tests). */
  readonly source: LadderSource;
  /** Why each step was kept, cut, withheld or dropped (for diagnostics and an inspector). */
  readonly decisions?: readonly LadderDecision[];
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

/** Nudges taken from the reasoning when no step before the answer can be shown. */
const MAX_REASONING_NUDGES = 2;
/** A nudge longer than this that opens its own step is dropped; a shorter one stays as the step's title. */
const MAX_LEAD_NUDGE_CHARS = 80;
/** A cut step must keep at least this much text to be worth a rung. */
const MIN_CUT_CHARS = 25;

/** Loads the leak guard's checker, then builds the ladder. */
export async function createHintLadder(trace: ModelTrace): Promise<HintLadder> {
  await loadLeakGuard();
  return buildHintLadder(trace);
}

/**
 * Builds the ladder (after loadLeakGuard); falls back from the requested format to prose to
 * reasoning. With `log`, records how the steps were recovered.
 */
export function buildHintLadder(trace: ModelTrace, log?: DecisionLog): HintLadder {
  const fullAnswerText = normalizeMathDelimiters(trace.answer);
  const reasoning = normalizeMathDelimiters(trace.reasoning);
  const problem = trace.problem ?? '';
  const finalAnswer = findFinalAnswer(fullAnswerText, reasoning, problem);
  // An unboxed answer that opens with its conclusion: the steps are what explains it.
  const conclusion = lastBoxed(fullAnswerText) === undefined ? leadingConclusion(fullAnswerText, problem) : undefined;
  const answerText = conclusion ? fullAnswerText.slice(fullAnswerText.indexOf(conclusion.sentence) + conclusion.sentence.length).trim() : fullAnswerText;
  const decisions: LadderDecision[] = [];
  if (conclusion) decisions.push({ step: 0, action: 'withheld', reason: 'the answer text opens with its conclusion', matched: conclusion.answer, text: conclusion.sentence });
  const leakOf = (text: string) => (finalAnswer ? findLeak(text, finalAnswer, problem) : undefined);
  const [steps, source] = recoverSteps(answerText, reasoning, finalAnswer, problem, log);
  const capped = capSteps(steps, MAX_STEPS, log);
  const { shown, withheld } = splitAtLeak(capped, leakOf, decisions);
  const candidates: Rung[] = [];
  shown.forEach((step) => {
    if (step.nudge) candidates.push({ kind: 'nudge', text: nudgeText(step.nudge) });
    candidates.push({ kind: 'step', text: stripBoxes(step.work) });
  });
  // The step that reaches the answer is withheld, but its nudge still helps.
  if (withheld[0]?.nudge) candidates.push({ kind: 'nudge', text: nudgeText(withheld[0].nudge) });
  let rungs = finishRungs(candidates, leakOf, decisions);
  if (rungs.length === 0 && hasSeveralSteps(capped, answerText)) {
    rungs = finishRungs(reasoningNudges(reasoning, finalAnswer, problem, decisions), leakOf, decisions);
  }
  const answerWork = conclusion ? [...withheld, { work: conclusion.sentence }] : withheld;
  rungs.push({ kind: 'answer', text: cleanRungText(answerRung(finalAnswer, answerWork, answerText)) || answerRung(finalAnswer, [], answerText) });
  return { rungs, finalAnswer, source: rungs.length === 1 ? 'answer-only' : source, decisions };
}

/** A nudge as one plain line: a heading's short title, or a longer lead sentence as R1 wrote it (without emphasis). */
function nudgeText(nudge: string): string {
  return nudge.length > MAX_LEAD_NUDGE_CHARS ? nudge.replace(/\*\*|__/g, '').trim() : plainTitle(nudge);
}

/** Cleans each candidate, drops repeats and anything that still gives the answer away. */
function finishRungs(candidates: Rung[], leakOf: (text: string) => Leak | undefined, decisions: LadderDecision[]): Rung[] {
  const rungs: Rung[] = [];
  candidates.forEach((candidate, index) => {
    const next = candidates[index + 1];
    let text = cleanRungText(candidate.text);
    const previous = rungs.at(-1);
    if (candidate.kind === 'nudge' && next?.kind === 'step' && text.length > MAX_LEAD_NUDGE_CHARS && sayingOf(cleanRungText(next.text)).startsWith(sayingOf(text))) {
      return void decisions.push({ step: index, action: 'dropped', reason: 'nudge repeats the first sentence of its step', text });
    }
    if (candidate.kind === 'step' && previous?.kind === 'nudge') text = withoutLead(text, previous.text);
    if (!text) return void decisions.push({ step: index, action: 'dropped', reason: 'nothing left after removing monologue', text: candidate.text });
    if (rungs.some((rung) => repeats(rung.text, text))) return void decisions.push({ step: index, action: 'dropped', reason: 'repeats an earlier rung', text });
    if (candidate.kind === 'nudge' && next?.kind === 'step' && sayingOf(cleanRungText(next.text)) === sayingOf(text)) {
      return void decisions.push({ step: index, action: 'dropped', reason: 'nudge says what its step says', text });
    }
    const leak = leakOf(text);
    if (leak) return void decisions.push({ step: index, action: 'dropped', reason: `states the answer (${leak.as})`, matched: leak.value, text });
    rungs.push({ kind: candidate.kind, text });
  });
  return rungs;
}

/** Whether R1 wrote more than one step (so a ladder of one rung would be no ladder). */
function hasSeveralSteps(steps: SolutionStep[], answerText: string): boolean {
  return steps.length >= 2 || answerText.trim().split(/\n\s*\n|\n(?=\s*(?:\d+[.)]|[-*])\s)/).filter((piece) => piece.trim()).length >= 2;
}

/** The reasoning's segments before it first reaches the answer (and the start of that one), as nudges. */
function reasoningNudges(reasoning: string, finalAnswer: string | undefined, problem: string, decisions: LadderDecision[]): Rung[] {
  const leakOf = (text: string) => (finalAnswer ? findLeak(text, finalAnswer, problem) : undefined);
  const picked: string[] = [];
  for (const segment of stepsFromReasoning(reasoning, finalAnswer, problem).map((step) => step.work)) {
    if (picked.length >= MAX_REASONING_NUDGES) break;
    if (!leakOf(segment)) {
      picked.push(segment);
      continue;
    }
    const before = partBeforeLeak(segment, leakOf);
    if (before) picked.push(before);
    break;
  }
  picked.forEach((segment, index) => decisions.push({ step: index, action: 'nudge', reason: 'reasoning before the answer, used because no step before it could be shown', text: segment }));
  return picked.map((text) => ({ kind: 'nudge' as const, text }));
}

function recoverSteps(answerText: string, reasoning: string, finalAnswer: string | undefined, problem: string, log?: DecisionLog): [SolutionStep[], LadderSource] {
  // Each candidate source logs into its own list; only the chosen one's decisions are kept.
  const chosen = (steps: SolutionStep[], source: LadderSource, reason: string, decisions: StepDecision[] = []): [SolutionStep[], LadderSource] => {
    log?.push({ action: 'source', source, reason }, ...decisions);
    return [steps, source];
  };
  const structured = parseStructuredSteps(answerText);
  if (structured) return chosen(structured, 'structured', `the answer text uses the Step / Hint / Work format the prompt asks for (${plural(structured.length, 'step')})`);
  const proseLog: StepDecision[] = [];
  const prose = stepsFromProse(answerText, proseLog);
  if (prose.length >= 2) return chosen(prose, 'answer-text', `the answer text has no Step headings; its numbered items, headings or paragraphs give ${plural(prose.length, 'step')}`, proseLog);
  const reasoningLog: StepDecision[] = [];
  const fromReasoning = stepsFromReasoning(reasoning, finalAnswer, problem, reasoningLog);
  if (fromReasoning.length > prose.length) {
    return chosen(fromReasoning, 'reasoning', `the answer text gives ${plural(prose.length, 'step')}; the reasoning gives ${fromReasoning.length}`, reasoningLog);
  }
  return chosen(prose, 'answer-text', `neither the answer text nor the reasoning gives two steps; the answer text gives ${plural(prose.length, 'step')}`, proseLog);
}

/** The ladder and how its steps were recovered, for an instructor reading how it was cut. */
export async function explainHintLadder(trace: ModelTrace): Promise<{ ladder: HintLadder; steps: StepDecision[] }> {
  await loadLeakGuard();
  const steps: StepDecision[] = [];
  return { ladder: buildHintLadder(trace, steps), steps };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Steps up to the first one that states the answer are shown; the part of that step before the
 * sentence that states it is shown too; the rest joins the answer rung.
 */
function splitAtLeak(
  steps: SolutionStep[],
  leakOf: (text: string) => Leak | undefined,
  decisions: LadderDecision[],
): { shown: SolutionStep[]; withheld: SolutionStep[] } {
  for (const [index, step] of steps.entries()) {
    const leak = leakOf(step.work);
    if (!leak) {
      decisions.push({ step: index, action: 'kept', reason: 'states nothing equivalent to the answer', text: step.work });
      continue;
    }
    const shown = steps.slice(0, index);
    const before = partBeforeLeak(step.work.trim(), leakOf);
    const rest = steps.slice(index + 1);
    steps.slice(index + 1).forEach((later, offset) => decisions.push({ step: index + 1 + offset, action: 'withheld', reason: 'after the step that reaches the answer', text: later.work }));
    if (before) {
      shown.push({ nudge: step.nudge, work: before });
      decisions.push({ step: index, action: 'cut', reason: 'shown up to the sentence that states the answer', matched: leak.value, text: step.work });
      // The answer rung carries on from where the shown part stopped; the nudge was shown above it.
      return { shown, withheld: [{ work: step.work.slice(before.length).trim() }, ...rest] };
    }
    decisions.push({ step: index, action: 'withheld', reason: 'states the answer', matched: leak.value, text: step.work });
    return { shown, withheld: [step, ...rest] };
  }
  return { shown: steps, withheld: [] };
}

/** The start of `work` up to the first line or sentence that gives the answer away. */
function partBeforeLeak(work: string, leakOf: (text: string) => Leak | undefined): string | undefined {
  const ends = [...work.matchAll(/[.!?:](?=\s+[A-Z*$\\])|\n/g)].map((match) => (match.index ?? 0) + match[0].length);
  let kept = 0;
  for (const end of [...ends, work.length]) {
    const piece = work.slice(0, end);
    if (inDisplayMath(piece)) continue;
    if (leakOf(piece)) break;
    kept = end;
  }
  const text = work.slice(0, kept).trim();
  return text.replace(/[\s:]+$/, '').length >= MIN_CUT_CHARS && text !== work.trim() ? text : undefined;
}

/** Whether `text` ends inside an unclosed `$$` block or `$` span. */
function inDisplayMath(text: string): boolean {
  const display = (text.match(/\$\$/g) ?? []).length;
  const inline = (text.replace(/\$\$/g, '').match(/(?<!\\)\$/g) ?? []).length;
  return display % 2 === 1 || inline % 2 === 1;
}

function answerRung(finalAnswer: string | undefined, withheld: SolutionStep[], answerText: string): string {
  const work = withheld.map((step) => stripBoxes(dropStandaloneBoxes(step.work))).join('\n\n');
  if (!finalAnswer) {
    return tidy(work || answerText || 'R1 finished without stating a final answer.');
  }
  const boxed = `**Answer:** $\\boxed{${finalAnswer}}$`;
  return tidy(work ? `${work}\n\n${boxed}` : boxed);
}

/**
 * Removes math that is nothing but a box on its own line (`$$\boxed{x}$$`): the answer rung states
 * it once, itself. A box inside a sentence keeps its value ("... is $13000_5$.").
 */
function dropStandaloneBoxes(text: string): string {
  let result = text;
  for (let from = 0; ; ) {
    const match = /(?:^|\n)[ \t]*\$\$?\s*\\boxed\s*\{/.exec(result.slice(from));
    if (!match) return result;
    const start = from + match.index + (match[0].startsWith('\n') ? 1 : 0);
    const close = matchingBrace(result, result.indexOf('{', start));
    const tail = close === undefined ? null : /^\s*\$\$?[ \t.]*(?=\n|$)/.exec(result.slice(close + 1));
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
