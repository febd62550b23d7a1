/**
 * Cutting text to Discord's limits without breaking a character: cuts fall between grapheme
 * clusters (Intl.Segmenter), so an emoji, a flag or an accented letter is never split in half.
 * Lengths are counted in UTF-16 code units, which is never less than what Discord counts.
 */

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const ELLIPSIS = '…';

/** `text` shortened to at most `maxChars`, ending in an ellipsis when it was cut. */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return `${text.slice(0, graphemeBoundaryAtMost(text, maxChars - ELLIPSIS.length)).trimEnd()}${ELLIPSIS}`;
}

/** Pieces of `text`, each at most `limit` characters, breaking at blank lines, then lines, then spaces, then between characters. */
export function splitMessage(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    const atBreak = [window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' ')].find((index) => index > limit / 2);
    const cut = atBreak ?? graphemeBoundaryAtMost(rest, limit);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** The largest index ≤ `maxIndex` that falls between two grapheme clusters of `text` (at least one cluster in). */
function graphemeBoundaryAtMost(text: string, maxIndex: number): number {
  let boundary = 0;
  for (const { index, segment } of graphemes.segment(text)) {
    const end = index + segment.length;
    if (end > maxIndex) return boundary > 0 ? boundary : Math.min(end, text.length);
    boundary = end;
  }
  return boundary;
}
