import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../adapters/cli/commands/check.ts';

async function run(args: string[], cwd = process.cwd()) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (chunk: Buffer) => (chunks.out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (chunks.err += chunk.toString()));
  const code = await checkCommand.run(args, { stdin: new PassThrough(), stdout, stderr, env: {}, cwd });
  return { code, ...chunks };
}

describe('stepwise check', () => {
  it('prints the verdict and exits 0, 1 or 2', async () => {
    expect(await run(['--reference', '1/2', '--answer', '0.5'])).toMatchObject({ code: 0, out: 'equivalent\n' });
    expect(await run(['--reference', '1/2', '--answer', '0.6'])).toMatchObject({ code: 1, out: 'not-equivalent\n' });
    expect(await run(['--reference', '1/2', '--answer', '\\frac{1}{'])).toMatchObject({ code: 2, out: 'unsure\n' });
  });

  it('passes the teaching options through', async () => {
    expect((await run(['--reference', '(x+1)^2', '--answer', 'x^2+2x+1', '--require-form'])).code).toBe(1);
    expect((await run(['--reference', '3, 1', '--answer', '1, 3', '--ordered'])).code).toBe(1);
    expect((await run(['--reference', '9.8 m/s^2', '--answer', '9.8', '--units-required'])).code).toBe(1);
    expect((await run(['--reference', '1/3', '--answer', '0.333', '--no-allow-decimal'])).code).toBe(1);
  });

  it('prints the verdict with a reason under --json', async () => {
    const result = await run(['--reference', '1, 2, 3', '--answer', '3, 2, 1', '--json']);
    expect(result.code).toBe(2);
    const output = JSON.parse(result.out) as Record<string, unknown>;
    expect(output).toMatchObject({ verdict: 'unsure', shape: 'list', couldNotRead: false });
    expect(output.reason).toContain('different order');
    expect((await run(['--reference', '1, 2, 3', '--answer', '3, 2, 1', '--no-ordered'])).code).toBe(0);
    const plain = await run(['--reference', '204_5', '--answer', '54']);
    expect(plain.out).toBe('not-equivalent\n');
    expect(plain.err).toContain('base');
  });

  it('exits 64 with usage on stderr when arguments are missing', async () => {
    const result = await run(['--reference', '1']);
    expect(result.code).toBe(64);
    expect(result.err).toContain('--answer');
  });

  it('checks a JSONL file in order and keeps going after a bad line', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'stepwise-check-'));
    const lines = [
      JSON.stringify({ reference: 'x > 5', answer: '(5, \\infty)' }),
      'not json',
      JSON.stringify({ reference: '1, 2', answer: '2, 1', options: { ordered: true } }),
      JSON.stringify({ reference: 3 }),
      JSON.stringify({ reference: '1500', answer: Array.from({ length: 1500 }, () => '1').join('+') }),
      JSON.stringify({ reference: '3/4', answer: '0.75' }),
    ];
    writeFileSync(join(directory, 'answers.jsonl'), `${lines.join('\n')}\n`);
    const result = await run(['--jsonl', 'answers.jsonl'], directory);
    const output = result.out.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(result.code).toBe(0);
    expect(output.map((line) => line.verdict)).toEqual(['equivalent', 'unsure', 'not-equivalent', 'unsure', 'unsure', 'equivalent']);
    expect(output[4]?.feedback).toContain('1,000 characters');
    expect(typeof output[5]?.reason).toBe('string');
    expect(output[1]).toHaveProperty('error');
    expect(typeof output[0]?.ms).toBe('number');
  });
});
