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
  | {
    readonly kind: 'line';
    readonly runs: InlineRun[];
    /** A list item's bullet ("•", "◦") or number ("1."). */
    readonly marker?: string;
    /** How deeply a list item is nested: 0 for a top-level item. */
    readonly depth?: number;
    readonly isHeading: boolean;
    readonly spaceBefore: boolean;
  }
  | { readonly kind: 'table'; readonly rows: InlineRun[][][]; readonly hasHeader: boolean; readonly spaceBefore: boolean }
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
const LIST_MARKER = /^(\s*)([-*+]|\d{1,3}[.)])\s+/;
const BULLETS = ['•', '◦', '▪'];
/** A Markdown link or image: shown as its text (an image as its alt text). */
const LINK = /!?\[([^\]]*)\]\(\s*<?[^)\s>]*>?(?:\s+"[^"]*")?\s*\)/g;
const AUTOLINK = /<((?:https?|mailto):[^>\s]+)>/g;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

type Piece = { kind: 'text' | 'code'; text: string } | { kind: 'math'; tex: string; source: string };
/** A table row while the card is read: its cells as raw pieces. */
type RowBlock = { kind: 'row'; cells: Piece[][]; isSeparator: boolean; spaceBefore: boolean };
const QUOTE = /^\s*>\s?/;

/** Parses hint Markdown; never throws. */
export function parseCard(markdown: string): ParsedCard {
  const blocks: Array<CardBlock | RowBlock> = [];
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
  const merged = mergeTables(blocks);
  return { blocks: merged, altText: altTextOf(merged) };
}

/** Consecutive table rows become one table; a lone row is a line of text after all. */
function mergeTables(blocks: Array<CardBlock | RowBlock>): CardBlock[] {
  const out: CardBlock[] = [];
  for (let index = 0; index < blocks.length;) {
    const block = blocks[index] as CardBlock | RowBlock;
    if (block.kind !== 'row') {
      out.push(block);
      index++;
      continue;
    }
    const rows: RowBlock[] = [];
    while (index < blocks.length && blocks[index]?.kind === 'row' && (rows.length === 0 || !blocks[index]?.spaceBefore)) rows.push(blocks[index++] as RowBlock);
    const separator = rows.findIndex((row) => row.isSeparator);
    const cells = rows.filter((row) => !row.isSeparator);
    if (separator < 0 && cells.length < 2) {
      for (const row of cells) out.push({ kind: 'line', runs: styleRuns(row.cells.flatMap((cell, at) => [...(at > 0 ? [{ kind: 'text' as const, text: ' | ' }] : []), ...cell]), false), isHeading: false, spaceBefore: row.spaceBefore });
      continue;
    }
    out.push({
      kind: 'table',
      rows: cells.map((row) => row.cells.map((cell) => styleRuns(trimPieces(cell), false))),
      hasHeader: separator === 1,
      spaceBefore: true,
    });
  }
  return out;
}

function buildLine(pieces: Piece[], spaceBefore: boolean): CardBlock | RowBlock | undefined {
  if (pieces.every((piece) => piece.kind === 'text' && piece.text.trim() === '')) return undefined;
  pieces = pieces.map((piece) => (piece.kind === 'text' ? { kind: 'text', text: piece.text.replace(LINK, '$1').replace(AUTOLINK, '$1') } : piece));
  const row = tableRow(pieces, spaceBefore);
  if (row) return row;
  const first = pieces[0];
  let marker: string | undefined;
  let depth = 0;
  let isHeading = false;
  if (first?.kind === 'text') {
    let text = first.text.replace(QUOTE, '');
    const heading = HEADING.exec(text);
    const list = LIST_MARKER.exec(text);
    if (heading) {
      isHeading = true;
      text = text.slice(heading[0].length);
    } else if (list?.[2]) {
      depth = Math.min(3, Math.floor((list[1] ?? '').replace(/\t/g, '    ').length / 2));
      marker = /\d/.test(list[2]) ? list[2].replace(')', '.') : (BULLETS[depth % BULLETS.length] ?? '•');
      text = text.slice(list[0].length);
    }
    pieces = [{ kind: 'text', text: text.trimStart() }, ...pieces.slice(1)];
  }
  const runs = styleRuns(pieces, isHeading);
  return { kind: 'line', runs, ...(marker ? { marker, depth } : {}), isHeading, spaceBefore: spaceBefore || isHeading };
}

/** A line that starts with "|" read as a table row: its cells, split at "|" outside code and math. */
function tableRow(pieces: Piece[], spaceBefore: boolean): RowBlock | undefined {
  const first = pieces[0];
  if (first?.kind !== 'text' || !first.text.trimStart().startsWith('|')) return undefined;
  if (pieces.length === 1 && TABLE_SEPARATOR.test(first.text)) return { kind: 'row', cells: [], isSeparator: true, spaceBefore };
  const cells: Piece[][] = [[]];
  for (const piece of pieces) {
    if (piece.kind !== 'text') {
      cells.at(-1)?.push(piece);
      continue;
    }
    piece.text.split(/(?<!\\)\|/).forEach((part, index) => {
      if (index > 0) cells.push([]);
      if (part) cells.at(-1)?.push({ kind: 'text', text: part.replace(/\\\|/g, '|') });
    });
  }
  if (isBlank(cells[0])) cells.shift();
  if (isBlank(cells.at(-1))) cells.pop();
  return cells.length > 0 ? { kind: 'row', cells, isSeparator: false, spaceBefore } : undefined;
}

function isBlank(cell: Piece[] | undefined): boolean {
  return cell !== undefined && cell.every((piece) => piece.kind === 'text' && piece.text.trim() === '');
}

function trimPieces(cell: Piece[]): Piece[] {
  return cell
    .map((piece, index) => {
      if (piece.kind !== 'text') return piece;
      let text = piece.text;
      if (index === 0) text = text.trimStart();
      if (index === cell.length - 1) text = text.trimEnd();
      return { ...piece, text };
    })
    .filter((piece) => piece.kind !== 'text' || piece.text !== '');
}

function altTextOf(blocks: CardBlock[]): string {
  return blocks
    .map((block) => {
      const gap = block.spaceBefore ? '\n' : '';
      if (block.kind === 'display') return `${gap}${block.source}`;
      if (block.kind === 'code') return `${gap}${block.text}`;
      if (block.kind === 'table') return `${gap}${block.rows.map((row) => row.map((cell) => cell.map(runText).join('')).join(' | ')).join('\n')}`;
      const text = block.runs.map(runText).join('');
      return `${gap}${'  '.repeat(block.depth ?? 0)}${block.marker ? `${block.marker} ` : ''}${text}`;
    })
    .join('\n')
    .trim();
}

function runText(run: InlineRun): string {
  return run.kind === 'text' ? run.text : run.source;
}
