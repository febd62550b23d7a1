/** `stepwise problemset upload|list|show|remove|export`: the stored sets in the configured store. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeProblemSet, ProblemSetError, userMessageOf } from '../../../src/index.ts';
import { EXIT_MISSING_ARGUMENT, type CliCommand, type CliIo } from '../command.ts';
import { outputFileError } from '../path-errors.ts';
import { rejectFlags } from '../strict-args.ts';
import { withLibrary } from './open-library.ts';
import { readSetFile } from './read-set-file.ts';

export const uploadAction: CliCommand = {
  name: 'upload',
  summary: 'Validate a file and store it, replacing the set with the same id',
  usage: 'stepwise problemset upload FILE',
  async run(args, io) {
    const file = oneArgument(args, io, this.usage, 'Name the file to upload.');
    if (!file) return EXIT_MISSING_ARGUMENT;
    let text: string;
    try {
      text = await readSetFile(file, io);
    } catch (error) {
      io.stderr.write(`${userMessageOf(error)}\n`);
      return 1;
    }
    return withLibrary(io, async (library) => {
      try {
        const saved = await library.save(text, io.env.USER ?? 'cli');
        const { set } = saved;
        const verb = saved.replaced ? 'Replaced' : 'Saved';
        const changes = saved.replaced ? `: ${idList('added', saved.added)}, ${idList('removed', saved.removed)}, ${saved.kept.length} kept` : '';
        io.stdout.write(`${verb} ${set.id} "${set.title}" (${set.problems.length} problems, version ${set.version})${changes}\n`);
        return 0;
      } catch (error) {
        if (!(error instanceof ProblemSetError)) throw error;
        io.stderr.write(`${file}: ${error.message}\n`);
        return 1;
      }
    });
  },
};

export const listAction: CliCommand = {
  name: 'list',
  summary: 'List the stored problem sets',
  usage: 'stepwise problemset list',
  async run(args, io) {
    parseArgs({ args, options: {} });
    return withLibrary(io, async (library) => {
      const sets = await library.list();
      if (sets.length === 0) io.stdout.write('No problem sets yet. Add one with "stepwise problemset upload FILE".\n');
      for (const set of sets) {
        io.stdout.write(`${set.id}  "${set.title}"  ${set.problemCount} problems  v${set.version}  ${set.uploadedAt.slice(0, 16).replace('T', ' ')} by ${set.uploadedBy}\n`);
      }
      return 0;
    });
  },
};

export const showAction: CliCommand = {
  name: 'show',
  summary: 'Show a stored set with its policy, answers and authored hints',
  usage: 'stepwise problemset show ID',
  async run(args, io) {
    const id = oneArgument(args, io, this.usage, 'Name the set to show (see "stepwise problemset list").');
    if (!id) return EXIT_MISSING_ARGUMENT;
    return withLibrary(io, async (library) => {
      const set = await library.get(id);
      if (!set) return notFound(io, id);
      io.stdout.write(`${describeProblemSet(set, { includeAnswers: true })}\n\n(version ${set.version}, uploaded ${set.uploadedAt} by ${set.uploadedBy})\n`);
      return 0;
    });
  },
};

export const removeAction: CliCommand = {
  name: 'remove',
  summary: 'Remove a stored set',
  usage: 'stepwise problemset remove ID',
  async run(args, io) {
    const id = oneArgument(args, io, this.usage, 'Name the set to remove (see "stepwise problemset list").');
    if (!id) return EXIT_MISSING_ARGUMENT;
    return withLibrary(io, async (library) => {
      if (!(await library.remove(id))) return notFound(io, id);
      io.stdout.write(`Removed ${id}.\n`);
      return 0;
    });
  },
};

export const exportAction: CliCommand = {
  name: 'export',
  summary: 'Print a stored set exactly as it was uploaded, or write it to a file',
  usage: 'stepwise problemset export ID [--out FILE]',
  async run(args, io) {
    const { values, positionals } = parseArgs({ args, options: { out: { type: 'string' } }, allowPositionals: true });
    const id = oneArgument(positionals, io, this.usage, 'Name the set to export (see "stepwise problemset list").');
    if (!id) return EXIT_MISSING_ARGUMENT;
    return withLibrary(io, async (library) => {
      const source = await library.export(id);
      if (source === undefined) return notFound(io, id);
      if (values.out === undefined) {
        io.stdout.write(source);
      } else {
        const out = resolve(io.cwd, values.out);
        await writeFile(out, source, 'utf8').catch((error: unknown) => {
          throw outputFileError(error, out) ?? error;
        });
        io.stdout.write(`Wrote ${id} to ${values.out}\n`);
      }
      return 0;
    });
  },
};

function oneArgument(args: readonly string[], io: CliIo, usage: string, hint: string): string | undefined {
  rejectFlags(args);
  if (args.length === 1 && args[0]) return args[0];
  io.stderr.write(`${hint}\nUsage: ${usage}\n`);
  return undefined;
}

function notFound(io: CliIo, id: string): number {
  io.stderr.write(`There is no problem set "${id}". See "stepwise problemset list".\n`);
  return 1;
}

function idList(what: string, ids: readonly string[]): string {
  return ids.length === 0 ? `0 ${what}` : `${ids.length} ${what} (${ids.join(', ')})`;
}
