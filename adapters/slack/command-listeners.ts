/**
 * Registers a slash command listener for every entry of CHAT_COMMANDS; each acks before any work,
 * and commands the list marks instructor-only are refused to students before they run.
 */
import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import { CHAT_COMMANDS, type ChatCommand } from '../../src/index.ts';
import type { SlackClient, SlackContext } from './slack-context.ts';
import { checkCommand } from './check-command.ts';
import { policyCommand } from './policy-command.ts';
import { practiceCommand } from './practice-command.ts';
import { problemsetCommand } from './problemset-command.ts';
import { progressCommand } from './progress-command.ts';
import { reportCommand } from './report-command.ts';
import { solveCommand } from './solve-command.ts';

type CommandHandler = (context: SlackContext, client: SlackClient, command: SlashCommand, respond: RespondFn, signal: AbortSignal) => Promise<void>;

const HANDLERS: Readonly<Record<string, CommandHandler>> = {
  solve: solveCommand,
  check: checkCommand,
  practice: practiceCommand,
  progress: progressCommand,
  problemset: problemsetCommand,
  report: reportCommand,
  policy: policyCommand,
};

/** Listens for `/<name>` for each chat command; commands without a Slack handler say so. */
export function registerCommandListeners(app: App, context: SlackContext): void {
  for (const chatCommand of CHAT_COMMANDS) {
    const { name } = chatCommand;
    const handler = HANDLERS[name];
    app.command(`/${name}`, async ({ ack, command, respond, client }) => {
      await ack();
      context.instructors.prefetch(command.user_id);
      if (!handler) {
        await respond({ response_type: 'ephemeral', text: `/${name} is not available in Slack yet.` });
        return;
      }
      context.tasks.run(`/${name}`, async (signal) => {
        if (await isRefused(context, chatCommand, command, respond)) return;
        await handler(context, client, command, respond, signal);
      });
    });
  }
}

async function isRefused(context: SlackContext, chatCommand: ChatCommand, command: SlashCommand, respond: RespondFn): Promise<boolean> {
  if (!chatCommand.isInstructorOnly) return false;
  // The cache first: /problemset upload opens a modal on this command's 3-second trigger.
  if (context.instructors.cached(command.user_id) ?? (await context.instructors.isInstructor(command.user_id))) return false;
  await respond({ response_type: 'ephemeral', text: `Only instructors can use /${chatCommand.name}. Try /practice and /progress instead.` });
  return true;
}
