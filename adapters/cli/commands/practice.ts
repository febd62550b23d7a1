/** `stepwise practice FILE [--demo]`: the terminal tutor over a problem set, one problem after another. */
import { parseArgs } from 'node:util';
import { userMessageOf } from '../../../src/index.ts';
import { openCliEngine } from '../cli-engine.ts';
import type { CliCommand } from '../command.ts';
import { uploadLocalSet } from '../problemset/upload-local-set.ts';
import { INLINE_OPTION, INLINE_USAGE, withInlineChoice } from '../inline-flag.ts';
import { runTerminalTutor } from '../terminal-tutor.ts';

export const practiceCommand: CliCommand = {
  name: 'practice',
  summary: 'Practise a problem set in the terminal tutor, next unsolved problem first',
  usage: `stepwise practice FILE [--demo] ${INLINE_USAGE}`,
  async run(args, io) {
    const { values, positionals } = parseArgs({ args, options: { demo: { type: 'boolean' }, ...INLINE_OPTION }, allowPositionals: true });
    const [file] = positionals;
    if (!file || positionals.length > 1) {
      io.stderr.write(`Name one problem-set file.\nUsage: ${this.usage}\n`);
      return 2;
    }
    const terminal = withInlineChoice(io, values.inline);
    const engine = await openCliEngine(terminal, values.demo === true);
    try {
      const { set } = await uploadLocalSet(engine, terminal, file);
      return await runTerminalTutor(engine, terminal, { practiceSetId: set.id });
    } catch (error) {
      io.stderr.write(`${userMessageOf(error)}\n`);
      return 1;
    } finally {
      await engine.close();
    }
  },
};
