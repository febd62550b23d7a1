import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../adapters/cli/main.ts';
import { displayWidth, wrapPlain } from '../../adapters/cli/terminal-markdown.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'stepwise-width-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A 60-column terminal as Node shows it to a program. */
class NarrowTerminal extends Writable {
  readonly isTTY = true;
  readonly columns = 60;
  written = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.written += chunk.toString('utf8');
    done();
  }
}

describe('the terminal tutor at the terminal\'s width', () => {
  it('wraps the demo banner, its list of problems and the help on word boundaries, with hanging indents', async () => {
    const stdout = new NarrowTerminal();
    const code = await main(['--demo'], { stdin: Readable.from(['help\n', 'quit\n']), stdout, stderr: new NarrowTerminal(), env: { USER: 'student', STEPWISE_DATA_DIR: dataDir }, cwd: dataDir });
    expect(code).toBe(0);
    const lines = stdout.written.split('\n');
    expect(lines.filter((line) => displayWidth(line) >= 60)).toEqual([]);
    // A wrapped problem continues under its text, not under its number.
    expect(stdout.written).toMatch(/\n {2}2\. Janet’s ducks lay 16 eggs per day\. [^\n]*\n {5}\S/);
    // A wrapped help line continues in the description column.
    expect(stdout.written).toMatch(/\n {2}reasoning {10}show how R1 thought about it[^\n]*\n {21}\S/);
  });

  it('leaves text alone when there is no width (a pipe)', () => {
    const help = '  policy             show when answers and reasoning open; e.g. policy answer: always';
    expect(wrapPlain(help, undefined)).toBe(help);
    expect(wrapPlain(help, 40).split('\n')).toEqual(['  policy             show when answers', '                     and reasoning open;', '                     e.g. policy answer:', '                     always']);
  });
});
