import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../adapters/cli/main.ts';

const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;
const scratch = mkdtempSync(join(tmpdir(), 'stepwise-cli-errors-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
writeFileSync(join(scratch, 'quiz.yaml'), 'id: quiz\ntitle: Quiz\nproblems:\n  - id: square\n    statement: What is $3^2$?\n    answer: "9"\n');

/** Runs `stepwise <args>` in this process with no model key and a data folder of its own. */
async function stepwise(args: string[], env: Record<string, string> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const read = (stream: PassThrough) => {
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    return () => text;
  };
  const [out, err] = [read(stdout), read(stderr)];
  const code = await main(args, { stdin: Readable.from([]), stdout, stderr, env: { USER: 'student', STEPWISE_DATA_DIR: join(scratch, 'data'), ...env }, cwd: scratch });
  return { code, stdout: out(), stderr: err() };
}

describe('a mistyped command line, in every command', () => {
  it.each([
    [['tutor', '--jsn']], [['solve', '--jsn', '2+2']], [['hints', '--jsn']], [['sessions', '--jsn']], [['sessions', 'extra']],
    [['resume', 'abc', '--jsn']], [['check', '--jsn']], [['render', '--jsn']], [['practice', 'quiz.yaml', '--jsn']],
    [['report', '--jsn']], [['inspect', '--jsn']], [['prompt', 'try', '--jsn']], [['doctor', '--jsn']], [['discord', '--jsn']],
    [['slack', '--jsn']], [['problemset', 'validate', 'quiz.yaml', '--jsn']], [['problemset', 'upload', 'quiz.yaml', '--jsn']],
    [['problemset', 'list', '--jsn']], [['problemset', 'list', 'extra']], [['problemset', 'show', 'quiz', '--jsn']],
    [['problemset', 'remove', 'quiz', '--jsn']], [['problemset', 'export', 'quiz', '--jsn']], [['problemset', 'warm', 'quiz.yaml', '--jsn']],
    [['problemset', 'warp']], [['prompt', 'tri']], [['frobnicate']], [['--jsn']],
  ])('answers %j with a usage line and exit 64, never a stack trace', async (args) => {
    const run = await stepwise(args);
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/^Usage:|\nUsage:|^stepwise \w+\n|\nstepwise \w+/m);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stderr).not.toMatch(/demo mode/i);
  });

  it('names what was wrong: the flag, the argument or the action', async () => {
    expect((await stepwise(['problemset', 'list', 'extra'])).stderr).toContain("Unexpected argument 'extra'");
    expect((await stepwise(['doctor', '--jsn'])).stderr).toContain("stepwise doctor: Unknown option '--jsn'.");
    expect((await stepwise(['prompt', 'tri'])).stderr).toContain('Unknown action "tri".');
  });
});

describe('paths that cannot be used', () => {
  it('names an export folder that does not exist and how to make it', async () => {
    expect((await stepwise(['problemset', 'upload', 'quiz.yaml'])).code).toBe(0);
    const out = join(scratch, 'no-such-folder', 'quiz.yaml');
    const run = await stepwise(['problemset', 'export', 'quiz', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Cannot save ${out}: the folder ${join(scratch, 'no-such-folder')} does not exist. Create it (mkdir -p`);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('names a batch file that is missing, and an output folder that cannot be made', async () => {
    const missing = await stepwise(['render', '--jsonl', 'formulas.jsonl', '--out-dir', 'pngs']);
    expect(missing.stderr).toContain(`Cannot read ${join(scratch, 'formulas.jsonl')}: there is no such file.`);
    const folder = await stepwise(['render', '--jsonl', scratch, '--out-dir', 'pngs']);
    expect(folder.stderr).toContain(`Cannot read ${scratch}: it is a folder, not a file.`);
    writeFileSync(join(scratch, 'formulas.jsonl'), '{"tex":"x^2"}\n');
    const blocked = await stepwise(['render', '--jsonl', 'formulas.jsonl', '--out-dir', join('quiz.yaml', 'pngs')]);
    expect(blocked.stderr).toContain(`Cannot write into ${join(scratch, 'quiz.yaml', 'pngs')}: it or a folder above it is inside something that is not a folder.`);
    for (const run of [missing, folder, blocked]) {
      expect(run.code).toBe(1);
      expect(run.stderr).not.toContain('Sorry, something went wrong');
    }
  });

  it('names a trace file that is missing', async () => {
    const run = await stepwise(['hints', '--from-trace', 'traces.jsonl']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`Cannot read ${join(scratch, 'traces.jsonl')}: there is no such file. Check the name and the folder you ran this from.\n`);
  });

  it('says when the data folder cannot hold the SQLite database, and what to set instead', async () => {
    const dataDir = join(scratch, 'odd-data');
    mkdirSync(join(dataDir, 'stepwise.sqlite'), { recursive: true });
    const run = await stepwise(['sessions'], { STEPWISE_DATA_DIR: dataDir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Stepwise could not open its SQLite database in ${dataDir}`);
    expect(run.stderr).toContain('set STEPWISE_DATA_DIR to a local folder, or STEPWISE_STORE=redis');
    expect(run.stderr).not.toMatch(STACK_LINE);
  });
});

describe('commands that call no model say nothing about demo mode', () => {
  it('inspects a problem and estimates a warm without announcing demo mode', async () => {
    const inspect = await stepwise(['inspect', '--set', 'quiz', '--problem', 'square']);
    expect(inspect.stderr).toContain('has not been solved');
    const estimate = await stepwise(['problemset', 'warm', 'quiz.yaml', '--estimate']);
    expect(estimate.code).toBe(0);
    expect(estimate.stdout).toContain('quiz: 1 problems, 0 already warm.');
    for (const run of [inspect, estimate, await stepwise(['sessions']), await stepwise(['problemset', 'list'])]) expect(run.stderr).not.toMatch(/demo/i);
  });
});
