/** `stepwise sessions` and `stepwise resume <id>`: list saved sessions and continue one. */
import { parseArgs } from 'node:util';
import { userMessageOf } from '../../../src/index.ts';
import { openCliEngine } from '../cli-engine.ts';
import type { CliCommand } from '../command.ts';
import { INLINE_OPTION, INLINE_USAGE, withInlineChoice } from '../inline-flag.ts';
import { runTerminalTutor } from '../terminal-tutor.ts';
import { formatSessionLine, terminalWording } from '../terminal-view.ts';

export const sessionsCommand: CliCommand = {
  name: 'sessions',
  summary: 'List your saved tutoring sessions',
  usage: 'stepwise sessions',
  async run(args, io) {
    parseArgs({ args, options: {} });
    const engine = await openCliEngine(io, false, { announceDemo: false });
    try {
      const sessions = await engine.stepwise.tutor.sessions(engine.user);
      if (sessions.length === 0) io.stdout.write('No sessions yet. Start one with "npm start" or "stepwise".\n');
      for (const session of sessions) io.stdout.write(`${formatSessionLine(session)}\n`);
      return 0;
    } finally {
      await engine.close();
    }
  },
};

export const resumeCommand: CliCommand = {
  name: 'resume',
  summary: 'Continue a saved session in the terminal tutor',
  usage: `stepwise resume <id> [--demo] ${INLINE_USAGE}`,
  async run(args, io) {
    const { values, positionals } = parseArgs({ args, options: { demo: { type: 'boolean' }, ...INLINE_OPTION }, allowPositionals: true });
    const [id] = positionals;
    if (!id) {
      io.stderr.write(`Name the session to resume (see "stepwise sessions").\nUsage: ${this.usage}\n`);
      return 2;
    }
    const terminal = withInlineChoice(io, values.inline);
    const engine = await openCliEngine(terminal, values.demo === true, { announceDemo: false });
    try {
      return await runTerminalTutor(engine, terminal, { sessionId: id });
    } catch (error) {
      io.stderr.write(`${terminalWording(userMessageOf(error))}\n`);
      return 1;
    } finally {
      await engine.close();
    }
  },
};
