/** Finds R1's final answer: the last `\boxed{}`, else an explicit "final answer" line. */
import { lastBoxed } from './boxed.ts';

const ANSWER_PHRASE = /(?:final answer|the answer)\s*(?:is|:)\s*:?\s*(.+?)\s*\.?\s*$/im;

/** The final answer as TeX (no delimiters), or undefined when R1 never stated one. */
export function findFinalAnswer(answerText: string, reasoning: string): string | undefined {
  const boxed = lastBoxed(answerText) ?? lastBoxed(reasoning);
  if (boxed) return boxed;
  for (const text of [answerText, reasoning]) {
    const phrase = lastMatch(text, ANSWER_PHRASE);
    if (phrase) return stripMathDelimiters(phrase);
  }
  return undefined;
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
