/** Work that runs after Slack has been acknowledged, tracked so shutdown can finish or cancel it. */
import type { Logger } from '../../src/index.ts';

/** Runs detached jobs, logs their failures, and drains them on shutdown. */
export interface BackgroundTasks {
  /** Starts `job` now; its rejection is logged, never lost. */
  run(name: string, job: (signal: AbortSignal) => Promise<void>): void;
  /** Waits up to `graceMs` for running jobs, then aborts the rest and waits for them to settle. */
  drain(graceMs: number): Promise<void>;
}

/** Creates an empty set of background tasks. */
export function createBackgroundTasks(logger: Logger): BackgroundTasks {
  const running = new Set<Promise<void>>();
  const controller = new AbortController();
  return {
    run(name, job) {
      const task = job(controller.signal)
        .catch((error: unknown) => logger.error('slack task failed', { task: name, error }))
        .finally(() => running.delete(task));
      running.add(task);
    },
    async drain(graceMs) {
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([Promise.allSettled([...running]), graceOver]);
      clearTimeout(timer);
      controller.abort();
      await Promise.allSettled([...running]);
    },
  };
}
