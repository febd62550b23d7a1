/** Turns hint Markdown into lines of styled prose and math, plus its plain-text alternative. */
import type { FontStyle } from './card-fonts.ts';
import { splitMath } from './split-math.ts';
import { styleRuns } from './style-runs.ts';

/** A run of prose in one style, or an inline formula. */
export type InlineRun =
  | { readonly kind: 'text'; readonly text: string; readonly style: FontStyle }
  | { readonly kind: 'math'; readonly tex: string; readonly source: string };

/** One block of the card, top to bottom. */
export type CardBlock =
  | { readonly kind: 'line'; readonly runs: InlineRun[]; readonly marker?: string; readonly isHeading: boolean; readonly spaceBefore: boolean }
  | { readonly kind: 'display'; readonly tex: string; readonly source: string; readonly spaceBefore: boolean }
  | { readonly kind: 'code'; readonly text: string; readonly spaceBefore: boolean };

/** A card ready to lay out. */
export interface ParsedCard {
  /** The blocks in reading order. */
  readonly blocks: CardBlock[];
  /** Plain text for screen readers and search: prose without Markdown marks, math as its TeX. */
  readonly altText: string;
}

const HEADING = /^\s*#{1,6}\s+/;
const LIST_MARKER = /^\s*([-*+]|\d{1,3}[.)])\s+/;
const QUOTE = /^\s*>\s?/;

/** Parses hint Markdown; never throws. */
export function parseCard(markdown: string): ParsedCard {
  const blocks: CardBlock[] = [];
  let line: Array<{ kind: 'text' | 'code'; text: string } | { kind: 'math'; tex: string; source: string }> = [];
  let spaceBefore = false;
  let isAfterBlock = false;
  const endLine = () => {
    if (isAfterBlock && line.length === 0) {
      isAfterBlock = false;
      return;
    }
    isAfterBlock = false;
    const block = buildLine(line, spaceBefore);
    if (block) blocks.push(block);
    else if (blocks.length > 0) spaceBefore = true;
    if (block) spaceBefore = false;
    line = [];
  };
  for (const segment of splitMath(markdown.replace(/\r\n?/g, '\n'))) {
    if (segment.kind === 'math' && !segment.display) line.push({ kind: 'math', tex: segment.tex, source: segment.source });
    else if (segment.kind === 'code') line.push({ kind: 'code', text: segment.text });
    else if (segment.kind === 'text') {
      const pieces = segment.text.split('\n');
      pieces.forEach((piece, index) => {
        if (index > 0) endLine();
        if (piece) line.push({ kind: 'text', text: piece });
      });
    } else {
      if (line.length > 0) endLine();
      const space = spaceBefore || blocks.length > 0;
      if (segment.kind === 'math') blocks.push({ kind: 'display', tex: segment.tex, source: segment.source, spaceBefore: space });
      else blocks.push({ kind: 'code', text: segment.text.replace(/\n+$/, ''), spaceBefore: space });
      spaceBefore = false;
      isAfterBlock = true;
    }
  }
  endLine();
  return { blocks, altText: altTextOf(blocks) };
}

function buildLine(
  pieces: Array<{ kind: 'text' | 'code'; text: string } | { kind: 'math'; tex: string; source: string }>,
  spaceBefore: boolean,
): CardBlock | undefined {
  if (pieces.every((piece) => piece.kind === 'text' && piece.text.trim() === '')) return undefined;
  const first = pieces[0];
  let marker: string | undefined;
  let isHeading = false;
  if (first?.kind === 'text') {
    let text = first.text.replace(QUOTE, '');
    const heading = HEADING.exec(text);
    const list = LIST_MARKER.exec(text);
    if (heading) {
      isHeading = true;
      text = text.slice(heading[0].length);
    } else if (list?.[1]) {
      marker = /\d/.test(list[1]) ? list[1] : '•';
      text = text.slice(list[0].length);
    }
    pieces = [{ kind: 'text', text: text.trimStart() }, ...pieces.slice(1)];
  }
  const runs = styleRuns(pieces, isHeading);
  return { kind: 'line', runs, ...(marker ? { marker } : {}), isHeading, spaceBefore: spaceBefore || isHeading };
}

function altTextOf(blocks: CardBlock[]): string {
  return blocks
    .map((block) => {
      const gap = block.spaceBefore ? '\n' : '';
      if (block.kind === 'display') return `${gap}${block.source}`;
      if (block.kind === 'code') return `${gap}${block.text}`;
      const text = block.runs.map((run) => (run.kind === 'text' ? run.text : run.source)).join('');
      return `${gap}${block.marker ? `${block.marker} ` : ''}${text}`;
    })
    .join('\n')
    .trim();
}
