/** The `stepwise` program: picks a subcommand, or the right default surface for `npm start`. */
import { readFileSync } from 'node:fs';
import { userMessageOf, UserFacingError } from '../../src/errors.ts';
import { EXIT_USAGE, type CliCommand, type CliIo } from './command.ts';

/** A command as help lists it; the build writes every command's to commands/catalog.json. */
type CommandInfo = Pick<CliCommand, 'name' | 'summary' | 'usage'>;

/** Help's word on images in the terminal (kept here, not imported, so help loads nothing else). */
const INLINE_NOTE = 'In the tutor, "cards" also shows the PNGs on kitty, iTerm2/WezTerm and sixel terminals:\n--inline auto|kitty|iterm|sixel|off on tutor, resume and practice, or STEPWISE_INLINE_IMAGES.';

/** node:util parseArgs errors: an unknown flag, a missing value, a stray argument. */
const PARSE_ARGS_CODES = new Set([
  'ERR_PARSE_ARGS_UNKNOWN_OPTION', 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL',
]);

/** Runs `stepwise <args>` and resolves to the exit code. */
export async function main(args: string[], io: CliIo, given?: readonly CliCommand[]): Promise<number> {
  const [first, ...rest] = args;
  if (first === '--version' || first === '-v' || first === 'version') {
    io.stdout.write(`stepwise ${packageVersion()}\n`);
    return 0;
  }
  // Help and a mistyped command need only the names and summaries: from the build's catalog when
  // there is one, so they do not load every command (and the engine) first.
  const catalog = given ?? readCatalog() ?? await loadCommands();
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(help(catalog));
    return 0;
  }
  if (first !== undefined && !first.startsWith('-') && !catalog.some((command) => command.name === first)) {
    const guess = closest(first, catalog.map((command) => command.name));
    io.stderr.write(`stepwise: "${first}" is not a command.${guess ? ` Did you mean "${guess}"?` : ''}\n${usageLine(catalog)}`);
    return EXIT_USAGE;
  }
  const isNamed = catalog.some((command) => command.name === first);
  const commandArgs = isNamed ? rest : args;
  const name = isNamed ? first : defaultSurface(io.env);
  const described = catalog.find((command) => command.name === name);
  if (described && (commandArgs.includes('--help') || commandArgs.includes('-h'))) {
    io.stdout.write(`${described.summary}\nUsage: ${described.usage}\n`);
    return 0;
  }
  const commands = given ?? await loadCommands();
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) throw new Error(`the command "${name}" is missing from the list`);
  try {
    return await command.run(commandArgs, io);
  } catch (error) {
    if (isUsageError(error)) {
      io.stderr.write(`stepwise ${command.name}: ${usageMessage(error)}\nUsage: ${command.usage}\nRun "stepwise --help" for every command.\n`);
      return EXIT_USAGE;
    }
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

async function loadCommands(): Promise<readonly CliCommand[]> {
  return (await import('./commands/index.ts')).CLI_COMMANDS;
}

/** The command list the build wrote beside the compiled CLI; undefined when running from the sources. */
function readCatalog(): CommandInfo[] | undefined {
  try {
    return JSON.parse(readFileSync(new URL('./commands/catalog.json', import.meta.url), 'utf8')) as CommandInfo[];
  } catch {
    return undefined;
  }
}

function help(commands: readonly CommandInfo[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return `Stepwise: a step-by-step STEM tutor on DeepSeek R1.\n\n${usageLine(commands)}\n${lines.join('\n')}\n\n${INLINE_NOTE}\nRun "stepwise <command> --help" for a command's options, "stepwise --version" for the version.\n`;
}

function usageLine(commands: readonly CommandInfo[]): string {
  return `Usage: stepwise [command] [options]   (no command: the terminal tutor)\nCommands: ${commands.map((command) => command.name).join(', ')}\n`;
}

function isUsageError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && PARSE_ARGS_CODES.has((error as { code?: string }).code ?? '');
}

/** parseArgs' message without its advice about "--" (which suits scripts, not students). */
function usageMessage(error: Error): string {
  const sentence = error.message.split('. To specify')[0]?.split('. This command does not take')[0] ?? error.message;
  return sentence.endsWith('.') ? sentence : `${sentence}.`;
}

/** The command name nearest to what was typed (edit distance at most 2), if any. */
function closest(word: string, names: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(word.toLowerCase(), name);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The version in package.json: two folders up from the sources, three from the compiled dist/ copy. */
function packageVersion(): string {
  for (const path of ['../../package.json', '../../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'stepwise' && manifest.version) return manifest.version;
    } catch {
      // Not this folder: try the next one up.
    }
  }
  return 'unknown';
}
