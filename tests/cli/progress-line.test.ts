/* eslint-disable no-control-regex -- terminal escape sequences are what this test reads */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressLine } from '../../adapters/cli/progress-line.ts';

/**
 * The screen of a terminal in cooked mode, for what the status line sends: text, CR, LF (as CR LF),
 * save and restore cursor (ESC 7 / ESC 8), cursor up (ESC [ n A) and erase line (ESC [ 2 K).
 * `echo` is the terminal itself echoing keys the student types.
 */
class Screen extends Writable {
  rows: string[] = [''];
  private row = 0;
  private column = 0;
  private saved = { row: 0, column: 0 };

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.echo(chunk.toString('utf8'));
    done();
  }

  echo(text: string): void {
    for (let index = 0; index < text.length; index++) {
      const char = text[index] ?? '';
      if (char === '\u001b') {
        const sequence = /^\u001b(7|8|\[(\d*)A|\[2K)/.exec(text.slice(index))?.[0] ?? '';
        if (!sequence) throw new Error(`unexpected escape ${JSON.stringify(text.slice(index, index + 6))}`);
        if (sequence === '\u001b7') this.saved = { row: this.row, column: this.column };
        else if (sequence === '\u001b8') ({ row: this.row, column: this.column } = this.saved);
        else if (sequence === '\u001b[2K') this.rows[this.row] = '';
        else this.row = Math.max(0, this.row - Number(sequence.slice(2, -1) || 1));
        index += sequence.length - 1;
      } else if (char === '\r') this.column = 0;
      else if (char === '\n') {
        this.row++;
        this.column = 0;
        this.rows[this.row] ??= '';
      } else {
        const line = (this.rows[this.row] ?? '').padEnd(this.column);
        this.rows[this.row] = `${line.slice(0, this.column)}${char}${line.slice(this.column + 1)}`;
        this.column++;
      }
    }
  }
}

describe('the progress line in a terminal', () => {
  it('keeps what the student types on its own line, visible while they type and after Enter', () => {
    const screen = new Screen();
    const status = createProgressLine(screen, true);
    status.draw('R1 is thinking… 1 s');
    screen.echo('ne');
    status.draw('R1 is thinking… 2 s');
    expect(screen.rows).toEqual(['R1 is thinking… 2 s', 'ne']);
    screen.echo('xt\r\n');
    // A status drawn between the terminal's echo of Enter and the program reading the line.
    status.draw('R1 is thinking… 3 s');
    status.typed('next\n');
    status.draw('R1 is thinking… 4 s');
    status.end();
    expect(screen.rows).toEqual(['R1 is thinking… 2 s', 'next', 'R1 is thinking… 4 s', '']);
  });

  it('prints each status as a line of its own into a pipe, after the open prompt', () => {
    let written = '';
    const pipe = new Writable({ write: (chunk: Buffer, _encoding, done) => { written += chunk.toString('utf8'); done(); } });
    const status = createProgressLine(pipe, false);
    status.draw('Waiting for R1… 0 s');
    status.typed('next\n');
    status.draw('R1 is thinking… 2 s');
    status.end();
    expect(written).toBe('\nWaiting for R1… 0 s\nR1 is thinking… 2 s\n');
  });

  it('ends the prompt\'s line in a pipe when no status was drawn', () => {
    let written = '';
    const pipe = new Writable({ write: (chunk: Buffer, _encoding, done) => { written += chunk.toString('utf8'); done(); } });
    createProgressLine(pipe, false).end();
    expect(written).toBe('\n');
  });
});
