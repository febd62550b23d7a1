/** `stepwise [tutor] [--demo]`: the interactive terminal tutor (the default command). */
import { parseArgs } from 'node:util';
import { openCliEngine } from '../cli-engine.ts';
import type { CliCommand } from '../command.ts';
import { runTerminalTutor } from '../terminal-tutor.ts';

export const tutorCommand: CliCommand = {
  name: 'tutor',
  summary: 'The interactive terminal tutor (what plain "stepwise" and "npm start" run)',
  usage: 'stepwise [tutor] [--demo]',
  async run(args, io) {
    const { values } = parseArgs({ args, options: { demo: { type: 'boolean' } } });
    const engine = await openCliEngine(io, values.demo === true);
    try {
      return await runTerminalTutor(engine, io);
    } finally {
      await engine.close();
    }
  },
};
