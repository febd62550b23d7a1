/** File-system failures at the terminal, said as a sentence that names the path and the fix. */
import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserFacingError } from '../../src/errors.ts';

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'does not exist',
  ENOTDIR: 'is inside something that is not a folder',
  EACCES: 'cannot be written (permission denied)',
  EPERM: 'cannot be written (operation not permitted)',
  EROFS: 'is on a read-only file system',
  ENOSPC: 'is on a full disk',
  EISDIR: 'is a folder, not a file',
  EEXIST: 'exists as a file, not a folder',
};

/** The error code of a Node file-system error, if it is one. */
function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A sentence for a failed write of an output file, or undefined when the error is not a file-system one. */
export function outputFileError(error: unknown, file: string): UserFacingError | undefined {
  const code = codeOf(error);
  const reason = code && REASONS[code];
  if (!reason) return undefined;
  const folder = dirname(file);
  if (code === 'ENOENT') return new UserFacingError(`Cannot save ${file}: the folder ${folder} does not exist. Create it (mkdir -p "${folder}") or give another path.`, { cause: error });
  return new UserFacingError(`Cannot save ${file}: ${code === 'EISDIR' ? 'it' : 'the folder'} ${reason}. Give a path you can write.`, { cause: error });
}

/** A sentence for an input file that cannot be read, or undefined when the error is not a file-system one. */
export function inputFileError(error: unknown, file: string): UserFacingError | undefined {
  const code = codeOf(error);
  if (code === 'ENOENT') return new UserFacingError(`Cannot read ${file}: there is no such file. Check the name and the folder you ran this from.`, { cause: error });
  if (code === 'EACCES' || code === 'EPERM') return new UserFacingError(`Cannot read ${file}: permission denied. Give a file you can read.`, { cause: error });
  if (code === 'EISDIR') return new UserFacingError(`Cannot read ${file}: it is a folder, not a file.`, { cause: error });
  return undefined;
}

/** A sentence for an output folder that cannot be made, or undefined when the error is not a file-system one. */
export function outputFolderError(error: unknown, folder: string): UserFacingError | undefined {
  const reason = REASONS[codeOf(error) ?? ''];
  if (!reason) return undefined;
  return new UserFacingError(`Cannot write into ${folder}: it or a folder above it ${reason}. Give an --out-dir you can write.`, { cause: error });
}

/**
 * Makes sure Stepwise can keep data in `directory`, creating it if needed; throws a sentence
 * naming the folder and the fix (another STEPWISE_DATA_DIR) when it cannot.
 */
export function ensureDataDirectory(directory: string): void {
  try {
    mkdirSync(directory, { recursive: true });
    accessSync(directory, constants.W_OK);
    // Permission bits do not stop root, and a read-only mount says so only on a write: try one.
    const probe = join(directory, `.stepwise-write-check-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (error) {
    const reason = REASONS[codeOf(error) ?? ''] ?? `cannot be used (${(error as Error).message})`;
    throw new UserFacingError(
      `Stepwise keeps its sessions in ${directory}, but that folder ${reason}. Set STEPWISE_DATA_DIR to a folder you can write (for example STEPWISE_DATA_DIR=~/.stepwise), or fix the folder's permissions.`,
      { cause: error },
    );
  }
}

/** A sentence for a store that failed to open in `directory` (SQLite on a file system that cannot hold it, say). */
export function storeOpenError(error: unknown, directory: string): UserFacingError | undefined {
  const code = codeOf(error) ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (!code.startsWith('SQLITE_') && !/SQLITE_|database|disk I\/O/i.test(message)) return undefined;
  return new UserFacingError(
    `Stepwise could not open its SQLite database in ${directory} (${message.replace(/^SQLITE_\w+:\s*/, '')}). Some network and synced folders cannot hold SQLite: set STEPWISE_DATA_DIR to a local folder, or STEPWISE_STORE=redis with STEPWISE_REDIS_URL.`,
    { cause: error },
  );
}
