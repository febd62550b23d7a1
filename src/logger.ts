/** The operator's log: one JSON line per event, with secrets scrubbed before anything is written. */
import type { Writable } from 'node:stream';

/** Structured fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/** Where the engine reports what an operator needs to know. */
export interface Logger {
  /** Something worth knowing happened. */
  info(message: string, fields?: LogFields): void;
  /** Something went wrong but was handled (e.g. a retry). */
  warn(message: string, fields?: LogFields): void;
  /** Something failed and a user saw an apology. */
  error(message: string, fields?: LogFields): void;
}

const LEVELS = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 } as const;
/** How much to log. */
export type LogLevel = keyof typeof LEVELS;

const MIN_SECRET_LENGTH = 6;

/** A JSON-lines logger that replaces every occurrence of the given secrets with `[redacted]`. */
export function createLogger(output: Writable, level: LogLevel, secrets: readonly (string | undefined)[]): Logger {
  const hidden = secrets.filter((secret): secret is string => !!secret && secret.length >= MIN_SECRET_LENGTH);
  const scrub = (text: string) => hidden.reduce((result, secret) => result.split(secret).join('[redacted]'), text);
  const write = (name: Exclude<LogLevel, 'silent' | 'debug'>) => (message: string, fields: LogFields = {}) => {
    if (LEVELS[name] < LEVELS[level]) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level: name, message, ...fields }, errorReplacer);
    output.write(`${scrub(line)}\n`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

/** A logger that drops everything (tests that don't look at logs). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, cause: value.cause };
  return value;
}
