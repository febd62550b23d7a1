/** Keeps track of running handlers and solves, so shutdown can abort them and wait for them to finish. */

/** Running work: handler promises and the abort controllers of solves. */
export class InFlight {
  private readonly handlers = new Set<Promise<void>>();
  private readonly controllers = new Set<AbortController>();

  /** Remembers `work` until it settles. */
  track(work: Promise<void>): void {
    this.handlers.add(work);
    const forget = () => void this.handlers.delete(work);
    work.then(forget, forget);
  }

  /** Runs `solve` with a signal that `abortAll` fires. */
  async abortable<T>(solve: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    this.controllers.add(controller);
    try {
      return await solve(controller.signal);
    } finally {
      this.controllers.delete(controller);
    }
  }

  /** Aborts every running solve; their sessions are stored as failed, ready for Retry. */
  abortAll(): void {
    for (const controller of this.controllers) controller.abort();
  }

  /** Resolves when every tracked handler has settled, or after `timeoutMs`, whichever is first. */
  async settle(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.allSettled([...this.handlers]), timeout]);
    clearTimeout(timer);
  }
}
