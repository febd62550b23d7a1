/**
 * Hint Markdown for a terminal: bold and code marked (with ANSI styles when the terminal shows
 * them), lists indented with hanging lines, TeX as readable Unicode, every paragraph wrapped to
 * the width on word boundaries. It reads Markdown the way the cards do (src/math/parse-card.ts).
 */
import { parseCard, type CardBlock, type InlineRun } from '../../src/math/parse-card.ts';
import { texToUnicode } from './tex-unicode.ts';

/** How the text is laid out. */
export interface TerminalStyle {
  /** Columns to wrap at; undefined or 0 does not wrap (pipes and files). */
  readonly width?: number;
  /** Whether ANSI bold, italic and colour may be used. */
  readonly color?: boolean;
}

const ANSI = { bold: '\u001b[1m', italic: '\u001b[3m', code: '\u001b[36m', dim: '\u001b[2m', reset: '\u001b[0m' };
const DISPLAY_INDENT = '    ';
// eslint-disable-next-line no-control-regex -- ANSI escape sequences start with ESC.
const ANSI_PATTERN = /\u001b\[[0-9;]*m/g;
// eslint-disable-next-line no-control-regex -- the same, anchored.
const ANSI_AT_START = /^\u001b\[[0-9;]*m/;
const MIN_WIDTH = 20;
const MIN_DESCRIPTION_WIDTH = 16;

/** The Markdown as terminal lines (no trailing newline). */
export function renderMarkdown(markdown: string, style: TerminalStyle = {}): string {
  const width = style.width && style.width > 0 ? Math.max(MIN_WIDTH, style.width) : Infinity;
  const out: string[] = [];
  for (const block of parseCard(markdown).blocks) {
    if (block.spaceBefore && out.length > 0 && out.at(-1) !== '') out.push('');
    out.push(...renderBlock(block, width, style.color === true));
  }
  return out.join('\n');
}

function renderBlock(block: CardBlock, width: number, color: boolean): string[] {
  if (block.kind === 'display') return wrap(texToUnicode(block.tex), width - DISPLAY_INDENT.length).map((line) => `${DISPLAY_INDENT}${line}`);
  if (block.kind === 'code') return block.text.split('\n').map((line) => `${DISPLAY_INDENT}${color ? `${ANSI.code}${line}${ANSI.reset}` : line}`);
  if (block.kind === 'table') return renderTable(block, width, color);
  const text = block.runs.map((run) => inline(run, color, block.isHeading)).join('');
  const lead = '   '.repeat(block.depth ?? 0);
  if (!block.marker) return wrap(text, width - lead.length).map((line) => `${lead}${line}`);
  const marker = `${lead}${block.marker === '•' ? '•' : block.marker} `;
  const hanging = ' '.repeat(displayWidth(marker));
  return wrap(text, width - marker.length).map((line, index) => `${index === 0 ? marker : hanging}${line}`);
}

function inline(run: InlineRun, color: boolean, isHeading: boolean): string {
  if (run.kind === 'math') return texToUnicode(run.tex);
  if (!color) return run.style === 'mono' ? `\`${run.text}\`` : run.text;
  const open = run.style === 'mono' ? ANSI.code
    : run.style === 'bold' || isHeading ? ANSI.bold
      : run.style === 'italic' ? ANSI.italic
        : run.style === 'boldItalic' ? `${ANSI.bold}${ANSI.italic}` : '';
  return open ? `${open}${run.text}${ANSI.reset}` : run.text;
}

/** A table as aligned columns ("a │ b"), or, when too wide for the terminal, one "header: value" line per cell. */
function renderTable(block: Extract<CardBlock, { kind: 'table' }>, width: number, color: boolean): string[] {
  const cells = block.rows.map((row) => row.map((cell) => cell.map((run) => inline(run, color, false)).join('')));
  const columns = Math.max(...cells.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) => Math.max(0, ...cells.map((row) => displayWidth(row[column] ?? ''))));
  const total = widths.reduce((sum, cellWidth) => sum + cellWidth, 0) + 3 * (columns - 1);
  if (total <= width) {
    const line = (row: string[]) => row.map((cell, column) => `${cell}${' '.repeat((widths[column] ?? 0) - displayWidth(cell))}`).join(' │ ').trimEnd();
    const out = cells.map(line);
    if (block.hasHeader) out.splice(1, 0, widths.map((cellWidth) => '─'.repeat(cellWidth)).join('─┼─'));
    return out;
  }
  const header = block.hasHeader ? cells[0] : undefined;
  return cells.slice(header ? 1 : 0).flatMap((row, index) => [
    ...(index > 0 ? [''] : []),
    ...row.flatMap((cell, column) => wrap(header?.[column] ? `${header[column]}: ${cell}` : cell, width)),
  ]);
}

/**
 * Plain text wrapped line by line; a line laid out as "  name    description" keeps its
 * description column when it wraps (help and command lists). No width: unchanged.
 */
export function wrapPlain(text: string, width: number | undefined): string {
  if (!width || width <= 0) return text;
  const columns = Math.max(MIN_WIDTH, width);
  return text.split('\n').flatMap((line) => {
    const lead = /^\s*/.exec(line)?.[0] ?? '';
    const column = /^(\s*\S.*?\s{2,})(?=\S)/.exec(line)?.[1] ?? lead;
    // The column is kept while it leaves room for a few words beside it.
    const hanging = displayWidth(column) <= columns - MIN_DESCRIPTION_WIDTH ? column : lead;
    const lines = wrap(line.slice(hanging.length), columns - displayWidth(hanging));
    return lines.map((part, index) => `${index === 0 ? hanging : ' '.repeat(displayWidth(hanging))}${part}`);
  }).join('\n');
}

/** Greedy wrap on spaces; a word longer than the width is cut. ANSI codes take no columns. */
export function wrap(text: string, width: number): string[] {
  if (!Number.isFinite(width)) return [text];
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of text.split(/ +/)) {
    if (word === '') continue;
    let rest = word;
    let wordWidth = displayWidth(rest);
    if (line && lineWidth + 1 + wordWidth > width) {
      lines.push(line);
      line = '';
      lineWidth = 0;
    }
    while (wordWidth > width) {
      const [head, tail] = cut(rest, width - lineWidth - (line ? 1 : 0));
      lines.push(line ? `${line} ${head}` : head);
      line = '';
      lineWidth = 0;
      rest = tail;
      wordWidth = displayWidth(rest);
    }
    line = line ? `${line} ${rest}` : rest;
    lineWidth += (lineWidth > 0 ? 1 : 0) + wordWidth;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** Columns a string takes: ANSI codes none, combining marks none, East Asian wide and emoji two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text.replace(ANSI_PATTERN, '')) width += charWidth(char.codePointAt(0) ?? 0);
  return width;
}

function charWidth(code: number): number {
  if (code === 0x200d || (code >= 0x300 && code <= 0x36f) || (code >= 0x20d0 && code <= 0x20ff) || (code >= 0xfe00 && code <= 0xfe0f)) return 0;
  const isWide = (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3)
    || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60)
    || (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x1f300 && code <= 0x1faff) || (code >= 0x20000 && code <= 0x3fffd);
  return isWide ? 2 : 1;
}

/** The first `columns` columns of a word (at least one character), and the rest; keeps ANSI codes whole. */
function cut(word: string, columns: number): [string, string] {
  let width = 0;
  let index = 0;
  const limit = Math.max(1, columns);
  while (index < word.length) {
    const escape = ANSI_AT_START.exec(word.slice(index));
    if (escape) {
      index += escape[0].length;
      continue;
    }
    const char = String.fromCodePoint(word.codePointAt(index) ?? 0);
    const next = charWidth(char.codePointAt(0) ?? 0);
    if (width + next > limit && width > 0) break;
    width += next;
    index += char.length;
  }
  return [word.slice(0, index), word.slice(index)];
}
