/** `stepwise slack`: runs the Slack bot (Socket Mode or HTTP mode), or prints its app manifest. */
import { parseArgs } from 'node:util';
import { createLogger, loadConfig } from '../../../src/index.ts';
import { formatManifest, slackManifest } from '../../slack/slack-manifest.ts';
import { readSlackSettings } from '../../slack/slack-settings.ts';
import { untilStopSignal } from '../../slack/stop-signal.ts';
import { openCliEngine } from '../cli-engine.ts';
import type { CliCommand, CliIo } from '../command.ts';

const USAGE_ERROR = 2;
const MISSING_CREDENTIALS =
  'Stepwise needs Slack credentials to run in Slack. Set SLACK_BOT_TOKEN (the xoxb- bot token from "OAuth & Permissions") and either ' +
  'SLACK_APP_TOKEN (an xapp- app-level token with connections:write, for Socket Mode: no public URL needed) or SLACK_SIGNING_SECRET ' +
  '(from "Basic Information", for HTTP mode, listening on SLACK_PORT, default 3000). Create the app with "stepwise slack --manifest" first. ' +
  'Optionally set SLACK_INSTRUCTOR_IDS to user or user-group ids, comma-separated, and SLACK_API_URL=https://slack-gov.com/api/ for a GovSlack workspace.';

/** Builds the command; `untilStop` resolves when the bot should shut down (SIGINT/SIGTERM by default). */
export function createSlackCommand(untilStop: () => Promise<string> = untilStopSignal): CliCommand {
  return {
    name: 'slack',
    summary: 'Run the Slack bot, or print its app manifest',
    usage: 'stepwise slack [--demo]\n       stepwise slack --manifest [--format yaml|json] [--request-url https://host/slack/events]',
    async run(args, io) {
      const { values } = parseArgs({
        args,
        options: { manifest: { type: 'boolean' }, format: { type: 'string', default: 'yaml' }, 'request-url': { type: 'string' }, demo: { type: 'boolean' } },
      });
      if (values.manifest) {
        if (values.format !== 'yaml' && values.format !== 'json') {
          io.stderr.write(`--format must be yaml or json.\nUsage: ${this.usage}\n`);
          return USAGE_ERROR;
        }
        io.stdout.write(formatManifest(slackManifest({ requestUrl: values['request-url'] }), values.format));
        return 0;
      }
      return runBot(io, values.demo === true, untilStop);
    },
  };
}

/** `stepwise slack`, stopping on SIGINT or SIGTERM. */
export const slackCommand: CliCommand = createSlackCommand();

async function runBot(io: CliIo, wantsDemo: boolean, untilStop: () => Promise<string>): Promise<number> {
  const read = readSlackSettings(io.env);
  if ('problems' in read) {
    io.stderr.write(`${MISSING_CREDENTIALS}\n\nWhat is wrong now:\n${read.problems.map((problem) => `- ${problem}`).join('\n')}\n`);
    return USAGE_ERROR;
  }
  const { settings } = read;
  const config = loadConfig(io.env);
  const secrets = [settings.botToken, config.apiKey, settings.connection.mode === 'socket' ? settings.connection.appToken : settings.connection.signingSecret];
  const logger = createLogger(io.stderr, config.logLevel, secrets);
  const engine = await openCliEngine(io, wantsDemo);
  // bolt and MathJax load only when the bot runs, not with every CLI command.
  const [{ createMathRenderer }, { startSlackBot }] = await Promise.all([import('../../../src/math/index.ts'), import('../../slack/main.ts')]);
  const renderer = createMathRenderer();
  try {
    const bot = await startSlackBot({ ...settings, tutor: engine.stepwise.tutor, classroom: engine.stepwise.classroom, inspector: engine.stepwise.inspector, store: engine.stepwise.store, renderer, logger });
    const where = settings.connection.mode === 'socket' ? 'Socket Mode' : `HTTP mode on port ${bot.port}, path /slack/events`;
    io.stdout.write(`Stepwise is running in Slack (${where}). Press Ctrl+C to stop.\n`);
    const signal = await untilStop();
    logger.info('stopping the slack bot', { signal });
    await bot.stop();
    return 0;
  } finally {
    await renderer.close();
    await engine.close();
  }
}
