/** Splits hint Markdown into prose, code and math, the way chat users write it ($…$, $$…$$, \(…\), \[…\]). */

/** One piece of the source, in order. */
export type Segment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'codeBlock'; readonly text: string }
  | { readonly kind: 'math'; readonly tex: string; readonly display: boolean; readonly source: string };

const PAIRED_DELIMITERS: ReadonlyArray<{ open: string; close: string; display: boolean }> = [
  { open: '$$', close: '$$', display: true },
  { open: '\\[', close: '\\]', display: true },
  { open: '\\(', close: '\\)', display: false },
];

/** Splits Markdown into segments; an unmatched `$` (such as a price) stays text. */
export function splitMath(markdown: string): Segment[] {
  const segments: Segment[] = [];
  let text = '';
  const flushText = () => {
    if (text) segments.push({ kind: 'text', text });
    text = '';
  };
  let index = 0;
  while (index < markdown.length) {
    const rest = markdown.startsWith('```', index) && (index === 0 || markdown[index - 1] === '\n');
    if (rest) {
      const end = markdown.indexOf('\n```', index + 3);
      const stop = end < 0 ? markdown.length : end;
      flushText();
      segments.push({ kind: 'codeBlock', text: markdown.slice(markdown.indexOf('\n', index) + 1 || stop, stop) });
      index = end < 0 ? stop : skipLine(markdown, end + 4);
      continue;
    }
    const char = markdown[index];
    if (char === '\\' && markdown[index + 1] === '$') {
      text += '$';
      index += 2;
      continue;
    }
    if (char === '`') {
      const end = markdown.indexOf('`', index + 1);
      if (end > index && !markdown.slice(index, end).includes('\n')) {
        flushText();
        segments.push({ kind: 'code', text: markdown.slice(index + 1, end) });
        index = end + 1;
        continue;
      }
    }
    const paired = PAIRED_DELIMITERS.find(({ open }) => markdown.startsWith(open, index));
    if (paired) {
      const end = markdown.indexOf(paired.close, index + paired.open.length);
      if (end > index) {
        flushText();
        const tex = markdown.slice(index + paired.open.length, end);
        const source = markdown.slice(index, end + paired.close.length);
        segments.push({ kind: 'math', tex: tex.trim(), display: paired.display, source });
        index = end + paired.close.length;
        continue;
      }
    }
    if (char === '$') {
      const end = findInlineClose(markdown, index);
      if (end > 0) {
        flushText();
        segments.push({ kind: 'math', tex: markdown.slice(index + 1, end), display: false, source: markdown.slice(index, end + 1) });
        index = end + 1;
        continue;
      }
    }
    text += char;
    index++;
  }
  flushText();
  return segments;
}

function skipLine(markdown: string, index: number): number {
  const newline = markdown.indexOf('\n', index);
  return newline < 0 ? markdown.length : newline + 1;
}

/** Pandoc's rule (`$` opens before a non-space, closes after one, not before a digit), but the next `$` must close: `$5 and $10` is prose. */
function findInlineClose(markdown: string, open: number): number {
  if (/\s/.test(markdown[open + 1] ?? ' ')) return -1;
  for (let index = open + 1; index < markdown.length; index++) {
    const char = markdown[index];
    if (char === '\\') {
      index++;
      continue;
    }
    if (char === '\n' && markdown[index + 1] === '\n') return -1;
    if (char !== '$') continue;
    if (/\s/.test(markdown[index - 1] ?? ' ') || /\d/.test(markdown[index + 1] ?? '')) return -1;
    return index;
  }
  return -1;
}
