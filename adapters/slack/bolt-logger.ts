/** Routes bolt's own log lines into Stepwise's logger (which scrubs secrets). */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/index.ts';

/** A bolt Logger that writes info, warnings and errors through `logger`; bolt's debug lines are dropped. */
export function createBoltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  let name = 'slack';
  const join = (parts: unknown[]) => parts.map((part) => (typeof part === 'string' ? part : part instanceof Error ? part.message : JSON.stringify(part))).join(' ');
  return {
    debug() {},
    info: (...parts: unknown[]) => logger.info(join(parts), { source: name }),
    warn: (...parts: unknown[]) => logger.warn(join(parts), { source: name }),
    error: (...parts: unknown[]) => logger.error(join(parts), { source: name }),
    setLevel: (next: LogLevel) => (level = next),
    getLevel: () => level,
    setName: (next: string) => (name = next),
  };
}
