/** `stepwise report --set ID [--csv] [--space PLATFORM:ID]`: how a class did on a set. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger, loadConfig, LOCAL_SPACE, openStepwise, userMessageOf, type Space } from '../../../src/index.ts';
import type { CliCommand } from '../command.ts';

export const reportCommand: CliCommand = {
  name: 'report',
  summary: "A set's class report: per student and problem, and per problem (table or CSV)",
  usage: 'stepwise report --set ID [--csv] [--space discord:GUILD_ID | slack:TEAM_ID]   (default space: this terminal)',
  async run(args, io) {
    const { values } = parseArgs({ args, options: { set: { type: 'string' }, csv: { type: 'boolean' }, space: { type: 'string' } } });
    const space = values.space === undefined ? LOCAL_SPACE : parseSpace(values.space);
    if (!values.set || !space) {
      io.stderr.write(`Name the set (and a space like discord:1234 if it is not this terminal's).\nUsage: ${this.usage}\n`);
      return 2;
    }
    const loaded = loadConfig(io.env);
    const config = { ...loaded, dataDir: resolve(io.cwd, loaded.dataDir) };
    const stepwise = await openStepwise(config, createLogger(io.stderr, 'warn', [config.apiKey]));
    try {
      // Whoever can read the store on this machine is the operator: they see every report.
      const operator = { platform: 'cli', userId: io.env.USER ?? 'operator', isInstructor: true };
      const { table, csv } = await stepwise.classroom.report(space, operator, values.set);
      io.stdout.write(values.csv ? csv : `${table}\n`);
      return 0;
    } catch (error) {
      io.stderr.write(`${userMessageOf(error)}\n`);
      return 1;
    } finally {
      await stepwise.close();
    }
  },
};

/** `discord:1234` -> the space; undefined when it is not PLATFORM:ID. */
export function parseSpace(text: string): Space | undefined {
  const match = /^(discord|slack|cli):(\S+)$/.exec(text);
  return match ? { platform: match[1] ?? '', id: match[2] ?? '' } : undefined;
}
