/** Registers a slash command listener for every entry of CHAT_COMMANDS; each acks before any work. */
import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import { CHAT_COMMANDS } from '../../src/index.ts';
import type { SlackClient, SlackContext } from './slack-context.ts';
import { checkCommand } from './check-command.ts';
import { solveCommand } from './solve-command.ts';

type CommandHandler = (context: SlackContext, client: SlackClient, command: SlashCommand, respond: RespondFn, signal: AbortSignal) => Promise<void>;

const HANDLERS: Readonly<Record<string, CommandHandler>> = {
  solve: solveCommand,
  check: checkCommand,
};

/** Listens for `/<name>` for each chat command; commands without a Slack handler say so. */
export function registerCommandListeners(app: App, context: SlackContext): void {
  for (const { name } of CHAT_COMMANDS) {
    const handler = HANDLERS[name];
    app.command(`/${name}`, async ({ ack, command, respond, client }) => {
      await ack();
      if (!handler) {
        await respond({ response_type: 'ephemeral', text: `/${name} is not available in Slack yet.` });
        return;
      }
      context.tasks.run(`/${name}`, (signal) => handler(context, client, command, respond, signal));
    });
  }
}
