/** Checks an answer from the modal or `/check`, and posts the verdict in the session's thread. */
import type { View } from '../../src/index.ts';
import type { SlackContext, ThreadPlace } from './slack-context.ts';
import { actorOf } from './slack-actor.ts';
import { escapeMrkdwn, truncate } from './slack-mrkdwn.ts';
import { deliverView } from './thread-poster.ts';

const QUOTED_ANSWER_CHARS = 300;

/** Who answered and where. */
export interface AnswerRequest {
  /** The session being answered. */
  readonly sessionId: string;
  /** Its thread. */
  readonly place: ThreadPlace;
  /** The Slack user answering. */
  readonly userId: string;
  /** Their display name, if known. */
  readonly userName?: string;
  /** What they typed. */
  readonly answer: string;
}

/** Judges the answer; public verdicts are posted in the thread, private ones are returned for the caller to show. */
export async function checkAnswer(context: SlackContext, request: AnswerRequest): Promise<View> {
  const actor = await actorOf(context, request.userId, request.userName);
  const view = await context.tutor.checkAnswer(request.sessionId, request.answer, actor);
  if (!view.isPrivate) {
    const lead = `<@${request.userId}> answered: ${escapeMrkdwn(truncate(request.answer, QUOTED_ANSWER_CHARS))}`;
    await deliverView(context, view, request.place, lead);
  }
  return view;
}
