/** `stepwise check`: judge one answer, or a JSONL file of them, by mathematical equivalence. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AnswerOptions, Verdict } from '../../../src/answers/index.ts';
import { EXIT_USAGE, type CliCommand, type CliIo } from '../command.ts';

const EXIT_CODES: Readonly<Record<Verdict, number>> = { equivalent: 0, 'not-equivalent': 1, unsure: 2 };
const USAGE = `stepwise check --reference "<ref>" --answer "<answer>" [--json] [--ordered | --no-ordered] [--require-form] [--allow-decimal] [--units-required]
stepwise check --jsonl FILE
  Prints equivalent, not-equivalent or unsure and exits 0, 1 or 2 (64 on a usage error);
  when it is not equivalent, why is on stderr.
  --json prints {"verdict", "shape", "couldNotRead", "feedback", "reason"}: reason says what was compared and why.
  --ordered: lists must be in order; --no-ordered: order does not matter; neither: a bare list in another order is unsure.
  --allow-decimal is the default; --no-allow-decimal asks for the exact value.
  With --jsonl, each line is {"reference", "answer", "options"?} and each output line is
  {"verdict", "ms", "shape", "couldNotRead", "feedback", "reason"} ({"verdict":"unsure","ms":0,"error"} for a bad line).`;

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Check an answer against a reference by mathematical equivalence',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        allowNegative: true,
        options: {
          reference: { type: 'string' },
          answer: { type: 'string' },
          jsonl: { type: 'string' },
          json: { type: 'boolean' },
          ordered: { type: 'boolean' },
          'require-form': { type: 'boolean' },
          'allow-decimal': { type: 'boolean' },
          'units-required': { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
      }));
    } catch (error) {
      return usageError(io, (error as Error).message);
    }
    if (values.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    // mathjs loads here, not when the CLI starts.
    const { checkEquivalence } = await import('../../../src/answers/index.ts');
    if (values.jsonl !== undefined) return checkFile(resolve(io.cwd, values.jsonl), io, checkEquivalence);
    if (values.reference === undefined || values.answer === undefined) return usageError(io, 'give --reference and --answer, or --jsonl FILE');
    const options: AnswerOptions = {
      ordered: values.ordered,
      requireForm: values['require-form'],
      allowDecimal: values['allow-decimal'],
      unitsRequired: values['units-required'],
    };
    const check = checkEquivalence(values.reference, values.answer, options);
    const { verdict, shape, couldNotRead, feedback, reason } = check;
    io.stdout.write(values.json ? `${JSON.stringify({ verdict, shape, couldNotRead, feedback, reason })}\n` : `${verdict}\n`);
    // Without --json the verdict alone is on stdout (for scripts); why it is not "equivalent" goes to stderr.
    if (!values.json && verdict !== 'equivalent') io.stderr.write(`why: ${reason}\n`);
    return EXIT_CODES[verdict];
  },
};

function usageError(io: CliIo, message: string): number {
  io.stderr.write(`stepwise check: ${message}\n${USAGE}\n`);
  return EXIT_USAGE;
}

type Check = typeof import('../../../src/answers/index.ts').checkEquivalence;

async function checkFile(path: string, io: CliIo, checkEquivalence: Check): Promise<number> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    io.stderr.write(`stepwise check: cannot read ${path}: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let output: Record<string, unknown>;
    try {
      output = checkLine(line, checkEquivalence);
    } catch (error) {
      // One bad line never stops the batch.
      output = { verdict: 'unsure', ms: 0, error: `could not check this line: ${(error as Error).message}` };
    }
    io.stdout.write(`${JSON.stringify(output)}\n`);
  }
  return 0;
}

function checkLine(line: string, checkEquivalence: Check): Record<string, unknown> {
  const started = performance.now();
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return { verdict: 'unsure', ms: 0, error: 'not valid JSON' };
  }
  const record = input as { reference?: unknown; answer?: unknown; options?: unknown };
  if (typeof record?.reference !== 'string' || typeof record.answer !== 'string') {
    return { verdict: 'unsure', ms: 0, error: 'each line needs string "reference" and "answer" fields' };
  }
  // Options may sit in an "options" object or beside reference and answer.
  const options = readOptions(record.options ?? record);
  const check = checkEquivalence(record.reference, record.answer, options);
  const ms = Math.round((performance.now() - started) * 1000) / 1000;
  return { verdict: check.verdict, ms, shape: check.shape, couldNotRead: check.couldNotRead, feedback: check.feedback, reason: check.reason };
}

function readOptions(value: unknown): AnswerOptions {
  if (typeof value !== 'object' || value === null) return {};
  const fields = value as Record<string, unknown>;
  const flag = (name: string) => (typeof fields[name] === 'boolean' ? (fields[name] as boolean) : undefined);
  return {
    ordered: flag('ordered'),
    requireForm: flag('requireForm'),
    allowDecimal: flag('allowDecimal'),
    unitsRequired: flag('unitsRequired'),
    timeBudgetMs: typeof fields.timeBudgetMs === 'number' ? fields.timeBudgetMs : undefined,
  };
}
