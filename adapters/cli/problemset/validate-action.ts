/** `stepwise problemset validate FILE`: check a file without storing it; needs no store and no key. */
import { parseProblemSet, ProblemSetError, userMessageOf } from '../../../src/index.ts';
import type { CliCommand } from '../command.ts';
import { rejectFlags } from '../strict-args.ts';
import { readSetFile } from './read-set-file.ts';

export const validateAction: CliCommand = {
  name: 'validate',
  summary: 'Check a problem-set file and list every mistake with its line and column',
  usage: 'stepwise problemset validate FILE',
  async run(args, io) {
    rejectFlags(args);
    const [file] = args;
    if (!file || args.length > 1) {
      io.stderr.write(`Name one file to validate.\nUsage: ${this.usage}\n`);
      return 2;
    }
    try {
      const set = parseProblemSet(await readSetFile(file, io));
      const withHints = set.problems.filter((problem) => problem.hints.length > 0).length;
      io.stdout.write(`OK ${set.id} "${set.title}": ${set.problems.length} problems, ${withHints} with authored hints\n`);
      return 0;
    } catch (error) {
      io.stderr.write(`${error instanceof ProblemSetError ? `${file}: ` : ''}${userMessageOf(error)}\n`);
      return 1;
    }
  },
};
