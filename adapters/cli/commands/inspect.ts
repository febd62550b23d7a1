/** `stepwise inspect SESSION_ID | --set ID --problem PID [--space PLATFORM:ID] [--json] [--out FILE]`: how a ladder came to be. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { inspectionMarkdown, LOCAL_SPACE, userMessageOf } from '../../../src/index.ts';
import { openCliEngine } from '../cli-engine.ts';
import { EXIT_MISSING_ARGUMENT, type CliCommand } from '../command.ts';
import { outputFileError } from '../path-errors.ts';
import { parseSpace } from './report.ts';

export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: "Show the request, R1's raw output and how the ladder was cut, for a session or a warmed problem",
  usage: 'stepwise inspect SESSION_ID | --set ID --problem PID [--space discord:GUILD_ID | slack:TEAM_ID] [--json] [--out FILE]',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args, allowPositionals: true,
      options: { set: { type: 'string' }, problem: { type: 'string' }, space: { type: 'string' }, json: { type: 'boolean' }, out: { type: 'string' } },
    });
    const [sessionId] = positionals;
    const bySet = values.set !== undefined || values.problem !== undefined;
    const space = values.space === undefined ? LOCAL_SPACE : parseSpace(values.space);
    if (positionals.length > 1 || !space || (bySet ? !(values.set && values.problem) || sessionId : !sessionId || values.space !== undefined)) {
      io.stderr.write(`Name one session id (see "stepwise sessions"), or a set and one of its problems (and a space like discord:1234 if it is not this terminal's).\nUsage: ${this.usage}\n`);
      return EXIT_MISSING_ARGUMENT;
    }
    // No model call is made; the engine is opened as for warming, so a set warmed in demo mode is found in demo mode.
    // Inspecting reads what is stored and calls no model: no word about demo mode.
    const engine = await openCliEngine(io, false, { announceDemo: false });
    try {
      const { inspector } = engine.stepwise;
      const inspection = bySet && values.set && values.problem
        ? await inspector.problem(space, values.set, values.problem)
        : await inspector.session(sessionId ?? '');
      const text = values.json ? `${JSON.stringify(inspection, null, 2)}\n` : inspectionMarkdown(inspection);
      if (values.out === undefined) {
        io.stdout.write(text);
      } else {
        const out = resolve(io.cwd, values.out);
        await writeFile(out, text, 'utf8').catch((error: unknown) => {
          throw outputFileError(error, out) ?? error;
        });
        io.stdout.write(`Wrote the inspection to ${values.out}\n`);
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
