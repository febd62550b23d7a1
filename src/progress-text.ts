/** The "R1 is thinking" line every surface shows while a problem is being solved. */
import type { SolveProgress } from './ladder-provider.ts';

/** e.g. "R1 is thinking… 12 s · ~340 reasoning tokens". */
export function describeProgress(progress: SolveProgress): string {
  const seconds = Math.floor(progress.elapsedMs / 1000);
  const tokens = `~${progress.reasoningTokens.toLocaleString('en')} reasoning tokens`;
  switch (progress.phase) {
    case 'waiting':
      return `Waiting for R1… ${seconds} s`;
    case 'thinking':
      return `R1 is thinking… ${seconds} s · ${tokens}`;
    case 'answering':
      return `R1 is writing up the steps… ${seconds} s · ${tokens}`;
    case 'retrying':
      return `Retrying (${progress.note ?? 'the model failed'})… ${seconds} s`;
  }
}

/**
 * Wraps `send` so it runs at most once per `intervalMs`; the latest value is sent at the end of
 * each interval, so the last progress is never lost. `flush` sends a pending value now.
 */
export function throttle<T>(send: (value: T) => void, intervalMs: number, now: () => number = Date.now): { push(value: T): void; flush(): void; cancel(): void } {
  let lastSentMs = -Infinity;
  let pending: { value: T } | undefined;
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    timer = undefined;
    if (!pending) return;
    const { value } = pending;
    pending = undefined;
    lastSentMs = now();
    send(value);
  };
  return {
    push(value) {
      pending = { value };
      const waitMs = lastSentMs + intervalMs - now();
      if (waitMs <= 0) fire();
      else timer ??= setTimeout(fire, waitMs);
    },
    flush() {
      clearTimeout(timer);
      fire();
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      pending = undefined;
    },
  };
}
