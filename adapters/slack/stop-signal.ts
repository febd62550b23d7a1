/** Waits for the operator to stop a long-running bot. */

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Resolves with the name of the first SIGINT or SIGTERM received, then stops listening for both. */
export function untilStopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      for (const name of STOP_SIGNALS) process.off(name, stop);
      resolve(signal);
    };
    for (const name of STOP_SIGNALS) process.on(name, stop);
  });
}
