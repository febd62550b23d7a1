/** The shape of one `stepwise <name>` subcommand; `commands/index.ts` lists them all. */
import type { Readable, Writable } from 'node:stream';

/** What a subcommand may touch: its streams and environment, never process globals. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: NodeJS.ProcessEnv;
  /** Working directory that relative paths are resolved against. */
  readonly cwd: string;
}

/** One subcommand of the `stepwise` program. */
export interface CliCommand {
  /** The word after `stepwise`, e.g. `render`. */
  readonly name: string;
  /** One line for `stepwise --help`. */
  readonly summary: string;
  /** Usage lines shown by `stepwise <name> --help` and on a usage error. */
  readonly usage: string;
  /** Runs with the arguments after the name; resolves to the process exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** The exit code for a mistyped command line: unknown command or flag (sysexits.h EX_USAGE). */
export const EXIT_USAGE = 64;
/** The exit code for a command missing an argument it needs (the file, the set, the session). */
export const EXIT_MISSING_ARGUMENT = 2;
