/** Keeps the final answer out of every rung before the last. */
import { findBoxed } from './boxed.ts';

/** Answers shorter than this (after normalising) are only leaks when stated as a result. */
const MIN_DISTINCTIVE_CHARS = 3;

/**
 * Whether `text` gives away `finalAnswer` (TeX). A distinctive answer (`\frac{\sqrt3}{3}`, `496`)
 * leaks wherever it appears; a short one (`2`, `A`), or one the problem itself mentions (`9.8` in
 * "9.11 or 9.8?"), only when stated as a result ("= 2", "is 9.8").
 */
export function leaksAnswer(text: string, finalAnswer: string, problem = ''): boolean {
  return findLeak(text, finalAnswer, problem) !== undefined;
}

/** What in `text` gives the answer away (normalised: no spaces or `$`), or undefined when nothing does. */
export function findLeak(text: string, finalAnswer: string, problem = ''): string | undefined {
  const box = /\\boxed\b|\\fbox\b/.exec(text);
  if (box) {
    const content = findBoxed(text)[0];
    return content === undefined ? box[0] : `${box[0]}{${content}}`;
  }
  const core = answerCore(finalAnswer);
  if (!core) return undefined;
  const plainText = normalize(text);
  const isNumber = /^-?\d+(?:\.\d+)?$/.test(core);
  const mentionedByProblem = isNumber ? standalone(core).test(normalize(problem)) : normalize(problem).includes(core);
  if (core.length < MIN_DISTINCTIVE_CHARS || mentionedByProblem) return statesResult(plainText, core);
  if (isNumber) return standalone(core).exec(plainText)?.[0];
  if (plainText.includes(core)) return core;
  const whole = normalize(finalAnswer);
  return plainText.includes(whole) ? whole : undefined;
}

/** `x = \frac{1}{2}` -> `\frac{1}{2}`, normalised: what the answer is, without its label. */
function answerCore(answer: string): string {
  const normalized = normalize(answer);
  const labelled = /^[a-z](?:_\{?\w+\}?)?=(.+)$/i.exec(normalized);
  return labelled?.[1] ?? normalized;
}

/** The answer stated as a result (after `=`, "is", "equals", "get(s)", "gives", "≈"), as it appears. */
function statesResult(text: string, core: string): string | undefined {
  // A unit or spacing command may follow ("= 40\text{ mph}"); a multiplier may not ("= 2\sqrt{3}").
  const pattern = new RegExp(`(?:=|≈|\\\\approx|is|equals|gets?|gives|answer:?)\\{?${escape(core)}(?![\\d]|\\.\\d|[a-z(^_{]|\\\\(?!text|mathrm|%|,|;))`, 'i');
  return pattern.exec(text)?.[0];
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
