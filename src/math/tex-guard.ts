/** Refuses TeX that is too long, too deep, too large or asks for trusted commands, before any engine sees it. */
import type { RenderLimits } from './render-limits.ts';
import { TexError } from './tex-error.ts';

/** Commands that fetch, link, style or load things: never allowed from students. */
const BLOCKED_COMMANDS = new Set([
  'href', 'url', 'includegraphics', 'require', 'class', 'style', 'cssId', 'data', 'input', 'include',
  'special', 'write', 'immediate', 'openin', 'openout', 'read', 'csname', 'texttip', 'mathtip', 'toggle',
]);
const BLOCKED_PREFIX = 'html';
/** Commands whose argument is a size that would otherwise be drawn unclamped. */
const SIZE_COMMANDS = new Set([
  'rule', 'kern', 'mkern', 'hspace', 'vspace', 'hskip', 'vskip', 'mskip', 'mspace', 'raise', 'lower',
  'moveleft', 'moveright', 'Rule', 'hphantom', '\\',
]);
const SIZE_LOOKAHEAD_CHARS = 60;
const DIMENSION = /^[\s{[*]*(-?(?:\d+\.?\d*|\.\d+))\s*(em|ex|pt|pc|in|cm|mm|bp|dd|cc|sp|px|mu)/;
const EM_PER_UNIT: Record<string, number> = {
  em: 1, ex: 0.43, pt: 0.1, pc: 1.2, in: 7.23, cm: 2.85, mm: 0.285, bp: 0.1, dd: 0.107, cc: 1.28,
  sp: 0.1 / 65536, px: 0.1, mu: 1 / 18,
};
const OPENERS = new Set(['left', 'begin']);
const CLOSERS = new Set(['right', 'end']);

/** Throws a positioned TexError if the formula breaks a limit or uses a blocked command. */
export function guardTex(tex: string, limits: RenderLimits): void {
  if (tex.trim() === '') throw TexError.at('The formula is empty', tex);
  if (tex.length > limits.maxTexChars) {
    throw TexError.at(
      `The formula is ${tex.length} characters long; the limit is ${limits.maxTexChars}`,
      tex.slice(0, limits.maxTexChars),
    );
  }
  let depth = 0;
  for (let index = 0; index < tex.length; index++) {
    const char = tex[index];
    if (char === '{' || char === '}') {
      depth += char === '{' ? 1 : -1;
      checkDepth(depth, index, 1, tex, limits);
      continue;
    }
    if (char !== '\\') continue;
    const name = readCommandName(tex, index + 1);
    const length = name.length + 1;
    if (BLOCKED_COMMANDS.has(name) || name.startsWith(BLOCKED_PREFIX)) {
      throw TexError.at(`\\${name} is not allowed in formulas`, tex, { position: index, length });
    }
    if (OPENERS.has(name)) depth++;
    if (CLOSERS.has(name)) depth--;
    checkDepth(depth, index, length, tex, limits);
    if (SIZE_COMMANDS.has(name)) checkSize(tex, index, length, limits);
    index += length - 1;
  }
}

function readCommandName(tex: string, start: number): string {
  let end = start;
  while (end < tex.length && /[a-zA-Z]/.test(tex[end] ?? '')) end++;
  if (end === start) return tex.slice(start, start + 1);
  return tex.slice(start, end);
}

function checkDepth(depth: number, position: number, length: number, tex: string, limits: RenderLimits): void {
  if (depth > limits.maxNestingDepth) {
    throw TexError.at(`The formula is nested more than ${limits.maxNestingDepth} levels deep`, tex, { position, length });
  }
}

function checkSize(tex: string, position: number, length: number, limits: RenderLimits): void {
  const rest = tex.slice(position + length, position + length + SIZE_LOOKAHEAD_CHARS);
  for (const match of rest.matchAll(new RegExp(DIMENSION.source.slice(1), 'g'))) {
    if (match.index !== 0 && !/^[\s{}[\]*\d.a-z-]*$/.test(rest.slice(0, match.index))) break;
    const offset = match[0].indexOf(match[1] ?? '');
    const em = Math.abs(Number(match[1])) * (EM_PER_UNIT[match[2] ?? 'em'] ?? 1);
    if (em > limits.maxDimensionEm) {
      throw TexError.at(
        `The size ${match[1]}${match[2]} is too large (at most ${limits.maxDimensionEm}em)`,
        tex,
        { position: position + length + (match.index ?? 0) + offset, length: match[0].length - offset },
      );
    }
  }
}
