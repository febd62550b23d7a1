/**
 * Which inline-image protocol the terminal on stdout speaks, if any, and the image in it. Detection
 * is conservative: only terminals that say who they are in the environment, never a pipe, never
 * inside tmux or screen (which drop or mangle these sequences unless configured to pass them on).
 */
import { kittySequence, itermSequence } from './image-sequences.ts';

/** An inline-image protocol: kitty's graphics protocol, iTerm2's OSC 1337 (also WezTerm's), or DEC sixel. */
export type InlineProtocol = 'kitty' | 'iterm' | 'sixel';
/** What `--inline` and STEPWISE_INLINE_IMAGES take. */
export type InlineChoice = 'auto' | 'off' | InlineProtocol;

export const INLINE_CHOICES: readonly InlineChoice[] = ['auto', 'kitty', 'iterm', 'sixel', 'off'];
/** The variable that picks the protocol when no `--inline` flag is given. */
export const INLINE_ENV = 'STEPWISE_INLINE_IMAGES';
/** Terminals known to draw sixel; the others are asked for it only by an explicit choice. */
const SIXEL_TERMS = new Set(['foot', 'foot-extra', 'mlterm', 'yaft-256color', 'contour']);

/** The choice written as `value`, or undefined when it is not one of INLINE_CHOICES. */
export function parseInlineChoice(value: string): InlineChoice | undefined {
  const choice = value.trim().toLowerCase();
  return (INLINE_CHOICES as readonly string[]).includes(choice) ? (choice as InlineChoice) : undefined;
}

/**
 * The protocol to draw cards with on `stream`, or undefined for none. STEPWISE_INLINE_IMAGES picks
 * (auto when unset or unreadable); an explicit protocol is used as asked, but only on a terminal.
 */
export function inlineProtocolFor(stream: unknown, env: NodeJS.ProcessEnv): InlineProtocol | undefined {
  if ((stream as { isTTY?: boolean } | undefined)?.isTTY !== true) return undefined;
  const choice = parseInlineChoice(env[INLINE_ENV] ?? '') ?? 'auto';
  if (choice === 'off') return undefined;
  return choice === 'auto' ? detectProtocol(env) : choice;
}

/** What the environment says the terminal is, read the cautious way. */
export function detectProtocol(env: NodeJS.ProcessEnv): InlineProtocol | undefined {
  const term = env.TERM ?? '';
  if (env.TMUX || env.STY || /^(screen|tmux)/.test(term) || term === 'dumb') return undefined;
  if (term === 'xterm-kitty' || env.KITTY_WINDOW_ID || term === 'xterm-ghostty') return 'kitty';
  if (env.TERM_PROGRAM === 'iTerm.app' || env.TERM_PROGRAM === 'WezTerm' || env.LC_TERMINAL === 'iTerm2') return 'iterm';
  if (SIXEL_TERMS.has(term)) return 'sixel';
  return undefined;
}

/** The escape sequence that draws `png` at the cursor, followed by a line break. */
export async function inlineImage(protocol: InlineProtocol, png: Uint8Array): Promise<string> {
  if (protocol === 'kitty') return `${kittySequence(png)}\n`;
  if (protocol === 'iterm') return `${itermSequence(png)}\n`;
  // The PNG decoder loads only for sixel terminals.
  const { sixelSequence } = await import('./sixel.ts');
  return `${sixelSequence(png)}\n`;
}
