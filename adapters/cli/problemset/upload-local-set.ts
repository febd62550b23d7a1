/** Stores a set file in the terminal's space, so warm, practice and report can work on it. */
import { LOCAL_SPACE, type SaveResult } from '../../../src/index.ts';
import type { CliEngine } from '../cli-engine.ts';
import type { CliIo } from '../command.ts';
import { readSetFile } from './read-set-file.ts';

/** Reads, validates and saves FILE as the terminal's instructor (the person at the keyboard). */
export async function uploadLocalSet(engine: CliEngine, io: CliIo, file: string): Promise<SaveResult> {
  const text = await readSetFile(file, io);
  return engine.stepwise.classroom.upload(LOCAL_SPACE, { ...engine.user, isInstructor: true }, text);
}
