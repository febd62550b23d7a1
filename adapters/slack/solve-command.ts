/** `/solve <problem>`: ack at once, open a session, post the thinking message, solve into its thread. */
import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { Session } from '../../src/index.ts';
import type { SlackClient, SlackContext } from './slack-context.ts';
import { SLACK_PLATFORM } from './slack-actor.ts';
import { logFailure, sentenceFor } from './slack-errors.ts';
import { unescapeSlackText } from './slack-mrkdwn.ts';
import { parentMessage, runSolve } from './solve-runner.ts';

const WAITING_STATUS = 'Waiting for R1…';

/** Handles one `/solve` after it has been acknowledged. */
export async function solveCommand(context: SlackContext, client: SlackClient, command: SlashCommand, respond: RespondFn, signal: AbortSignal): Promise<void> {
  let session: Session | undefined;
  try {
    session = await context.tutor.open({
      problem: unescapeSlackText(command.text),
      owner: { platform: SLACK_PLATFORM, userId: command.user_id, name: command.user_name },
      place: { teamId: command.team_id, channelId: command.channel_id },
    });
    const parent = await client.chat.postMessage({ channel: command.channel_id, ...parentMessage(session, WAITING_STATUS) });
    if (!parent.ts) throw new Error('chat.postMessage returned no ts');
    const place = { channelId: command.channel_id, threadTs: parent.ts };
    await context.threads.remember(session.id, command.user_id, place);
    await runSolve(context, client, session, place, signal);
  } catch (error) {
    logFailure(context.logger, 'solve command failed', error, { sessionId: session?.id, channelId: command.channel_id });
    await respond({ response_type: 'ephemeral', text: sentenceFor(error) });
  }
}
