/** Reads a problem-set file named on the command line, relative to the working directory. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserFacingError } from '../../../src/index.ts';
import type { CliIo } from '../command.ts';

/** The file's text; a UserFacingError that names the file when it cannot be read. */
export async function readSetFile(file: string, io: CliIo): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message;
    throw new UserFacingError(`Cannot read ${file}: ${reason}.`, { cause: error });
  }
}
