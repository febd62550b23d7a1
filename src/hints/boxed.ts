/** Finds `\boxed{...}` (and `\fbox{...}`) contents in TeX, with balanced braces. */

const BOX_COMMANDS = ['\\boxed', '\\fbox'];

/** Every boxed expression in order of appearance, contents only. */
export function findBoxed(text: string): string[] {
  const found: string[] = [];
  let from = 0;
  for (;;) {
    const start = nextBoxStart(text, from);
    if (start === undefined) return found;
    const open = skipSpaces(text, start.end);
    if (text[open] !== '{') {
      from = start.end;
      continue;
    }
    const close = matchingBrace(text, open);
    if (close === undefined) return found;
    found.push(text.slice(open + 1, close).trim());
    from = close + 1;
  }
}

/** The last boxed expression, which R1 uses for its final answer. */
export function lastBoxed(text: string): string | undefined {
  return findBoxed(text).at(-1);
}

/** Index of the `}` that closes the `{` at `open`, honouring `\{` escapes. */
export function matchingBrace(text: string, open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return i;
  }
  return undefined;
}

function nextBoxStart(text: string, from: number): { end: number } | undefined {
  let best: number | undefined;
  let bestLength = 0;
  for (const command of BOX_COMMANDS) {
    let index = text.indexOf(command, from);
    // `\boxedfoo` is another command, not a box.
    while (index !== -1 && /[a-zA-Z]/.test(text[index + command.length] ?? '')) {
      index = text.indexOf(command, index + 1);
    }
    if (index !== -1 && (best === undefined || index < best)) {
      best = index;
      bestLength = command.length;
    }
  }
  return best === undefined ? undefined : { end: best + bestLength };
}

function skipSpaces(text: string, index: number): number {
  while (text[index] === ' ') index++;
  return index;
}
