/** Draws engine views as terminal text. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { titleOf, type Action, type SessionSummary, type View } from '../../src/index.ts';
import { renderMarkdown, type TerminalStyle } from './terminal-markdown.ts';

const INDENT = '  ';

/** The view as lines of text; file parts are written under `fileDir` and their paths shown. */
export function formatView(view: View, fileDir: string, style: TerminalStyle = {}): string {
  const lines: string[] = [];
  const inner: TerminalStyle = { ...style, ...(style.width ? { width: style.width - INDENT.length } : {}) };
  const heading = (text: string) => (style.color ? `\u001b[1m${text}\u001b[0m` : text);
  for (const part of view.parts) {
    switch (part.type) {
      case 'problem':
        lines.push(heading('Problem:'), indent(renderMarkdown(part.markdown, inner)), '');
        break;
      case 'hint':
        lines.push(heading(`${titleOf(part)}:`), indent(renderMarkdown(terminalWording(part.markdown), inner)), '');
        break;
      case 'text':
        lines.push(renderMarkdown(terminalWording(part.markdown), style), '');
        break;
      case 'file': {
        mkdirSync(fileDir, { recursive: true });
        const path = join(fileDir, part.name);
        writeFileSync(path, part.content);
        lines.push(`(${part.description} saved to ${path})`, '');
        break;
      }
    }
  }
  return lines.join('\n');
}

/** The commands the student can type now, e.g. "next (2/4) · check <answer> · reasoning · answer". */
export function formatActions(actions: readonly Action[]): string {
  const offered = actions.map((action) => {
    const word = COMMAND_WORDS[action.kind];
    const label = action.kind === 'next-hint' ? `${word} ${action.label.replace(/^Next hint /, '')}` : word;
    return action.enabled ? label : `(${label}: ${action.reason ?? 'not now'})`;
  });
  return [...offered, 'cards', 'new', 'sessions', 'help', 'quit'].join(' · ');
}

/** One line of a session list: id, last change, progress, problem. */
export function formatSessionLine(session: SessionSummary): string {
  return `${session.id}  ${session.updatedAt.slice(0, 16).replace('T', ' ')}  ${session.progress.padEnd(26)}  ${session.problem}`;
}

/** The word the student types for each action. */
export const COMMAND_WORDS: Record<Action['kind'], string> = {
  'next-hint': 'next',
  'check-answer': 'check <answer>',
  'show-reasoning': 'reasoning',
  'reveal-answer': 'answer',
  retry: 'retry',
};

function indent(text: string): string {
  return text.split('\n').map((line) => (line ? `${INDENT}${line}` : line)).join('\n');
}

/** What the engine says in chat terms, said in the terminal's: commands typed at the prompt, no slashes. */
const TERMINAL_WORDS: ReadonlyArray<[RegExp, string]> = [
  [/Start (your own|a new one) with \/solve\b/g, 'Type a new problem at the prompt to start $1'],
  [/\/solve\b/g, 'a new problem'],
  [/\/hint\b/g, '"next"'],
  [/\/check\b/g, '"check <answer>"'],
  [/\/resume\b/g, '"resume <id>"'],
  [/\/sessions\b/g, '"sessions"'],
  [/\/practice\b/g, '"stepwise practice FILE"'],
];

/** The engine's chat wording turned into terminal wording. */
export function terminalWording(text: string): string {
  return TERMINAL_WORDS.reduce((current, [pattern, replacement]) => current.replace(pattern, replacement), text)
    .replace('to start your own', 'to start your own session')
    .replace('to start a new one', 'to start a new session');
}

/** How the terminal on `stream` shows text: its width (when it is a terminal, or COLUMNS says) and whether it has colour. */
export function terminalStyle(stream: unknown, env: NodeJS.ProcessEnv): TerminalStyle {
  const tty = stream as { isTTY?: boolean; columns?: number; hasColors?: () => boolean };
  const columns = tty.isTTY && tty.columns ? tty.columns : Number(env.COLUMNS) || undefined;
  const color = tty.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb' && (tty.hasColors?.() ?? true);
  return { ...(columns ? { width: columns - 1 } : {}), color };
}
