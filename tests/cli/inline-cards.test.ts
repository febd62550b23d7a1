/* eslint-disable no-control-regex -- terminal escape sequences are what these tests read */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../adapters/cli/main.ts';
import { displayWidth } from '../../adapters/cli/terminal-markdown.ts';
import { LINEAR_EQUATION } from '../fakes/fake-reasoning-model.ts';
import { startFakeR1, type FakeR1Server } from '../fakes/fake-r1-server.ts';
import { runCli } from '../support/run-cli.ts';

vi.setConfig({ testTimeout: 60_000 });

const KEY = 'sk-inline-cards-test-key-0123456789';
const KITTY_COMMAND = /\u001b_G([^;\u001b]*);([A-Za-z0-9+/=]*)\u001b\\/g;
let r1: FakeR1Server;
let dataDir: string;
const env = (extra: Record<string, string> = {}) => ({ STEPWISE_MODEL_API_KEY: KEY, STEPWISE_MODEL_BASE_URL: r1.url, STEPWISE_DATA_DIR: dataDir, USER: 'student', ...extra });

beforeAll(async () => {
  r1 = await startFakeR1([{ reasoning: LINEAR_EQUATION.reasoning, answer: LINEAR_EQUATION.answer, chunkChars: 40 }]);
  dataDir = mkdtempSync(join(tmpdir(), 'stepwise-inline-'));
});
afterAll(async () => {
  await r1.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A terminal's stdout as Node shows it to a program: isTTY, a width, and what was written. */
class FakeTerminal extends Writable {
  readonly isTTY = true;
  readonly columns = 100;
  written = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.written += chunk.toString('utf8');
    done();
  }
}

/** Runs `stepwise <args>` in this process on a fake terminal, with `lines` typed. */
async function onTerminal(args: string[], lines: string[], extraEnv: Record<string, string> = {}) {
  const stdout = new FakeTerminal();
  const stderr = new FakeTerminal();
  const code = await main(args, { stdin: Readable.from(lines.map((line) => `${line}\n`)), stdout, stderr, env: env(extraEnv), cwd: dataDir });
  return { code, stdout: stdout.written, stderr: stderr.written };
}

/** The card files the `cards` command named, in order. */
function savedCards(stdout: string): string[] {
  return [...stdout.matchAll(/: (\S+\.png) \(\d+×\d+\)/g)].map((match) => match[1] ?? '');
}

describe('cards shown inline in the terminal', () => {
  let sessionId = '';

  it('shows every saved card in kitty\'s protocol, the same PNG bytes as the file', async () => {
    const run = await onTerminal(['tutor', '--inline', 'kitty'], ['Solve 2x + 3 = 7', 'next', 'cards', 'quit']);
    expect(run.code).toBe(0);
    sessionId = /\[([a-z0-9]{10})\]> /.exec(run.stdout)?.[1] ?? '';
    const files = savedCards(run.stdout);
    expect(files.length).toBeGreaterThanOrEqual(2);
    const commands = [...run.stdout.matchAll(KITTY_COMMAND)];
    const images: string[] = [];
    for (const [, keys = '', payload = ''] of commands) {
      if (keys.startsWith('a=T,f=100')) images.push('');
      images[images.length - 1] += payload;
    }
    expect(images).toHaveLength(files.length);
    for (const [index, file] of files.entries()) expect(Buffer.from(images[index] ?? '', 'base64').equals(readFileSync(file))).toBe(true);
    // Each picture comes right after the line naming its file.
    expect(run.stdout).toMatch(/hint-1\.png \(\d+×\d+\)\n\u001b_Ga=T,f=100/);
    // Everything else, the list of commands included, fits the 100-column terminal.
    const text = run.stdout.replace(KITTY_COMMAND, '').split('\n').map((line) => line.split('\r').at(-1) ?? '');
    expect(text.filter((line) => displayWidth(line) >= 100)).toEqual([]);
    expect(run.stdout).toContain('\n[next (3/3) · check <answer>');
  });

  it('finds the protocol from the environment when asked for auto, and STEPWISE_INLINE_IMAGES picks one', async () => {
    const auto = await onTerminal(['resume', sessionId], ['cards', 'quit'], { TERM: 'xterm-256color', TERM_PROGRAM: 'WezTerm' });
    expect(auto.stdout).toMatch(/\u001b\]1337;File=inline=1;size=\d+;width=auto:/);
    const chosen = await onTerminal(['resume', sessionId], ['cards', 'quit'], { TERM: 'xterm-256color', STEPWISE_INLINE_IMAGES: 'sixel' });
    expect(chosen.stdout).toContain('\u001bP0;1;0q"1;1;');
    const off = await onTerminal(['resume', sessionId, '--inline', 'off'], ['cards', 'quit'], { TERM: 'xterm-kitty' });
    expect(savedCards(off.stdout).length).toBeGreaterThanOrEqual(2);
    expect(off.stdout).not.toMatch(/\u001b[_\]P]/);
  });

  it('answers a --inline value it does not know with the usage line and exit 64', async () => {
    const run = await onTerminal(['tutor', '--inline', 'png'], []);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('--inline takes auto, kitty, iterm, sixel, off, not "png".');
    expect(run.stderr).toContain('Usage: stepwise [tutor] [--demo] [--inline auto|kitty|iterm|sixel|off]');
  });

  it('tells about --inline and STEPWISE_INLINE_IMAGES in --help', async () => {
    const help = await onTerminal(['--help'], []);
    expect(help.stdout).toContain('--inline auto|kitty|iterm|sixel|off on tutor, resume and practice, or STEPWISE_INLINE_IMAGES');
    for (const command of ['tutor', 'resume', 'practice']) {
      expect((await onTerminal([command, '--help'], [])).stdout).toContain('[--inline auto|kitty|iterm|sixel|off]');
    }
  });

  it('says what to set when STEPWISE_INLINE_IMAGES holds something else', async () => {
    const run = await onTerminal(['tutor'], [], { STEPWISE_INLINE_IMAGES: 'yes' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('STEPWISE_INLINE_IMAGES="yes" is not a choice: set it to one of auto, kitty, iterm, sixel, off');
  });

  it('writes only the files and their paths into a pipe, even when kitty is asked for', async () => {
    const run = await runCli(['resume', sessionId, '--inline', 'kitty'], { env: env({ TERM: 'xterm-kitty' }), input: 'cards\nquit\n' });
    expect(run.code).toBe(0);
    const files = savedCards(run.stdout);
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) expect(readFileSync(file).subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(run.stdout).not.toContain('\u001b');
  });
});
