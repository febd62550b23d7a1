/** For actions that take only positional arguments: a flag there is a mistyped command line (exit 64). */
import { parseArgs } from 'node:util';

/** Throws parseArgs' unknown-option error (which `main` answers with the usage line) when `args` holds a flag. */
export function rejectFlags(args: readonly string[]): void {
  parseArgs({ args: [...args], options: {}, allowPositionals: true });
}
