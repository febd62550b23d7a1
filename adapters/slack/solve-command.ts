/** `/solve <problem>`: ack at once, open a session under the workspace's ad-hoc policy, post the thinking message, solve into its thread. */
import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { Session } from '../../src/index.ts';
import type { SlackClient, SlackContext } from './slack-context.ts';
import { SLACK_PLATFORM, spaceOf } from './slack-actor.ts';
import { logFailure, sentenceFor } from './slack-errors.ts';
import { escapeMrkdwn, unescapeSlackText } from './slack-mrkdwn.ts';
import { startSolveThread } from './solve-runner.ts';

/** Handles one `/solve` after it has been acknowledged. */
export async function solveCommand(context: SlackContext, _client: SlackClient, command: SlashCommand, respond: RespondFn, signal: AbortSignal): Promise<void> {
  let session: Session | undefined;
  try {
    session = await context.tutor.open({
      problem: unescapeSlackText(command.text),
      owner: { platform: SLACK_PLATFORM, userId: command.user_id, name: command.user_name },
      place: { teamId: command.team_id, channelId: command.channel_id },
      policy: await context.classroom.adHocPolicy(spaceOf(command.team_id)),
    });
    await startSolveThread(context, session, command.channel_id, signal);
  } catch (error) {
    logFailure(context.logger, 'solve command failed', error, { sessionId: session?.id, channelId: command.channel_id });
    await respond({ response_type: 'ephemeral', text: escapeMrkdwn(sentenceFor(error)) });
  }
}
