/**
 * Keeps the final answer out of every rung before the last. The judge is mathematics: a text leaks
 * when any value it states (see stated-values.ts) is equivalent to the final answer by the same
 * checker students are judged with. String patterns stay only as a fast first pass.
 */
import type { AnswerCheck, AnswerOptions } from '../answers/index.ts';
import { statedValues, statedWord, type StatedAs, type StatedValue } from './stated-values.ts';

/** Answers shorter than this (after normalising) are only leaks when stated as a result. */
const MIN_DISTINCTIVE_CHARS = 3;
/**
 * Last-resort wall-clock guard for one equivalence check inside the leak guard. The checker's work is
 * bounded by the size of its input, so this is far above a check's cost (well under a millisecond);
 * a tight budget made the ladder depend on how loaded the machine was (a check cut short is "unsure",
 * which let a leak through).
 */
const CHECK_BUDGET_MS = 1000;
const MEMO_LIMIT = 20_000;

type Check = (reference: string, answer: string, options?: AnswerOptions) => AnswerCheck;
let checkEquivalence: Check | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads the answer checker (and mathjs under it) the leak guard judges with. It loads on the first
 * ladder, not when the engine starts; buildHintLadder refuses to guess without it.
 */
export function loadLeakGuard(): Promise<void> {
  loading ??= import('../answers/index.ts').then((answers) => {
    checkEquivalence = answers.checkEquivalence;
  });
  return loading;
}

/** Why a text was judged to give the answer away. */
export interface Leak {
  /** The value in the text that matched the answer (`\\boxed` for a box). */
  readonly value: string;
  /** How the text stated it. */
  readonly as: StatedAs | 'boxed';
}

/** Whether `text` gives away `finalAnswer` (TeX); `problem` is the problem statement. */
export function leaksAnswer(text: string, finalAnswer: string, problem = ''): boolean {
  return findLeak(text, finalAnswer, problem) !== undefined;
}

/** The first value in `text` that gives away `finalAnswer`, or undefined when none does. */
export function findLeak(text: string, finalAnswer: string, problem = ''): Leak | undefined {
  const boxed = /\\boxed\b|\\fbox\b/.test(text) ? ({ value: '\\boxed', as: 'boxed' } as const) : undefined;
  if (!finalAnswer.trim()) return boxed;
  return findStatedAnswer(text, finalAnswer, problem) ?? boxed;
}

function findStatedAnswer(text: string, finalAnswer: string, problem: string): Leak | undefined {
  const answer = judgeOf(finalAnswer, problem);
  if (answer.choice) {
    const as = statedChoice(text, answer.choice);
    return as ? { value: answer.choice, as } : undefined;
  }
  if (answer.isWord) {
    const as = statedWord(text, finalAnswer);
    return as && answer.leaksWhen(as) ? { value: finalAnswer, as } : undefined;
  }
  for (const stated of statedValues(text)) {
    if (answer.leaksWhen(stated.as) && answer.matches(stated)) return stated;
  }
  return undefined;
}

interface AnswerJudge {
  /** The letter, when the answer is a multiple-choice option. */
  readonly choice?: string;
  readonly isWord: boolean;
  leaksWhen(as: StatedAs): boolean;
  matches(stated: StatedValue): boolean;
}

const judges = new Map<string, AnswerJudge>();
const memo = new Map<string, boolean>();

/**
 * How to judge one answer: a short answer (`2`, `A`) or one the problem itself states leaks only
 * when a text states it as the result; any other answer leaks wherever it is stated.
 */
function judgeOf(finalAnswer: string, problem: string): AnswerJudge {
  const key = `${finalAnswer}\u0000${problem}`;
  const known = judges.get(key);
  if (known) return known;
  const shape = safeCheck(finalAnswer, finalAnswer)?.shape ?? 'unknown';
  const isWord = shape === 'text';
  const matches = (stated: StatedValue) => isEquivalent(finalAnswer, stated.value);
  const inProblem = isWord
    ? statedWord(problem, finalAnswer) !== undefined
    : statedValues(problem).some((stated) => matches(stated));
  const isShort = answerCore(finalAnswer).replace(/^-/, '').length < MIN_DISTINCTIVE_CHARS && /^-?\d$|^[a-z]$/i.test(answerCore(finalAnswer));
  const strict = inProblem || shape === 'choice';
  const leaksWhen = (as: StatedAs) => {
    if (strict) return as === 'result';
    if (isShort) return as === 'result' || as === 'quantity';
    return true;
  };
  const choice = shape === 'choice' ? /[A-J]/.exec(finalAnswer.replace(/\\text\{|\\textbf\{/g, ''))?.[0] : undefined;
  const judge = { choice, isWord, leaksWhen, matches };
  if (judges.size > 1000) judges.clear();
  judges.set(key, judge);
  return judge;
}

/** Equivalence by the student checker, with a fast numeric path and a memo. */
function isEquivalent(finalAnswer: string, value: string): boolean {
  if (/\d/.test(finalAnswer) && !/\d/.test(value)) return false;
  const plainAnswer = plainNumber(finalAnswer);
  const plainValue = plainNumber(value);
  if (plainAnswer !== undefined && plainValue !== undefined) return Math.abs(plainAnswer - plainValue) <= 1e-9 * Math.max(1, Math.abs(plainAnswer));
  const key = `${finalAnswer}\u0000${value}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const verdict = safeCheck(finalAnswer, value)?.verdict === 'equivalent';
  if (memo.size > MEMO_LIMIT) memo.clear();
  memo.set(key, verdict);
  return verdict;
}

function safeCheck(reference: string, value: string): AnswerCheck | undefined {
  if (!checkEquivalence) throw new Error('The leak guard judges with the answer checker: await loadLeakGuard() before building a ladder.');
  try {
    return checkEquivalence(reference, value, { timeBudgetMs: CHECK_BUDGET_MS });
  } catch {
    return undefined;
  }
}

/** `\$1{,}200`, `30^\circ`, `45\%` -> the number, or undefined when the text is not just a number. */
function plainNumber(text: string): number | undefined {
  const stripped = text
    .replace(/\\?\$|\^\s*\{?\\circ\}?|°|\\%|%|\\[,;! ]|\{,\}/g, '')
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .trim();
  return /^-?\d+(?:\.\d+)?$/.test(stripped) ? Number(stripped) : undefined;
}

/** A choice letter given as the pick: "the answer is (C)", "option C", "**C**". */
function statedChoice(text: string, letter: string): StatedAs | undefined {
  const picked = new RegExp(
    `(?:answer|option|choice|correct|pick|choose)\\b[^.\\n]{0,24}?\\(?\\b${letter}\\b\\)?(?![a-z])|\\b(?:is|:)\\s*\\(?${letter}\\)?(?![A-Za-z0-9])|\\*\\*\\(?${letter}\\)?\\*\\*`,
  );
  return picked.test(text) ? 'result' : undefined;
}

/** `x = \\frac{1}{2}` -> `\\frac{1}{2}`, normalised: what the answer is, without its label. */
function answerCore(answer: string): string {
  const normalized = answer
    .replace(/\\(?:left|right)\b|\$|\s+/g, '')
    .replace(/\\[dt]frac\b/g, '\\frac')
    .toLowerCase();
  const labelled = /^[a-z](?:_\{?\w+\}?)?=(.+)$/i.exec(normalized);
  return labelled?.[1] ?? normalized;
}
