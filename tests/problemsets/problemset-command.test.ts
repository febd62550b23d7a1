import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { problemsetCommand } from '../../adapters/cli/commands/problemset.ts';
import type { CliIo } from '../../adapters/cli/command.ts';
import { runCli } from '../support/run-cli.ts';

const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;
const workDir = mkdtempSync(join(tmpdir(), 'stepwise-problemset-cli-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const BROKEN = 'id: week-1\ntitle: Week one\nproblems:\n  - id: p1\n    statement: Solve $x + 1 = 2$.\n    anwser: 1\n';
writeFileSync(join(workDir, 'broken.yaml'), BROKEN);

/** Runs `stepwise problemset <args>` in-process and collects what it printed. */
async function problemset(args: string[], env: Record<string, string> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const io: CliIo = { stdin: new PassThrough(), stdout, stderr, env: { STEPWISE_DATA_DIR: join(workDir, 'data'), USER: 'ms-rivera', ...env }, cwd: workDir };
  const code = await problemsetCommand.run(args, io);
  stdout.end();
  stderr.end();
  return { code, stdout: String(stdout.read() ?? ''), stderr: String(stderr.read() ?? '') };
}

describe('stepwise problemset validate', () => {
  it('prints a one-line summary and exits 0 for a good file, with no store and no key', async () => {
    const run = await problemset(['validate', join(EXAMPLES, 'algebra.yaml')], { STEPWISE_STORE: 'redis' });
    expect(run).toEqual({ code: 0, stdout: 'OK algebra-basics "Algebra basics": 8 problems, 3 with authored hints\n', stderr: '' });
  });

  it('lists every issue on stderr and exits 1 for a bad file', async () => {
    const run = await problemset(['validate', 'broken.yaml']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('broken.yaml: This problem set has 1 issue to fix; nothing was saved:\n- line 6, column 5 (problems[0]): unknown key "anwser": did you mean "answer"?\n');
  });

  it('says when the file cannot be read, and how to call it', async () => {
    expect(await problemset(['validate', 'missing.yaml'])).toMatchObject({ code: 1, stderr: 'Cannot read missing.yaml: there is no such file.\n' });
    expect(await problemset(['validate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: stepwise problemset validate FILE') });
    expect(await problemset(['warp'])).toMatchObject({ code: 64, stderr: expect.stringContaining('Unknown action "warp"') });
  });

  it('works as the real executable', async () => {
    const run = await runCli(['problemset', 'validate', join(EXAMPLES, 'physics.yaml')]);
    expect(run).toMatchObject({ code: 0, stdout: 'OK physics-mechanics "Mechanics and circuits with units": 6 problems, 3 with authored hints\n' });
  });
});

describe('stepwise problemset upload, list, show, export, remove', () => {
  it('manages sets in the configured store', async () => {
    const algebra = join(EXAMPLES, 'algebra.yaml');
    expect(await problemset(['upload', algebra])).toMatchObject({ code: 0, stdout: 'Saved algebra-basics "Algebra basics" (8 problems, version 1)\n' });
    expect(await problemset(['upload', 'broken.yaml'])).toMatchObject({ code: 1, stderr: expect.stringContaining('did you mean "answer"?') });
    const replaced = await problemset(['upload', algebra]);
    expect(replaced.stdout).toBe('Replaced algebra-basics "Algebra basics" (8 problems, version 2): 0 added, 0 removed, 8 kept\n');

    const list = await problemset(['list']);
    expect(list.stdout).toMatch(/^algebra-basics {2}"Algebra basics" {2}8 problems {2}v2 {2}\d{4}-\d\d-\d\d \d\d:\d\d by ms-rivera\n$/);

    const show = await problemset(['show', 'algebra-basics']);
    expect(show.stdout).toContain('Policy: answer after 3 attempts; reasoning after solved; hints: at most 4; an attempt before each next hint; no cooldown');
    expect(show.stdout).toContain('2. factor-quadratic [factoring]: Factor $x^2 - 5x + 6$ completely.\n   checking: requireForm: true\n   answer: (x - 2)(x - 3)');

    expect((await problemset(['export', 'algebra-basics'])).stdout).toBe(readFileSync(algebra, 'utf8'));
    expect(await problemset(['export', 'algebra-basics', '--out', 'copy.yaml'])).toMatchObject({ code: 0, stdout: 'Wrote algebra-basics to copy.yaml\n' });
    expect(readFileSync(join(workDir, 'copy.yaml'), 'utf8')).toBe(readFileSync(algebra, 'utf8'));

    expect(await problemset(['remove', 'algebra-basics'])).toMatchObject({ code: 0, stdout: 'Removed algebra-basics.\n' });
    expect(await problemset(['show', 'algebra-basics'])).toMatchObject({ code: 1, stderr: 'There is no problem set "algebra-basics". See "stepwise problemset list".\n' });
    expect((await problemset(['list'])).stdout).toBe('No problem sets yet. Add one with "stepwise problemset upload FILE".\n');
  });
});
