/** The `stepwise` program: picks a subcommand, or the right default surface for `npm start`. */
import { userMessageOf, UserFacingError } from '../../src/index.ts';
import type { CliCommand, CliIo } from './command.ts';
import { CLI_COMMANDS } from './commands/index.ts';

/** Runs `stepwise <args>` and resolves to the exit code. */
export async function main(args: string[], io: CliIo, commands: readonly CliCommand[] = CLI_COMMANDS): Promise<number> {
  const [first, ...rest] = args;
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(help(commands));
    return 0;
  }
  const named = commands.find((command) => command.name === first);
  const command = named ?? commands.find((candidate) => candidate.name === defaultSurface(io.env));
  if (!command) throw new Error('the default command is missing from the list');
  const commandArgs = named ? rest : args;
  if (commandArgs.includes('--help')) {
    io.stdout.write(`${command.summary}\nUsage: ${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(commandArgs, io);
  } catch (error) {
    io.stderr.write(`${userMessageOf(error)}\n`);
    if (!(error instanceof UserFacingError)) io.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    return error instanceof UserFacingError ? 2 : 1;
  }
}

/** What plain `stepwise` / `npm start` runs: a chat bot when its credentials are set, else the terminal tutor. */
function defaultSurface(env: NodeJS.ProcessEnv): string {
  if (env.DISCORD_TOKEN) return 'discord';
  if (env.SLACK_BOT_TOKEN && (env.SLACK_APP_TOKEN || env.SLACK_SIGNING_SECRET)) return 'slack';
  return 'tutor';
}

function help(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return `Stepwise: a step-by-step STEM tutor on DeepSeek R1.\n\nUsage: stepwise [command] [options]   (no command: the terminal tutor)\n\n${lines.join('\n')}\n\nRun "stepwise <command> --help" for a command's options.\n`;
}
