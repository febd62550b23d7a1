/**
 * Finds R1's final answer: the last `\boxed{}`, else an explicit "final answer" line, else the
 * one-sentence conclusion an unboxed answer opens with ("The polar coordinates are $(3, \pi/2)$.").
 */
import { lastBoxed } from './boxed.ts';
import { paragraphs } from './tex-text.ts';

const ANSWER_PHRASE = /(?:final answer|the answer)\s*(?:is|:)\s*:?\s*(.+?)\s*\.?\s*$/im;
const MATH_SPAN = /\$\$([\s\S]+?)\$\$|(?<!\\)\$((?:\\.|[^$\\\n])+?)(?<!\\)\$/g;
/** A closing "**Answer:** ..." line: its value is the bold or math span in it, else what follows "is". */
const ANSWER_LINE = /^\s*(?:\*\*)?answer(?:\*\*)?\s*:\s*(?:\*\*)?\s*(.+?)\s*$/im;
const BOLD_SPAN = /\*\*([^*\n]+?)\*\*/g;
/** A conclusion R1 puts first is one short sentence. */
const MAX_LEADING_CONCLUSION_CHARS = 200;

/** The final answer as TeX (no delimiters), or undefined when R1 never stated one. */
export function findFinalAnswer(answerText: string, reasoning: string, problem = ''): string | undefined {
  const boxed = lastBoxed(answerText) ?? lastBoxed(reasoning);
  if (boxed) return boxed;
  for (const text of [answerText, reasoning]) {
    const phrase = lastMatch(text, ANSWER_PHRASE);
    if (phrase) return stripMathDelimiters(phrase);
  }
  const answerLine = lastMatch(answerText, ANSWER_LINE);
  if (answerLine) return valueOfAnswerLine(answerLine);
  return leadingConclusion(answerText, problem)?.answer;
}

/**
 * An answer text (delimiters normalised) that opens with its conclusion in one sentence and then
 * explains it: that sentence, and the value it states (its last math span, or else a name the
 * problem offers, such as a student's). Undefined when the text does not open that way.
 */
export function leadingConclusion(answerText: string, problem = ''): { sentence: string; answer: string } | undefined {
  const [first, ...rest] = paragraphs(answerText);
  if (!first || rest.length === 0 || first.length > MAX_LEADING_CONCLUSION_CHARS || first.includes('\n')) return undefined;
  if (!/[.!]\s*$/.test(first) || /[.!?]\s+\S/.test(first.replace(MATH_SPAN, 'x'))) return undefined;
  const spans = [...first.matchAll(MATH_SPAN)].map((span) => (span[1] ?? span[2] ?? '').trim());
  const math = spans.at(-1)?.replace(/[.,;]$/, '');
  if (math && /\b(?:is|are|equals?|has|have|gives?)\b/.test(first)) return { sentence: first, answer: math };
  const name = /^(?:The\s+)?([A-Z][a-z]+)\b/.exec(first)?.[1];
  if (name && name !== 'The' && new RegExp(`\\b${name}\\b`).test(problem)) return { sentence: first, answer: `\\text{${name}}` };
  return undefined;
}

/** "The sum ... is **2107**." gives 2107; "$x = 3$" gives x = 3; "It is 12 apples." gives 12 apples. */
function valueOfAnswerLine(line: string): string {
  const emphasised = [...line.matchAll(BOLD_SPAN)].at(-1)?.[1] ?? [...line.matchAll(MATH_SPAN)].map((span) => span[1] ?? span[2] ?? '').at(-1);
  const value = emphasised ?? /\b(?:is|are|equals)\s+(.+)$/.exec(line)?.[1] ?? line;
  return stripMathDelimiters(value.replace(/[.;,]\s*$/, ''));
}

function lastMatch(text: string, pattern: RegExp): string | undefined {
  const lines = text.split('\n').reverse();
  for (const line of lines) {
    const match = pattern.exec(line);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

function stripMathDelimiters(text: string): string {
  return text.replace(/^\$+|\$+$/g, '').replace(/^\\\(|\\\)$/g, '').replace(/\*\*/g, '').trim();
}
