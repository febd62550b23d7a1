/**
 * `/check <answer>`. Slack runs slash commands in channels, not threads, so the answer goes to the
 * user's latest session in that channel; the Check answer button works from any thread.
 */
import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { SlackClient, SlackContext } from './slack-context.ts';
import { checkAnswer } from './check-answer.ts';
import { logFailure, sentenceFor } from './slack-errors.ts';
import { escapeMrkdwn, toMrkdwn, unescapeSlackText } from './slack-mrkdwn.ts';

const NO_SESSION = 'You have no problem in this channel yet. Start one with `/solve <problem>`, then use *Check answer* in its thread (or `/check <answer>` here).';
const NO_ANSWER = 'Type your answer after the command, for example `/check x = 2`, or use the *Check answer* button in your problem\'s thread.';
const CHECKED = 'Checked against your latest problem in this channel: the verdict is in its thread.';

/** Handles one `/check` after it has been acknowledged. */
export async function checkCommand(context: SlackContext, _client: SlackClient, command: SlashCommand, respond: RespondFn): Promise<void> {
  const reply = (text: string) => respond({ response_type: 'ephemeral', text });
  const answer = unescapeSlackText(command.text).trim();
  try {
    const sessionId = await context.threads.latestSession(command.channel_id, command.user_id);
    const place = sessionId && (await context.threads.placeOf(sessionId));
    if (!sessionId || !place) {
      await reply(NO_SESSION);
      return;
    }
    if (!answer) {
      await reply(NO_ANSWER);
      return;
    }
    const view = await checkAnswer(context, { sessionId, place, userId: command.user_id, userName: command.user_name, answer });
    await reply(view.isPrivate ? toMrkdwn(view.parts.map((part) => ('markdown' in part ? part.markdown : '')).join('\n\n')) : CHECKED);
  } catch (error) {
    logFailure(context.logger, 'check command failed', error, { channelId: command.channel_id });
    await reply(escapeMrkdwn(sentenceFor(error)));
  }
}
