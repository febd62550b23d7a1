/**
 * `/report <set>` (instructors): the class table as an ephemeral reply in the channel, and the CSV
 * as a file in the instructor's DM with the bot (ephemeral messages cannot carry files).
 */
import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { SlackClient, SlackContext } from './slack-context.ts';
import { actorOf, spaceOf } from './slack-actor.ts';
import { setIdFrom } from './command-text.ts';
import { sendPrivateFile } from './direct-messages.ts';
import { replyFailure, replyPrivately, replyWithTable } from './ephemeral-reply.ts';

const NO_SET = 'Name the set to report on, for example `/report algebra-basics`. `/problemset list` shows the sets.';

/** Handles one `/report` after it has been acknowledged. */
export async function reportCommand(context: SlackContext, _client: SlackClient, command: SlashCommand, respond: RespondFn): Promise<void> {
  const setId = setIdFrom(command.text);
  if (!setId) return replyPrivately(respond, NO_SET);
  try {
    const actor = await actorOf(context, command.user_id, command.user_name);
    const { report, table, csv } = await context.classroom.report(spaceOf(command.team_id), actor, setId);
    await replyWithTable(respond, `Class report for **${report.title}**; the CSV is in your DM with me.`, table);
    await sendPrivateFile(context.lanes.posts, command.user_id, { name: `${setId}-report.csv`, content: csv, title: `${report.title}: class report (CSV)`, comment: `Class report for ${report.title}, one line per student and problem.` });
  } catch (error) {
    await replyFailure(context.logger, respond, 'report command failed', error, { setId });
  }
}
