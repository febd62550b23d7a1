/** Small text helpers for TeX inside Markdown. */

/** Rewrites `\(..\)` as `$..$` and `\[..\]` as `$$..$$`, the two delimiters views use. */
export function normalizeMathDelimiters(text: string): string {
  return text
    .replace(/\\\[([\s\S]*?)\\\]/g, (_match, math: string) => `$$${math.trim()}$$`)
    .replace(/\\\(([\s\S]*?)\\\)/g, (_match, math: string) => `$${math.trim()}$`);
}

/** Drops Markdown rules (`---`) that separated sections, collapses blank lines and trims, for rung text. */
export function tidy(text: string): string {
  return text.replace(/^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$/gm, '').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** Splits on blank lines, keeping `$$..$$` blocks whole even if they contain blank lines. */
export function paragraphs(text: string): string[] {
  const result: string[] = [];
  let current = '';
  let inDisplay = false;
  for (const line of text.split('\n')) {
    const displayMarks = (line.match(/\$\$/g) ?? []).length;
    if (!line.trim() && !inDisplay) {
      if (current.trim()) result.push(current.trim());
      current = '';
      continue;
    }
    current += `${line}\n`;
    if (displayMarks % 2 === 1) inDisplay = !inDisplay;
  }
  if (current.trim()) result.push(current.trim());
  return result;
}
