/**
 * The leak guard for replies: the rungs' guard (by equivalence, src/hints/leak-guard.ts) applied to
 * what the tutor is about to say, with what a conversation adds: numbers written as words or in
 * another language, a short answer stated bare ("it's 2"), and the result of the withheld step.
 */
import type { AnswerCheck, AnswerOptions } from '../answers/index.ts';
import { findLeak, loadLeakGuard, type Leak } from '../hints/leak-guard.ts';
import { statedValues, type StatedValue } from '../hints/stated-values.ts';
import { normalizeNumberWords } from './number-words.ts';

/** Values the withheld step states, beyond the final answer, that the guard also holds back. */
const MAX_STEP_RESULTS = 6;
/**
 * Time for one equivalence check in the second opinion. The rungs' guard memoises its verdicts, a
 * check that ran out of time ("unsure") included, so a reply gets a second, unmemoised look with
 * time to finish.
 */
const SECOND_OPINION_BUDGET_MS = 500;

let checkEquivalence: ((reference: string, answer: string, options?: AnswerOptions) => AnswerCheck) | undefined;

/** Loads the answer checker the guard judges with (mathjs under it): on the first reply, not when the engine starts. */
export async function loadReplyGuard(): Promise<void> {
  await loadLeakGuard();
  checkEquivalence ??= (await import('../answers/index.ts')).checkEquivalence;
}

/** What one reply is guarded against. */
export interface ReplyGuard {
  /** The values a reply must not state: the final answer first, then the withheld step's results. */
  readonly targets: readonly string[];
  /** What the student already has (the problem and the rungs they opened): values stated there may be mentioned. */
  readonly context: string;
}

/** The guard for a session whose answer rung is `answerRung` and whose student has `shown` (problem and opened rungs). */
export function createReplyGuard(finalAnswer: string | undefined, answerRung: string | undefined, shown: readonly string[]): ReplyGuard {
  const context = shown.join('\n\n');
  const targets = finalAnswer?.trim() ? [finalAnswer.trim()] : [];
  if (answerRung) {
    // The withheld step's results: what its equations end in, unless the student has seen them already.
    for (const stated of statedValues(answerRung)) {
      if (targets.length > MAX_STEP_RESULTS) break;
      if (stated.as !== 'result' || targets.includes(stated.value) || appearsIn(context, stated.value)) continue;
      if (/^\\boxed/.test(stated.value)) continue;
      targets.push(stated.value);
    }
  }
  return { targets, context };
}

/** The first value in `text` that gives away a target, or undefined when the text is safe to show. */
export function findReplyLeak(text: string, guard: ReplyGuard): Leak | undefined {
  const normalized = normalizeNumberWords(text);
  const boxed = findLeak(normalized, '', guard.context);
  if (boxed) return boxed;
  for (const target of guard.targets) {
    const leak = findLeak(normalized, target, guard.context) ?? bareNumber(normalizeNumberWords(text, false), target, guard.context) ?? secondOpinion(normalized, target, guard.context);
    if (leak) return leak;
  }
  return undefined;
}

/**
 * The longest start of `text` made of whole sentences that passes the guard: what may be streamed
 * to the student while the rest is still coming. A sentence is whole once something follows its end.
 */
export function guardedPrefix(text: string, guard: ReplyGuard): string {
  const ends = [...text.matchAll(/[.!?:;](?=\s)|\n/g)].map((match) => (match.index ?? 0) + match[0].length);
  let kept = '';
  for (const end of ends) {
    const piece = text.slice(0, end);
    if (inMath(piece)) continue;
    if (findReplyLeak(piece, guard)) break;
    kept = piece;
  }
  return kept.trimEnd();
}

/**
 * Guards a reply as it streams: `push(text so far)` returns what may be shown. The guard runs only
 * when a sentence ends, and once a sentence leaks nothing more is shown from that draft.
 */
export function createStreamGuard(guard: ReplyGuard): { push(text: string): string } {
  let shown = '';
  let checkedEnd = 0;
  let hasLeaked = false;
  return {
    push(text) {
      if (hasLeaked) return shown;
      const ends = [...text.matchAll(/[.!?:;](?=\s)|\n/g)].map((match) => (match.index ?? 0) + match[0].length);
      const lastEnd = ends.at(-1) ?? 0;
      if (lastEnd <= checkedEnd) return shown;
      checkedEnd = lastEnd;
      // The whole text, so the last finished sentence keeps the space that marks it finished.
      const safe = guardedPrefix(text, guard);
      const isWhole = safe.length >= text.slice(0, lastEnd).trimEnd().length;
      // A shorter safe part means a sentence leaked (or math is still open: wait for more).
      if (!isWhole && !inMath(text.slice(0, lastEnd))) hasLeaked = findReplyLeak(text.slice(0, lastEnd), guard) !== undefined;
      if (safe.length > shown.length) shown = safe;
      return shown;
    },
  };
}

/**
 * A short number answer ("2") stated bare in a sentence ("it's 2", "la respuesta: 2") leaks when the
 * student has not seen that number: the rungs' guard lets bare small numbers pass, since a ladder
 * mentions them in passing; a reply to "just tell me" must not.
 */
function bareNumber(text: string, target: string, context: string): Leak | undefined {
  const value = plainNumber(target);
  if (value === undefined || appearsIn(context, target)) return undefined;
  for (const stated of statedValues(text)) {
    const number = plainNumber(stated.value);
    if (number !== undefined && Math.abs(number - value) <= 1e-9 * Math.max(1, Math.abs(value))) return { value: stated.value, as: stated.as };
  }
  return undefined;
}

/**
 * The rungs' guard's rule again, judged with time to finish: a value stated as a result (or with a
 * unit) that is equivalent to the target leaks; so does any other math that is, unless the target
 * is short (`2`, `x`) or the student has it already.
 */
function secondOpinion(text: string, target: string, context: string): Leak | undefined {
  const isShort = /^-?\d$|^[a-z]$/i.test(target.replace(/^\s*[a-zA-Z]\s*=\s*/, '').replace(/[\s$]/g, ''));
  const isKnown = appearsIn(context, target);
  const counts = (stated: StatedValue) => stated.as === 'result' || (!isKnown && (stated.as === 'quantity' || (!isShort && stated.as === 'math')));
  for (const stated of statedValues(text)) {
    if (!counts(stated) || (/\d/.test(target) && !/\d/.test(stated.value))) continue;
    if (!checkEquivalence) throw new Error('The reply guard judges with the answer checker: await loadReplyGuard() first.');
    try {
      if (checkEquivalence(target, stated.value, { timeBudgetMs: SECOND_OPINION_BUDGET_MS }).verdict === 'equivalent') return { value: stated.value, as: stated.as };
    } catch {
      // A value the checker cannot read is not the answer.
    }
  }
  return undefined;
}

/** Whether the number or expression `value` is written in `text` (digits not part of a longer number). */
function appearsIn(text: string, value: string): boolean {
  const core = value.replace(/^\s*[a-zA-Z]\s*=\s*/, '').replace(/\s+/g, '');
  if (!core) return false;
  const flat = text.replace(/\s+/g, '');
  const escaped = core.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\d.])${escaped}(?![\\d])`).test(flat);
}

function plainNumber(text: string): number | undefined {
  const stripped = text.replace(/^\s*[a-zA-Z]\s*=\s*/, '').replace(/\\?\$|\\[,;! ]|\{,\}/g, '').replace(/(\d),(?=\d{3}\b)/g, '$1').trim();
  return /^-?\d+(?:\.\d+)?$/.test(stripped) ? Number(stripped) : undefined;
}

/** Whether `text` ends inside an unclosed `$$` block or `$` span. */
function inMath(text: string): boolean {
  const display = (text.match(/\$\$/g) ?? []).length;
  const inline = (text.replace(/\$\$/g, '').match(/(?<!\\)\$/g) ?? []).length;
  return display % 2 === 1 || inline % 2 === 1;
}
