/** `stepwise discord`: runs the Discord bot until SIGINT or SIGTERM. */
import { once } from 'node:events';
import { UserFacingError, createLogger, loadConfig, openStepwise, userMessageOf } from '../../../src/index.ts';
import { EXIT_USAGE as EXIT_MISTYPED, type CliCommand } from '../command.ts';

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

const USAGE = [
  'stepwise discord',
  '  Runs Stepwise as a Discord bot until Ctrl+C (SIGINT) or SIGTERM.',
  '  DISCORD_TOKEN               bot token (required)',
  '  DISCORD_APPLICATION_ID      application id (read from Discord after login when unset)',
  '  DISCORD_GUILD_ID            register commands in this server only (instant); global when unset',
  '  DISCORD_INSTRUCTOR_ROLE_ID  members with this role are instructors (as are members with Manage Server)',
].join('\n');

/** The Discord surface as a CLI subcommand. */
export const discordCommand: CliCommand = {
  name: 'discord',
  summary: 'Run Stepwise as a Discord bot (needs DISCORD_TOKEN)',
  usage: USAGE,
  async run(args, io) {
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout.write(`${USAGE}\n`);
      return EXIT_OK;
    }
    if (args.length > 0) {
      io.stderr.write(`stepwise discord takes no arguments.\n${USAGE}\n`);
      return EXIT_MISTYPED;
    }
    // discord.js and MathJax load only when the bot runs, not with every CLI command.
    const [{ startDiscordBot, MESSAGE_CONTENT_WARNING }, { loadDiscordConfig }, { inviteUrlOf }, { createMathRenderer }] = await Promise.all([
      import('../../discord/main.ts'), import('../../discord/discord-config.ts'), import('../../discord/invite-url.ts'), import('../../../src/math/index.ts'),
    ]);
    let settings;
    try {
      settings = { discord: loadDiscordConfig(io.env), engine: loadConfig(io.env) };
    } catch (error) {
      io.stderr.write(`${userMessageOf(error)}\n`);
      return EXIT_USAGE;
    }
    const { discord, engine } = settings;
    const logger = createLogger(io.stderr, engine.logLevel, [engine.apiKey, discord.token]);
    if (!engine.apiKey) io.stderr.write('No model API key is set (STEPWISE_MODEL_API_KEY or DEEPSEEK_API_KEY): every /solve will fail until one is.\n');
    const stepwise = await openStepwise(engine, logger);
    const renderer = createMathRenderer();
    const closeEngine = async () => {
      await renderer.close();
      await stepwise.close();
    };
    let bot;
    try {
      bot = await startDiscordBot({ ...discord, tutor: stepwise.tutor, classroom: stepwise.classroom, inspector: stepwise.inspector, store: stepwise.store, renderer, logger });
    } catch (error) {
      logger.error('could not start the Discord bot', { error });
      // A refused registration (or intents) says its own cause; anything else is most likely the token or the network.
      const message = error instanceof UserFacingError ? error.message : 'Could not connect to Discord. Check DISCORD_TOKEN (reset it in the Developer Portal if in doubt) and the network.';
      io.stderr.write(`${message}\n`);
      await closeEngine();
      return EXIT_FAILED;
    }
    if (!bot.isReadingMessages) io.stderr.write(`${MESSAGE_CONTENT_WARNING}\n`);
    io.stdout.write(`Stepwise is on Discord as ${bot.client.user.tag}.\nInvite it with: ${inviteUrlOf(bot.applicationId)}\nPress Ctrl+C to stop.\n`);
    await untilStopSignal();
    io.stdout.write('Stopping…\n');
    await bot.stop();
    await closeEngine();
    return EXIT_OK;
  },
};

/** A long-running server has to listen for the process's signals; this is the one place it does. */
async function untilStopSignal(): Promise<void> {
  const controller = new AbortController();
  await Promise.race(STOP_SIGNALS.map((signal) => once(process, signal, { signal: controller.signal }).catch(() => undefined)));
  controller.abort();
}
