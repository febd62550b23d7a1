/** Applies Markdown emphasis (**bold**, *italic*, _italic_) and `code` to the pieces of one line. */
import type { FontStyle } from './card-fonts.ts';
import type { InlineRun } from './parse-card.ts';

type Piece = { kind: 'text' | 'code'; text: string } | { kind: 'math'; tex: string; source: string };

const DELIMITERS = ['**', '__', '*', '_'] as const;
/** Stands for a formula when looking around a delimiter: not a space, not a word character. */
const MATH_PLACEHOLDER = '\u0001';

/** Turns raw pieces into styled runs; a delimiter with no partner later in the line stays literal. */
export function styleRuns(pieces: Piece[], isBold: boolean): InlineRun[] {
  const runs: InlineRun[] = [];
  let bold = isBold;
  let italic = false;
  const styleNow = (): FontStyle => (bold && italic ? 'boldItalic' : bold ? 'bold' : italic ? 'italic' : 'regular');
  const push = (text: string) => {
    const last = runs.at(-1);
    const style = styleNow();
    if (last?.kind === 'text' && last.style === style) runs[runs.length - 1] = { ...last, text: last.text + text };
    else if (text) runs.push({ kind: 'text', text, style });
  };
  pieces.forEach((piece, pieceIndex) => {
    if (piece.kind === 'math') {
      runs.push(piece);
      return;
    }
    if (piece.kind === 'code') {
      runs.push({ kind: 'text', text: piece.text, style: 'mono' });
      return;
    }
    const textOf = (other: Piece) => ('text' in other ? other.text : MATH_PLACEHOLDER);
    const later = (from: number) => piece.text.slice(from) + pieces.slice(pieceIndex + 1).map(textOf).join('');
    const earlier = pieces.slice(0, pieceIndex).map(textOf).join('');
    let index = 0;
    while (index < piece.text.length) {
      const delimiter = DELIMITERS.find((candidate) => piece.text.startsWith(candidate, index));
      const isStrong = delimiter?.length === 2;
      const isOpen = isStrong ? bold && !isBold : italic;
      const before = (earlier + piece.text.slice(0, index)).at(-1) ?? ' ';
      const after = later(index + (delimiter?.length ?? 0))[0] ?? ' ';
      const isWordInside = delimiter?.startsWith('_') && /\w/.test(before) && /\w/.test(after);
      if (delimiter && !isWordInside && (isOpen ? !/\s/.test(before) : !/\s/.test(after) && later(index + delimiter.length).includes(delimiter))) {
        if (isStrong) bold = !bold;
        else italic = !italic;
        index += delimiter.length;
        continue;
      }
      push(piece.text[index] ?? '');
      index++;
    }
  });
  return runs;
}
