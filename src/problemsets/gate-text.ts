/** The words an instructor writes for a gate (`after 3 attempts`) and the engine's `Gate` they mean. */
import type { Gate } from '../policy.ts';

/** The accepted forms, for messages. */
export const GATE_CHOICES = '"always", "never", "after solved", "after N attempts" (e.g. "after 3 attempts"), "after trying" (an attempt or every hint) or "after answer"';

const ALWAYS = /^always$/;
const NEVER = /^never$/;
const AFTER_SOLVED = /^after[\s_-]+solved$/;
const AFTER_TRYING = /^after[\s_-]+trying$/;
const AFTER_ANSWER = /^after[\s_-]+(?:the[\s_-]+)?answer$/;
const AFTER_ATTEMPTS = /^after[\s_-]+(\d+)[\s_-]+attempts?$/;

/** Reads a gate written in words; undefined when the text is none of the accepted forms. */
export function parseGate(text: string): Gate | undefined {
  const words = text.trim().toLowerCase();
  if (ALWAYS.test(words)) return { when: 'always' };
  if (NEVER.test(words)) return { when: 'never' };
  if (AFTER_SOLVED.test(words)) return { when: 'after-solved' };
  if (AFTER_TRYING.test(words)) return { when: 'after-trying' };
  if (AFTER_ANSWER.test(words)) return { when: 'after-answer' };
  const attempts = AFTER_ATTEMPTS.exec(words);
  const count = attempts ? Number(attempts[1]) : 0;
  if (count >= 1 && Number.isSafeInteger(count)) return { when: 'after-attempts', attempts: count };
  return undefined;
}

/** The words for a gate, as a file would say it. */
export function describeGate(gate: Gate): string {
  switch (gate.when) {
    case 'always':
      return 'always';
    case 'never':
      return 'never';
    case 'after-solved':
      return 'after solved';
    case 'after-trying':
      return 'after trying';
    case 'after-answer':
      return 'after answer';
    case 'after-attempts':
      return `after ${gate.attempts} attempt${gate.attempts === 1 ? '' : 's'}`;
  }
}
