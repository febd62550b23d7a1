/**
 * A live status line ("R1 is thinking… 4 s") that typed input never lands on. In a terminal it
 * is drawn on the line above the cursor, so what the student types meanwhile (echoed by the
 * terminal on the cursor's line) stays visible; once they press Enter, their line stays where it
 * is and the status carries on below it. In a pipe each update is a line of its own.
 */
import type { Writable } from 'node:stream';

const ESC = '\u001b';
/** Save the cursor, go up a line to column 1 and clear it (DECSC, CUU, EL); DECRC restores. */
const TO_LINE_ABOVE = `${ESC}7${ESC}[1A\r${ESC}[2K`;
const BACK = `${ESC}8`;

/** One status line on stdout. */
export interface ProgressLine {
  /** Shows `text` in place of the last status. */
  draw(text: string): void;
  /** The student pressed Enter on `input`: their line stays, and the status moves below it. */
  typed(input: string): void;
  /** Leaves the last status on screen, the cursor on a fresh line below it. */
  end(): void;
}

/** A status line on `stdout`; `isTty` picks drawing in place over printing line by line. */
export function createProgressLine(stdout: Writable, isTty: boolean): ProgressLine {
  let last: string | undefined;
  // In a pipe the prompt before the status has no line break of its own.
  let isPromptOpen = !isTty;
  return {
    draw(text) {
      if (!isTty) stdout.write(`${isPromptOpen ? '\n' : ''}${text}\n`);
      else stdout.write(last === undefined ? `${text}\n` : `${TO_LINE_ABOVE}${text}${BACK}`);
      isPromptOpen = false;
      last = text;
    },
    typed(input) {
      if (!isTty || last === undefined) return;
      // The terminal echoed the line and moved the cursor below it before we heard of it; a status
      // drawn in that moment went onto the typed line. Writing that line again undoes it either way.
      const line = input.split(/\r?\n/).filter((part) => part !== '').at(-1) ?? '';
      stdout.write(`${ESC}[1A\r${ESC}[2K${line}\n${last}\n`);
    },
    end() {
      if (isPromptOpen) stdout.write('\n');
      isPromptOpen = false;
    },
  };
}
