/** `stepwise [tutor] [--demo]`: the interactive terminal tutor (the default command). */
import { parseArgs } from 'node:util';
import { openCliEngine } from '../cli-engine.ts';
import type { CliCommand } from '../command.ts';
import { INLINE_OPTION, INLINE_USAGE, withInlineChoice } from '../inline-flag.ts';
import { runTerminalTutor } from '../terminal-tutor.ts';

export const tutorCommand: CliCommand = {
  name: 'tutor',
  summary: 'The interactive terminal tutor (what plain "stepwise" and "npm start" run)',
  usage: `stepwise [tutor] [--demo] ${INLINE_USAGE}`,
  async run(args, io) {
    const { values } = parseArgs({ args, options: { demo: { type: 'boolean' }, ...INLINE_OPTION } });
    const terminal = withInlineChoice(io, values.inline);
    const engine = await openCliEngine(terminal, values.demo === true);
    try {
      return await runTerminalTutor(engine, terminal);
    } finally {
      await engine.close();
    }
  },
};
