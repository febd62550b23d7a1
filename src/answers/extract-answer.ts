/** Finds the answer in a student's message or a model's solution: the last box, "the answer is", or the math. */
import { findBoxed } from '../hints/boxed.ts';

const THINK_END = '</think>';
const MAX_GAP_BETWEEN_BOXES = 12;
const ANSWER_MARKER = /final answer(?:\s+is)?\s*[:：]?|the answer is|answer\s*[:：]|answer is/gi;
const SENTENCE_END = /\.(?:\s|$)|\n|I hope|<\|/;
const MATH_SEGMENT = /\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([^\n]+?)\\\)|(?<!\\)\$((?:\\\$|[^$\n])+?)(?<!\\)\$/g;
const PROSE = /[a-zA-Z]{3,}\s+[a-zA-Z]{3,}\s+[a-zA-Z]{2,}/;
const LEADING_WORDS = /^(?:(?!(?:(?:arc)?(?:sin|cos|tan|sec|csc|cot)h?|sqrt|log|ln|pi|exp|abs|theta|alpha|beta)\b)(?:[A-Za-z]{2,}|I)[,:]?\s+)+(?=[^\s=<>:!])/;
const LAST_NUMBER = /(?<![A-Za-z\d.])-?\d[\d,]*(?:\.\d+)?(?:\s*\/\s*\d+)?\s*%?(?![\d])/g;

/** The answer a text gives, or undefined when there is none. */
export function extractAnswer(text: string): string | undefined {
  return extractCandidates(text)[0];
}

/** Candidate answers, best first: the checker tries the next when the first cannot be read. */
export function extractCandidates(text: string): string[] {
  const afterThinking = text.includes(THINK_END) ? text.slice(text.lastIndexOf(THINK_END) + THINK_END.length) : text;
  const body = afterThinking.trim() === '' ? text : afterThinking;
  const [segment, number] = [fromMathSegments(body), lastNumber(body)];
  const numberIsLast = segment !== undefined && lastNumberIndex(body) > lastMathSegmentEnd(body);
  const plain = fromPlainText(body);
  // A typed answer that cannot be read must stay unreadable, not shrink to a number inside it.
  const inText = numberIsLast ? [number, segment] : [segment, plain, plain === undefined ? number : undefined];
  const candidates = [fromBoxesOrMarker(body), ...inText];
  return [...new Set(candidates.filter((candidate): candidate is string => candidate !== undefined && candidate.trim() !== ''))];
}

/** Only answers a long text marks as its answer (a box, "the answer is", its last math): never a stray number in it. */
export function extractMarkedCandidates(text: string): string[] {
  const afterThinking = text.includes(THINK_END) ? text.slice(text.lastIndexOf(THINK_END) + THINK_END.length) : text;
  const candidates = [fromBoxesOrMarker(afterThinking), fromMathSegments(afterThinking)];
  return [...new Set(candidates.filter((candidate): candidate is string => candidate !== undefined && candidate.trim() !== ''))];
}

function fromBoxesOrMarker(text: string): string | undefined {
  const lastBox = text.lastIndexOf('\\boxed');
  const markers = [...text.matchAll(ANSWER_MARKER)];
  const lastMarker = markers.at(-1);
  const markerEnd = lastMarker ? (lastMarker.index ?? 0) + lastMarker[0].length : -1;
  if (lastBox !== -1 && markerEnd < lastBox) return finalBoxes(text);
  if (lastMarker) return fromMarker(text.slice(markerEnd));
  return lastBox === -1 ? undefined : finalBoxes(text);
}

/** The last box, joined with boxes just before it (`\boxed{-2} and \boxed{1}`). */
function finalBoxes(text: string): string | undefined {
  const boxes = findBoxed(text);
  if (boxes.length === 0) return undefined;
  const positions = [...text.matchAll(/\\(?:boxed|fbox)\s*\{/g)].map((match) => match.index ?? 0);
  const kept = [boxes.at(-1) as string];
  let joinedByWords = false;
  for (let index = boxes.length - 2; index >= 0; index--) {
    const gapStart = (positions[index] ?? 0) + (boxes[index] ?? '').length;
    const rawGap = text.slice(gapStart, positions[index + 1]);
    const gap = rawGap.replace(/\\(?:boxed|fbox)|[{}$\s,]|\\quad|\band\b|\bor\b|\\text/g, '');
    if (gap.length > MAX_GAP_BETWEEN_BOXES) break;
    if (/\b(?:and|or)\b/.test(rawGap)) joinedByWords = true;
    kept.unshift(boxes[index] as string);
  }
  // `\boxed{1} and \boxed{-2}` are the values of one answer: "and" keeps them a set.
  return kept.join(joinedByWords ? ' and ' : ', ');
}

function fromMarker(rest: string): string | undefined {
  const sentence = rest.split(SENTENCE_END)[0] ?? '';
  const afterIs = sentence.includes(' is ') ? sentence.slice(sentence.lastIndexOf(' is ') + 4) : sentence;
  const cleaned = afterIs.replace(/^[\s:"'“\\]+|[\s"'”\\]+$/g, '');
  if (/\$/.test(cleaned) && !PROSE.test(cleaned.replace(/\$[^$]*\$/g, ''))) return cleaned;
  return fromMathSegments(cleaned) ?? fromPlainText(cleaned) ?? lastNumber(cleaned);
}

/** The last math segment; `$1$ and $2$ and $3$` (segments joined only by "and"/"or"/commas) is one answer. */
function fromMathSegments(text: string): string | undefined {
  const segments = [...text.matchAll(MATH_SEGMENT)];
  const last = segments.at(-1);
  if (!last) return undefined;
  const inner = (match: RegExpMatchArray) => (match[1] ?? match[2] ?? match[3] ?? match[4] ?? '').trim();
  const between = text.trim().replace(MATH_SEGMENT, ' ').replace(/\s*[.,;]?\s*$/, '');
  if (segments.length > 1 && /^(?:\s|,|\band\b|\bor\b)*$/.test(between) && /\b(?:and|or)\b/.test(between)) {
    return segments.map(inner).join(' and ');
  }
  return inner(last);
}

/** A short typed answer, with leading words such as "so" or "I think" dropped. */
function fromPlainText(text: string): string | undefined {
  const trimmed = text.trim();
  if (PROSE.test(trimmed) || /\$|\\\[|\\\(/.test(trimmed)) return undefined;
  const withoutWords = trimmed.replace(LEADING_WORDS, '');
  const isMath = /[\d=<>+*/^()|-]/.test(withoutWords) || withoutWords.length <= 2;
  return withoutWords !== '' && isMath ? withoutWords : trimmed;
}

function lastMathSegmentEnd(text: string): number {
  const last = [...text.matchAll(MATH_SEGMENT)].at(-1);
  return last ? (last.index ?? 0) + last[0].length : -1;
}

function lastNumberIndex(text: string): number {
  return [...text.matchAll(LAST_NUMBER)].at(-1)?.index ?? -1;
}

function lastNumber(text: string): string | undefined {
  return [...text.matchAll(LAST_NUMBER)].at(-1)?.[0].trim();
}
