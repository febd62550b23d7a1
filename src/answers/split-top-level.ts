/** Splits text at separators that are not inside brackets, braces or `\begin...\end` blocks. */

const OPENERS = '([{';
const CLOSERS = ')]}';

/** Pieces between top-level matches of `separator`, trimmed. */
export function splitTopLevel(text: string, separator: RegExp): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let start = 0;
  const sticky = new RegExp(separator.source, 'y');
  for (let index = 0; index < text.length; index++) {
    const char = text[index] ?? '';
    if (char === '\\' && /^\\(?:begin)/.test(text.slice(index))) depth++;
    else if (char === '\\' && /^\\(?:end)/.test(text.slice(index))) depth--;
    if (char === '\\' && (text[index + 1] === '{' || text[index + 1] === '}')) {
      depth += text[index + 1] === '{' ? 1 : -1;
      index++;
      continue;
    }
    if (OPENERS.includes(char)) depth++;
    else if (CLOSERS.includes(char)) depth--;
    else if (depth === 0) {
      sticky.lastIndex = index;
      const match = sticky.exec(text);
      if (match && match[0].length > 0) {
        pieces.push(text.slice(start, index).trim());
        start = index + match[0].length;
        index = start - 1;
      }
    }
  }
  pieces.push(text.slice(start).trim());
  return pieces;
}

/** Whether the bracket opening at 0 closes at the very end, so `(a)(b)` is not one group. */
export function isWrapped(text: string): boolean {
  if (!OPENERS.includes(text[0] ?? ' ') || !CLOSERS.includes(text.at(-1) ?? ' ')) return false;
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] ?? '';
    if (OPENERS.includes(char)) depth++;
    else if (CLOSERS.includes(char)) depth--;
    if (depth === 0 && index < text.length - 1) return false;
  }
  return depth === 0;
}
