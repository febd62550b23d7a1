/** `stepwise render`: draws a formula, a hint card, or a JSONL batch of formulas to PNG files. */
import { accessSync, constants, createReadStream, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve, join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { userMessageOf } from '../../../src/errors.ts';
import { EXIT_USAGE } from '../command.ts';
import { inputFileError, outputFileError, outputFolderError } from '../path-errors.ts';
import type { MathRenderer } from '../../../src/math/index.ts';
import type { CliCommand, CliIo } from '../command.ts';

const USAGE = [
  'stepwise render --tex "<tex>" [--display] --out FILE.png',
  'stepwise render --card "<markdown with $tex$>" --out FILE.png',
  'stepwise render --jsonl FILE --out-dir DIR',
].join('\n');

/** Exposes the math renderer on the command line. */
export const renderCommand: CliCommand = {
  name: 'render',
  summary: 'Draw TeX or a hint card as PNG',
  usage: USAGE,
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        strict: true,
        options: {
          tex: { type: 'string' }, card: { type: 'string' }, display: { type: 'boolean' }, out: { type: 'string' },
          jsonl: { type: 'string' }, 'out-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' },
        },
      }));
    } catch (error) {
      return usageError(io, (error as Error).message);
    }
    if (values.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const modes = [values.tex, values.card, values.jsonl].filter((value) => value !== undefined).length;
    if (modes !== 1) return usageError(io, 'Give exactly one of --tex, --card or --jsonl.');
    if (values.jsonl !== undefined && !values['out-dir']) return usageError(io, '--jsonl needs --out-dir DIR.');
    if (values.jsonl === undefined && !values.out) return usageError(io, '--out FILE.png is required.');
    // MathJax loads here, not when the CLI starts.
    const { createMathRenderer } = await import('../../../src/math/index.ts');
    const renderer = createMathRenderer();
    try {
      if (values.jsonl !== undefined) return await renderBatch(renderer, resolve(io.cwd, values.jsonl), resolve(io.cwd, values['out-dir'] ?? '.'), io);
      const image = values.tex !== undefined
        ? await renderer.renderTex(values.tex, { display: values.display ?? false })
        : await renderer.renderCard(values.card ?? '');
      const out = resolve(io.cwd, values.out ?? '');
      await writeFile(out, image.png).catch((error: unknown) => {
        throw outputFileError(error, out) ?? error;
      });
      io.stdout.write(`${out} (${image.width}×${image.height}, ${image.png.length} bytes)\n`);
      for (const warning of image.warnings) io.stderr.write(`warning: ${warning}\n`);
      return 0;
    } catch (error) {
      io.stderr.write(`${userMessageOf(error)}\n`);
      return 1;
    } finally {
      await renderer.close();
    }
  },
};

function usageError(io: CliIo, problem: string): number {
  io.stderr.write(`stepwise render: ${problem}\nUsage:\n${USAGE}\n`);
  return EXIT_USAGE;
}

/** One JSON line per input line, in order; failures are reported and the batch goes on. */
async function renderBatch(renderer: MathRenderer, file: string, outDir: string, io: CliIo): Promise<number> {
  try {
    if (statSync(file).isDirectory()) throw Object.assign(new Error(`${file} is a folder`), { code: 'EISDIR' });
    accessSync(file, constants.R_OK);
  } catch (error) {
    throw inputFileError(error, file) ?? error;
  }
  await mkdir(outDir, { recursive: true }).catch((error: unknown) => {
    throw outputFolderError(error, outDir) ?? error;
  });
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let index = 0;
  let failures = 0;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    index++;
    const started = performance.now();
    let report: Record<string, unknown>;
    try {
      const input = JSON.parse(line) as { tex?: unknown; display?: unknown };
      if (typeof input.tex !== 'string') throw new TypeError('Each line needs a "tex" string');
      const image = await renderer.renderTex(input.tex, { display: input.display === true });
      await writeFile(join(outDir, `${String(index).padStart(5, '0')}.png`), image.png);
      report = { ok: true, ms: elapsed(started), bytes: image.png.length, width: image.width, height: image.height, error: null };
    } catch (error) {
      failures++;
      const message = error instanceof SyntaxError || error instanceof TypeError ? `Line ${index}: ${error.message}` : userMessageOf(error);
      report = { ok: false, ms: elapsed(started), bytes: 0, width: 0, height: 0, error: message };
    }
    io.stdout.write(`${JSON.stringify(report)}\n`);
  }
  return failures > 0 ? 1 : 0;
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
