/**
 * Keeps the final answer out of every rung before the last. The judge is mathematics: a text leaks
 * when any value it states (see stated-values.ts) is equivalent to the final answer by the same
 * checker students are judged with. String patterns stay only as a fast first pass.
 */
import { checkEquivalence } from '../answers/index.ts';
import { statedValues, statedWord, type StatedAs, type StatedValue } from './stated-values.ts';

/** Answers shorter than this (after normalising) are only leaks when stated as a result. */
const MIN_DISTINCTIVE_CHARS = 3;
/** Time budget for one equivalence check inside the leak guard. */
const CHECK_BUDGET_MS = 25;
const MEMO_LIMIT = 20_000;

/** Why a text was judged to give the answer away. */
export interface Leak {
  /** The value in the text that matched the answer (or the pattern's match). */
  readonly value: string;
  /** How the text stated it. */
  readonly as: StatedAs | 'boxed' | 'pattern';
}

/** Whether `text` gives away `finalAnswer` (TeX); `problem` is the problem statement. */
export function leaksAnswer(text: string, finalAnswer: string, problem = ''): boolean {
  return findLeak(text, finalAnswer, problem) !== undefined;
}

/** The first value in `text` that gives away `finalAnswer`, or undefined when none does. */
export function findLeak(text: string, finalAnswer: string, problem = ''): Leak | undefined {
  if (/\\boxed\b|\\fbox\b/.test(text)) return { value: '\\boxed', as: 'boxed' };
  if (!finalAnswer.trim()) return undefined;
  if (leaksByPattern(text, finalAnswer, problem)) return { value: answerCore(finalAnswer), as: 'pattern' };
  const answer = judgeOf(finalAnswer, problem);
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
  const judge = { isWord, leaksWhen, matches };
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

function safeCheck(reference: string, value: string) {
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

/**
 * The old string test, kept as a fast first pass: a distinctive answer (`\frac{\sqrt3}{3}`, `496`)
 * leaks wherever it appears; a short one, or one the problem mentions, only when stated as a result.
 */
function leaksByPattern(text: string, finalAnswer: string, problem = ''): boolean {

  const core = answerCore(finalAnswer);
  if (!core) return false;
  const plainText = normalize(text);
  const isNumber = /^-?\d+(?:\.\d+)?$/.test(core);
  const mentionedByProblem = isNumber ? standalone(core).test(normalize(problem)) : normalize(problem).includes(core);
  if (core.length < MIN_DISTINCTIVE_CHARS || mentionedByProblem) return statesResult(plainText, core);
  return isNumber ? standalone(core).test(plainText) : plainText.includes(core) || plainText.includes(normalize(finalAnswer));
}

/** `x = \frac{1}{2}` -> `\frac{1}{2}`, normalised: what the answer is, without its label. */
function answerCore(answer: string): string {
  const normalized = normalize(answer);
  const labelled = /^[a-z](?:_\{?\w+\}?)?=(.+)$/i.exec(normalized);
  return labelled?.[1] ?? normalized;
}

/** The answer appears as a result: after `=`, "is", "equals", "get(s)", "gives", "≈". */
function statesResult(text: string, core: string): boolean {
  // A unit or spacing command may follow ("= 40\text{ mph}"); a multiplier may not ("= 2\sqrt{3}").
  const pattern = new RegExp(`(?:=|≈|\\\\approx|is|equals|gets?|gives|answer:?)\\{?${escape(core)}(?![\\d]|\\.\\d|[a-z(^_{]|\\\\(?!text|mathrm|%|,|;))`, 'i');
  return pattern.test(text);
}

/** The number on its own, not inside a longer number or a power. */
function standalone(number: string): RegExp {
  return new RegExp(`(?<![\\d.^_])${escape(number)}(?![\\d]|\\.\\d)`);
}

/** Drops spacing, `$`, `\left`/`\right`, multiplication dots and digit grouping so equal TeX compares equal. */
function normalize(text: string): string {
  return text
    .replace(/\\(?:left|right|big|Big|bigg|Bigg)\b/g, '')
    .replace(/\\[dt]frac\b/g, '\\frac')
    .replace(/\\cdot\b|\\times\b|\*/g, '')
    .replace(/\\[,;:! ]|~/g, '')
    .replace(/(\d)(?:,|\{,\})(?=\d{3}\b)/g, '$1')
    .replace(/[$\\](?=\d)|\$/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}
