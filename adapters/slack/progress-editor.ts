/**
 * Spreads the "R1 is thinking" edits of every running solve over one shared pace. chat.update is
 * Tier 3 per workspace (about 50 a minute), so one edit per interval in total, not per solve, keeps
 * a whole class solving at once from hitting 429s (which would pause every other Web API call).
 */
import type { Logger } from '../../src/index.ts';

/** chat.update is Tier 3 (50+ a minute per workspace): one edit every 1.5 s is 40 a minute across all solves, with room for the status edits. */
export const PROGRESS_INTERVAL_MS = 1500;

/** Sends at most one progress edit per interval, taking the solves in turn. */
export interface ProgressEditor {
  /** Makes `edit` the latest progress of `key`, replacing one not yet sent. */
  push(key: string, edit: () => Promise<void>): void;
  /** Drops `key`'s unsent edit and waits for one already on its way. */
  finish(key: string): Promise<void>;
}

/** Creates an editor that sends one edit every `intervalMs` at most. */
export function createProgressEditor(intervalMs: number, logger: Logger, now: () => number = Date.now): ProgressEditor {
  const pending = new Map<string, () => Promise<void>>();
  const sending = new Map<string, Promise<void>>();
  let lastSentMs = -Infinity;
  let timer: NodeJS.Timeout | undefined;

  const sendNext = () => {
    timer = undefined;
    const next = [...pending.entries()].find(([key]) => !sending.has(key));
    if (next) {
      const [key, edit] = next;
      pending.delete(key);
      lastSentMs = now();
      const sent = edit()
        .catch((error: unknown) => logger.warn('could not show progress', { key, error }))
        .finally(() => sending.delete(key));
      sending.set(key, sent);
    }
    schedule();
  };
  const schedule = () => {
    if (timer || pending.size === 0) return;
    timer = setTimeout(sendNext, Math.max(0, lastSentMs + intervalMs - now()));
  };

  return {
    push(key, edit) {
      pending.set(key, edit);
      schedule();
    },
    async finish(key) {
      pending.delete(key);
      await sending.get(key);
      if (pending.size === 0) {
        clearTimeout(timer);
        timer = undefined;
      }
    },
  };
}
