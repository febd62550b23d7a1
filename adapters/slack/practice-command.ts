/** `/practice [set]`: the student's next unsolved problem of a set (or the channel's), in a thread like /solve. */
import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { Session, View } from '../../src/index.ts';
import type { SlackClient, SlackContext } from './slack-context.ts';
import { actorOf, spaceOf } from './slack-actor.ts';
import { replyFailure, replyPrivately } from './ephemeral-reply.ts';
import { setIdFrom } from './command-text.ts';
import { parentMessage, startSolveThread } from './solve-runner.ts';
import { deliverView, viewMarkdown } from './thread-poster.ts';

const CONTINUED_STATUS = ':thread: Picked up where you left off: your hints are in the thread.';

/** Handles one `/practice` after it has been acknowledged. */
export async function practiceCommand(context: SlackContext, _client: SlackClient, command: SlashCommand, respond: RespondFn, signal: AbortSignal): Promise<void> {
  const setId = setIdFrom(command.text);
  try {
    const actor = await actorOf(context, command.user_id, command.user_name);
    const result = await context.classroom.practice(spaceOf(command.team_id), actor, {
      setId, channelId: command.channel_id, place: { teamId: command.team_id, channelId: command.channel_id },
    });
    if (result.kind === 'done') {
      await replyPrivately(respond, viewMarkdown(result.view));
    } else if (result.kind === 'continue') {
      await replyPrivately(respond, 'You have not solved this one yet, so here it is again.');
      await continueInThread(context, result.session, result.view, command.channel_id);
    } else {
      await replyPrivately(respond, result.intro);
      await startSolveThread(context, result.session, command.channel_id, signal);
    }
  } catch (error) {
    await replyFailure(context.logger, respond, 'practice command failed', error, { channelId: command.channel_id, setId });
  }
}

/** Shows an unsolved session's view again in its thread (or a new one, if its thread is unknown). */
async function continueInThread(context: SlackContext, session: Session, view: View, channelId: string): Promise<void> {
  let place = await context.threads.placeOf(session.id);
  if (!place) {
    const parent = await context.lanes.posts.chat.postMessage({ channel: channelId, ...parentMessage(session, CONTINUED_STATUS) });
    if (!parent.ts) throw new Error('chat.postMessage returned no ts');
    place = { channelId, threadTs: parent.ts };
    await context.threads.remember(session.id, session.owner.userId, place);
  }
  await deliverView(context, view, place);
}
