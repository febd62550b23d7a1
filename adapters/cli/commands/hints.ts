/** `stepwise hints --from-trace FILE`: build ladders offline from recorded model output. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createHintLadder } from '../../../src/index.ts';
import type { CliCommand } from '../command.ts';
import { ladderJson } from '../ladder-json.ts';
import { inputFileError } from '../path-errors.ts';

export const hintsCommand: CliCommand = {
  name: 'hints',
  summary: 'Build hint ladders from recorded R1 output (JSON or JSON Lines), no model call',
  usage: 'stepwise hints --from-trace FILE   (FILE: {"problem","reasoning","answer"} as JSON, or one per line)',
  async run(args, io) {
    const { values } = parseArgs({ args, options: { 'from-trace': { type: 'string' } } });
    const file = values['from-trace'];
    if (!file) {
      io.stderr.write(`Name the trace file.\nUsage: ${this.usage}\n`);
      return 2;
    }
    let text: string;
    const path = resolve(io.cwd, file);
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      io.stderr.write(`${inputFileError(error, path)?.message ?? `Could not read ${file}: ${(error as Error).message}`}\n`);
      return 2;
    }
    let failures = 0;
    for (const [index, record] of records(text).entries()) {
      const trace = asTrace(record);
      if (typeof trace === 'string') {
        failures++;
        io.stdout.write(`${JSON.stringify({ error: `record ${index + 1}: ${trace}` })}\n`);
        continue;
      }
      io.stdout.write(`${JSON.stringify(ladderJson(trace.problem, await createHintLadder(trace), trace.reasoning, undefined))}\n`);
    }
    return failures > 0 ? 1 : 0;
  },
};

/** A single JSON document, or JSON Lines (blank lines skipped); unparseable lines become errors. */
function records(text: string): unknown[] {
  try {
    const whole: unknown = JSON.parse(text);
    return Array.isArray(whole) ? whole : [whole];
  } catch {
    return text.split('\n').filter((line) => line.trim()).map((line) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        return 'not valid JSON';
      }
    });
  }
}

function asTrace(record: unknown): { problem: string; reasoning: string; answer: string } | string {
  if (typeof record === 'string') return record;
  if (!record || typeof record !== 'object') return 'expected an object with "problem", "reasoning" and "answer"';
  const { problem, reasoning, answer } = record as Record<string, unknown>;
  if (typeof reasoning !== 'string' || typeof answer !== 'string') return '"reasoning" and "answer" must be strings';
  return { problem: typeof problem === 'string' ? problem : '', reasoning, answer };
}
