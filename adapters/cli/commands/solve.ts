/** `stepwise solve [--json] [--demo] "<problem>"`: solve without interaction and print the ladder. */
import { parseArgs } from 'node:util';
import { userMessageOf } from '../../../src/index.ts';
import { openCliEngine } from '../cli-engine.ts';
import type { CliCommand } from '../command.ts';
import { ladderJson } from '../ladder-json.ts';

export const solveCommand: CliCommand = {
  name: 'solve',
  summary: 'Solve one problem without interaction and print its hint ladder',
  usage: 'stepwise solve [--json] [--demo] "<problem>"',
  async run(args, io) {
    const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' }, demo: { type: 'boolean' } }, allowPositionals: true });
    const problem = positionals.join(' ');
    if (!problem.trim()) {
      io.stderr.write(`Give the problem to solve, in quotes.\nUsage: ${this.usage}\n`);
      return 2;
    }
    const engine = await openCliEngine(io, values.demo === true);
    try {
      const { tutor } = engine.stepwise;
      const opened = await tutor.open({ problem, owner: engine.user });
      const view = await tutor.solve(opened.id);
      const session = await tutor.session(opened.id);
      if (!session?.ladder) {
        io.stderr.write(`${view.parts.map((part) => ('markdown' in part ? part.markdown : '')).join('\n')}\nThe problem is saved: retry with "stepwise resume ${opened.id}".\n`);
        return 1;
      }
      const result = ladderJson(session.problem, session.ladder, session.reasoning ?? '', session.usage);
      if (values.json) {
        io.stdout.write(`${JSON.stringify(result)}\n`);
      } else {
        const lines = result.hints.map((hint, index) => `${index + 1}. [${hint.kind}] ${hint.text}`);
        io.stdout.write(`${lines.join('\n\n')}\n\n(session ${session.id}; continue it with "stepwise resume ${session.id}")\n`);
      }
      return 0;
    } catch (error) {
      io.stderr.write(`${userMessageOf(error)}\n`);
      return 1;
    } finally {
      await engine.close();
    }
  },
};
