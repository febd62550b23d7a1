/** `stepwise prompt try --prompt FILE (--set FILE | --traces FILE) [--json] [--promote]`: a prompt variant beside the current one. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createPromptTemplate, loadSolvePrompt, parseProblemSet, ProblemSetError, promptTrialTable, tryPrompt, UserFacingError, userMessageOf, type TrialProblem } from '../../../src/index.ts';
import { openCliEngine } from '../cli-engine.ts';
import { EXIT_MISSING_ARGUMENT, EXIT_USAGE, type CliCommand, type CliIo } from '../command.ts';
import { readSetFile } from '../problemset/read-set-file.ts';

const USAGE = 'stepwise prompt try --prompt FILE (--set FILE | --traces FILE) [--json] [--promote]';

export const promptCommand: CliCommand = {
  name: 'prompt',
  summary: 'Try a solve-prompt variant on a set or on recorded traces, side by side with the current prompt',
  usage: USAGE,
  async run(args, io) {
    const [action, ...rest] = args;
    if (action !== 'try') {
      io.stderr.write(`${action ? `Unknown action "${action}".` : 'Name an action.'}\nUsage: ${USAGE}\n`);
      return action ? EXIT_USAGE : EXIT_MISSING_ARGUMENT;
    }
    const { values } = parseArgs({
      args: rest,
      options: { prompt: { type: 'string' }, set: { type: 'string' }, traces: { type: 'string' }, json: { type: 'boolean' }, promote: { type: 'boolean' } },
    });
    if (!values.prompt || (values.set === undefined) === (values.traces === undefined)) {
      io.stderr.write(`Name the prompt file, and either a set file or a traces file.\nUsage: ${USAGE}\n`);
      return EXIT_MISSING_ARGUMENT;
    }
    let variantText: string;
    let problems: TrialProblem[];
    try {
      variantText = await readText(values.prompt, io);
      if (!variantText.includes('{{problem}}')) throw new UserFacingError(`${values.prompt} has no {{problem}} placeholder: R1 would never see the problem. Put {{problem}} where the problem goes.`);
      problems = values.set !== undefined ? await setProblems(values.set, io) : await traceProblems(values.traces ?? '', io);
    } catch (error) {
      io.stderr.write(`${userMessageOf(error)}\n`);
      return 1;
    }
    const current = loadSolvePrompt();
    const variant = createPromptTemplate(variantText);
    if (variant.version === current.version) io.stderr.write(`${values.prompt} is the current prompt (version ${current.version}); both columns will match.\n`);
    const engine = await openCliEngine(io, false);
    try {
      const { stepwise } = engine;
      const trial = await tryPrompt(
        { store: stepwise.store, model: stepwise.model, current, variant, checker: stepwise.checker, prices: engine.config.prices },
        problems,
        { promote: values.promote === true },
      );
      io.stdout.write(values.json ? `${JSON.stringify(trial, null, 2)}\n` : `${promptTrialTable(trial)}\n`);
      if (values.promote) {
        const file = join('prompts', `solve-${variant.version}.md`);
        await mkdir(resolve(io.cwd, 'prompts'), { recursive: true });
        await writeFile(resolve(io.cwd, file), variantText, 'utf8');
        (values.json ? io.stderr : io.stdout).write(`Wrote ${file} for review, and stored the variant's solves. To use it, copy it over prompts/solve.md: its ladders are then already warm.\n`);
      }
      return 0;
    } catch (error) {
      io.stderr.write(`${userMessageOf(error)}\n`);
      return 1;
    } finally {
      await engine.close();
    }
  },
};

async function readText(file: string, io: CliIo): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message;
    throw new UserFacingError(`Cannot read ${file}: ${reason}.`, { cause: error });
  }
}

/** The set's problems with their reference answers; the set is read, not stored. */
async function setProblems(file: string, io: CliIo): Promise<TrialProblem[]> {
  try {
    const set = parseProblemSet(await readSetFile(file, io));
    return set.problems.map((problem) => ({ id: problem.id, statement: problem.statement, reference: problem.answer, answerOptions: problem.answerOptions }));
  } catch (error) {
    if (error instanceof ProblemSetError) throw new UserFacingError(`${file}: ${error.message}`, { cause: error });
    throw error;
  }
}

/** One JSON object a line: { problem, reasoning, answer, reference?, id? } (the format of tests/fixtures/r1-traces). */
async function traceProblems(file: string, io: CliIo): Promise<TrialProblem[]> {
  const lines = (await readText(file, io)).split('\n');
  const problems: TrialProblem[] = [];
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    let trace: Record<string, unknown>;
    try {
      trace = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new UserFacingError(`${file} line ${index + 1} is not JSON. Each line must be one object: {"problem": ..., "reasoning": ..., "answer": ...}.`);
    }
    const { problem, reasoning, answer, reference, id } = trace;
    if (typeof problem !== 'string' || typeof reasoning !== 'string' || typeof answer !== 'string') {
      throw new UserFacingError(`${file} line ${index + 1} needs "problem", "reasoning" and "answer" as strings.`);
    }
    problems.push({ id: typeof id === 'string' ? id : `line ${index + 1}`, statement: problem, reference: typeof reference === 'string' ? reference : undefined, recorded: { reasoning, answer } });
  }
  if (problems.length === 0) throw new UserFacingError(`${file} has no traces.`);
  return problems;
}
