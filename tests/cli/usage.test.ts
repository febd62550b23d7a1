import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('a mistyped command line', () => {
  it('answers an unknown command with the usage line and exit 64, suggesting the near one', async () => {
    const run = await runCli(['sesions']);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('"sesions" is not a command. Did you mean "sessions"?');
    expect(run.stderr).toContain('Usage: stepwise [command]');
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stdout).toBe('');
  });

  it('answers a word that is nothing like a command without a guess', async () => {
    const run = await runCli(['frobnicate']);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('"frobnicate" is not a command.');
    expect(run.stderr).not.toContain('Did you mean');
  });

  it.each([
    [['solve', '--jsn', 'Solve 2x = 4'], "Unknown option '--jsn'", 'Usage: stepwise solve [--json]'],
    [['--dmeo'], "Unknown option '--dmeo'", 'Usage: stepwise [tutor] [--demo]'],
    [['render', '--tex', 'x', '--outt', 'x.png'], "Unknown option '--outt'", 'stepwise render --tex'],
  ])('answers an unknown flag (%j) with that command\'s usage and exit 64, never a stack trace', async (args, message, usage) => {
    const run = await runCli(args);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain(usage);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('prints the version', async () => {
    const run = await runCli(['--version']);
    expect(run).toMatchObject({ code: 0, stdout: `stepwise ${version}\n` });
  });
});
