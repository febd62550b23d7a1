/** `/progress`: the student's own progress in the workspace's problem sets, shown to them only. */
import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { SlackClient, SlackContext } from './slack-context.ts';
import { actorOf, spaceOf } from './slack-actor.ts';
import { replyFailure, replyPrivately } from './ephemeral-reply.ts';
import { viewMarkdown } from './thread-poster.ts';

/** Handles one `/progress` after it has been acknowledged. */
export async function progressCommand(context: SlackContext, _client: SlackClient, command: SlashCommand, respond: RespondFn): Promise<void> {
  try {
    const actor = await actorOf(context, command.user_id, command.user_name);
    await replyPrivately(respond, viewMarkdown(await context.classroom.progress(spaceOf(command.team_id), actor)));
  } catch (error) {
    await replyFailure(context.logger, respond, 'progress command failed', error);
  }
}
