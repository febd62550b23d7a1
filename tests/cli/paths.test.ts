import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;
const scratch = mkdtempSync(join(tmpdir(), 'stepwise-paths-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('paths that cannot be used', () => {
  it('names an output folder that does not exist and how to make it', async () => {
    const out = join(scratch, 'no-such-folder', 'x.png');
    const run = await runCli(['render', '--tex', 'x^2', '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Cannot save ${out}: the folder ${join(scratch, 'no-such-folder')} does not exist. Create it (mkdir -p`);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('names a data folder that cannot be written and says which variable to set', async () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'not a folder');
    const run = await runCli(['sessions'], { env: { STEPWISE_DATA_DIR: join(file, 'data') } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Stepwise keeps its sessions in ${join(file, 'data')}, but that folder is inside something that is not a folder.`);
    expect(run.stderr).toContain('Set STEPWISE_DATA_DIR to a folder you can write');
    expect(run.stderr).not.toMatch(STACK_LINE);
  });
});

describe('commands that call no model', () => {
  it('lists sessions without announcing demo mode when no key is set', async () => {
    const run = await runCli(['sessions'], { env: { STEPWISE_DATA_DIR: join(scratch, 'data') } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No sessions yet.');
    expect(run.stderr).not.toMatch(/demo/i);
  });
});
