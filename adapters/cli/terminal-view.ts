/** Draws engine views as terminal text. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { titleOf, type Action, type SessionSummary, type View } from '../../src/index.ts';

const INDENT = '  ';

/** The view as lines of text; file parts are written under `fileDir` and their paths shown. */
export function formatView(view: View, fileDir: string): string {
  const lines: string[] = [];
  for (const part of view.parts) {
    switch (part.type) {
      case 'problem':
        lines.push(`Problem:`, indent(part.markdown), '');
        break;
      case 'hint':
        lines.push(`${titleOf(part)}:`, indent(part.markdown), '');
        break;
      case 'text':
        lines.push(part.markdown, '');
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
  return text.split('\n').map((line) => `${INDENT}${line}`).join('\n');
}
