/**
 * Judges a hint ladder the way a student would notice, independently of the builder's own leak guard
 * (src/hints/stated-values.ts and leak-guard.ts are not used here): every value a rung before the
 * last states is read with its own patterns and checked against the final answer with the answer
 * checker students are judged with.
 */
import { checkEquivalence } from '../../src/answers/index.ts';
import { lastBoxed } from '../../src/hints/boxed.ts';
import type { HintLadder } from '../../src/hints/hint-ladder.ts';
import { normalizeMathDelimiters } from '../../src/hints/tex-text.ts';

/** One value a text states, and whether it is stated as a result (`= v`, "is v", "so ... v"). */
export interface Stated {
  readonly value: string;
  readonly isResult: boolean;
}

export const MONOLOGUE = /\b(?:Okay|Let me|Hmm+|Wait|I think|That seems|Alright)\b/;
const MATH_SPAN = /\$\$([\s\S]+?)\$\$|(?<!\\)\$((?:\\.|[^$\\\n])+?)(?<!\\)\$/g;
/** Relations that end in a value: the last side is a result. */
const RELATION = /=|\\approx|\\Rightarrow|\\implies|\\to\b|\\rightarrow|\\equiv|≈/;
const RESULT_WORDS = /(?:=|≈|\bis|\bare|\bwas|\bequals?|\bgives?|\bget|\bmakes?|\bearns?|\btotals?|\bbecomes?|\bleaves?|\banswer|\bresult)\s*:?\s*(?:\*\*)?\s*(?:(?:exactly|about|approximately|only|just|the|a|an)\s+)*$/i;
const CONCLUSION = /(?:^|[.!?\n]\s*)(?:\*\*)?\s*(?:so|thus|therefore|hence|finally|the answer|answer)\b[^.!?\n]*$/i;
/** A number, with currency before it and a unit, degree sign or percent after it. */
const QUANTITY = /(\\?\$\s?)?(?<![\w.^_\\{])(-?\d[\d,]*(?:\.\d+)?)(\s*(?:\^\s*\{?\\circ\}?|°|\\%|%)|\s?(?:degrees?|percent|[a-zA-Z]{2,}(?:\/[a-zA-Z]+)?)\b)?/g;
const NOT_UNITS = /^(?:and|or|to|by|of|in|on|at|is|are|the|a|an|times|plus|minus|from|for|with|than|then|so|as|if|more|less|each|per|out|into|over|divided|multiplied|over|th|st|nd|rd)$/i;
const ASSIGNMENT = /(?<![\w\\])[a-zA-Z](?:_\{?\w+\}?)?\s*=\s*([^\s,;:!?]+)/g;

/**
 * Every value `text` states: each math span and the sides of its relations, each number with its unit
 * or stated as a result, any number of two or more digits, each `x = v`.
 */
export function valuesStated(text: string): Stated[] {
  const source = normalizeMathDelimiters(text);
  const found: Stated[] = [];
  const add = (value: string, isResult: boolean) => {
    const trimmed = value.trim().replace(/^[.,;:]+|[.,;:]+$/g, '').trim();
    if (trimmed && trimmed.length < 160) found.push({ value: trimmed, isResult });
  };
  for (const span of source.matchAll(MATH_SPAN)) {
    const math = (span[1] ?? span[2] ?? '').trim();
    const before = source.slice(Math.max(0, (span.index ?? 0) - 40), span.index ?? 0);
    add(math, RESULT_WORDS.test(before) || CONCLUSION.test(before));
    for (const piece of math.split(/\\\\|\\q?quad|&|;/)) {
      const sides = piece.split(RELATION);
      sides.forEach((side, index) => add(side, sides.length > 1 && index === sides.length - 1));
    }
  }
  const prose = source.replace(MATH_SPAN, (span) => ' '.repeat(span.length));
  for (const match of prose.matchAll(QUANTITY)) {
    const [whole, currency, number = '', unit = ''] = match;
    const word = unit.trim();
    // `3x^2`, `2(a+1)`: a coefficient, not a value.
    const after = prose.slice((match.index ?? 0) + whole.length);
    if (!currency && !word && /^[a-zA-Z(^_\\]/.test(after)) continue;
    // "is 4 * 6", "3 * 4 is 12": an operand of an expression, not a value.
    if (!word && /^\s*[*×x+\-/÷^]\s*\(?\d/.test(after)) continue;
    if (!currency && /\d\s*[*×+/÷^]\s*$/.test(prose.slice(0, match.index ?? 0))) continue;
    const hasUnit = Boolean(currency) || (word !== '' && !NOT_UNITS.test(word));
    const before = prose.slice(Math.max(0, (match.index ?? 0) - 40), match.index ?? 0);
    const isResult = RESULT_WORDS.test(before) || CONCLUSION.test(before);
    if (hasUnit || isResult || number.replace(/\D/g, '').length >= 2) add(number, isResult);
  }
  for (const match of prose.matchAll(ASSIGNMENT)) add(match[1] ?? '', true);
  return found;
}

function equivalent(answer: string, value: string): boolean {
  try {
    return checkEquivalence(answer, value, { timeBudgetMs: 1000 }).verdict === 'equivalent';
  } catch {
    return false;
  }
}

/** Whether the problem itself states `answer` (then a rung leaks it only by stating it as the result). */
export function problemStates(problem: string, answer: string): boolean {
  const numbers = [...problem.matchAll(/-?\d+(?:\.\d+)?/g)].map((match) => match[0]);
  const spans = [...normalizeMathDelimiters(problem).matchAll(MATH_SPAN)].map((span) => (span[1] ?? span[2] ?? '').trim());
  return [...numbers, ...spans].some((value) => equivalent(answer, value)) || wordIn(problem, answer);
}

/** `\text{Evelyn}` -> `Evelyn`, when the answer is a word. */
function answerWord(answer: string): string | undefined {
  const plain = answer.replace(/\\(?:text|textbf|mathrm)\{([^}]*)\}/g, '$1').replace(/[{}$\\]/g, '').trim();
  return /^[A-Za-z][A-Za-z ]*$/.test(plain) && plain.length > 1 ? plain : undefined;
}

function wordIn(text: string, answer: string): boolean {
  const word = answerWord(answer);
  return word !== undefined && new RegExp(`(?<![A-Za-z])${word}(?![A-Za-z])`, 'i').test(text);
}

/** A sentence that concludes with the word answer: "so Evelyn has the greatest speed", "the answer is Evelyn". */
function wordStatedAsResult(text: string, answer: string): boolean {
  const word = answerWord(answer);
  if (!word) return false;
  // "Evelyn: (1.25, 4.5)" labels a value; "so Evelyn has the greatest speed" is a claim.
  return text.split(/(?<=[.!?])\s+|\n/).some((sentence) =>
    new RegExp(`(?<![A-Za-z])${word}(?![A-Za-z])(?!\\s*(?:\\*\\*)?\\s*[:=(])`, 'i').test(sentence)
    && /\b(?:so|thus|therefore|hence|answer|greatest|fastest|largest|highest|most|least|smallest|wins?)\b/i.test(sentence));
}

/** What gives the answer away in one rung's text, or an empty list. */
export function leaksIn(text: string, answer: string, problem: string): string[] {
  if (/\\boxed\b|\\fbox\b/.test(text)) return ['a box'];
  const stated = problemStates(problem, answer);
  if (answerWord(answer)) {
    return (stated ? wordStatedAsResult(text, answer) : wordIn(text, answer)) ? [answer] : [];
  }
  const choice = /^\s*\(?\s*(?:\\text\{)?\(?([A-E])\)?\}?\s*\)?\s*$/.exec(answer)?.[1];
  if (choice) {
    const picked = new RegExp(`(?:answer|option|choice|correct)\\b[^.\\n]{0,20}?\\(?\\b${choice}\\b\\)?|\\(${choice}\\)|\\*\\*${choice}\\*\\*`).test(text);
    return picked ? [choice] : [];
  }
  return valuesStated(text)
    .filter((entry) => (!stated || entry.isResult) && /\d|\\|[a-z]/i.test(entry.value) && equivalent(answer, entry.value))
    .map((entry) => entry.value);
}

/**
 * The answer to judge leaks against, read from the trace itself, not from the builder: R1's last box
 * (answer text, then reasoning), else the dataset's reference answer, else what the builder found.
 */
export function judgedAnswer(trace: { answer: string; reasoning: string; reference?: string }, ladder: HintLadder): string | undefined {
  return lastBoxed(normalizeMathDelimiters(trace.answer)) ?? lastBoxed(normalizeMathDelimiters(trace.reasoning)) ?? trace.reference ?? ladder.finalAnswer;
}

/** Each rung before the last that gives the answer away, with what it states. */
export function leakingRungs(ladder: HintLadder, problem: string, answer = ladder.finalAnswer): string[] {
  if (!answer) return [];
  return ladder.rungs.slice(0, -1).flatMap((rung, index) => leaksIn(rung.text, answer, problem).map((value) => `rung ${index + 1} (${rung.kind}): ${value}`));
}

/** Whether R1 wrote more than one line of solution (so one rung would be no ladder). */
export function hasSteps(trace: { reasoning: string; answer: string }): boolean {
  const answer = normalizeMathDelimiters(trace.answer).replace(/\$*\\boxed\{[^]*?\}\$*/g, '').trim();
  const pieces = answer.split(/\n\s*\n|\n(?=\s*\d+[.)]\s)/).filter((piece) => /[a-z0-9]/i.test(piece));
  return pieces.length >= 2 || trace.reasoning.split(/\n\s*\n/).filter((piece) => piece.trim()).length >= 2;
}

const saying = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** Rungs that say what an earlier rung said, or nudges that only repeat the first sentence of their step. */
export function repeatedRungs(ladder: HintLadder): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  ladder.rungs.forEach((rung, index) => {
    const key = saying(rung.text);
    if (seen.has(key)) problems.push(`rung ${index + 1} repeats an earlier rung`);
    seen.add(key);
    const next = ladder.rungs[index + 1];
    if (rung.kind === 'nudge' && next?.kind === 'step' && saying(next.text.split(/(?<=[.!?])\s|\n/)[0] ?? '') === key) {
      problems.push(`rung ${index + 1} (nudge) is the first sentence of its step`);
    }
  });
  return problems;
}

/** Monologue, Markdown headings and bold lead-ins left in any rung. */
export function untidyRungs(ladder: HintLadder): string[] {
  return ladder.rungs.flatMap((rung, index) => {
    const found: string[] = [];
    const monologue = MONOLOGUE.exec(rung.text);
    if (monologue) found.push(`rung ${index + 1}: monologue "${monologue[0]}"`);
    if (/^\s*#{1,6}\s/m.test(rung.text)) found.push(`rung ${index + 1}: a Markdown heading`);
    if (/^\s*(?:[-*]\s+|\d+[.)]\s*)?\*\*[^*\n]+\*\*:?(?:\s|$)/m.test(rung.text)) found.push(`rung ${index + 1}: a bold lead-in`);
    return found;
  });
}

/** Whether the answer rung states R1's boxed answer in its box and leaves no sentence without its value. */
export function answerRungProblems(ladder: HintLadder, trace: { answer: string }): string[] {
  const problems: string[] = [];
  const last = ladder.rungs.at(-1);
  if (last?.kind !== 'answer') return ['the last rung is not the answer'];
  const boxed = lastBoxed(normalizeMathDelimiters(trace.answer));
  if (boxed) {
    if (!last.text.includes(`\\boxed{${ladder.finalAnswer}}`)) problems.push('no box with the final answer');
    if (!ladder.finalAnswer || (!equivalent(boxed, ladder.finalAnswer) && boxed.replace(/\s/g, '') !== ladder.finalAnswer.replace(/\s/g, ''))) {
      problems.push(`the box holds ${ladder.finalAnswer}, not R1's ${boxed}`);
    }
  }
  if (/\b(?:is|are|equals|be)\s*[.,;]/.test(last.text)) problems.push('a sentence lost its value');
  return problems;
}
