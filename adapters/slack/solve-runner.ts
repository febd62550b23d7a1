/** Runs a solve for a session: the channel message shows R1's progress, then the thread gets the view. */
import { actionId, describeProgress, type Action, type Actor, type Session, type View } from '../../src/index.ts';
import { contextBlock, controlsMessage, sectionBlock, type SlackMessage } from './slack-blocks.ts';
import { escapeMrkdwn, toMrkdwn, truncate } from './slack-mrkdwn.ts';
import type { SlackContext, ThreadPlace } from './slack-context.ts';
import { deliverView } from './thread-poster.ts';

const QUOTED_PROBLEM_CHARS = 1500;
const SOLVED_STATUS = ':thread: The problem and the first hint are in the thread.';
const FAILED_STATUS = ':warning: R1 could not finish this one. The thread has a Retry button.';
const UNDELIVERED_STATUS = ':warning: R1 finished, but I could not post the hint in the thread. Click Retry to get it.';
const FAILED_UNPOSTED_STATUS = ':warning: R1 could not finish this one. Click Retry to try again.';
const LAPSED_STATUS = ':warning: Stepwise restarted while R1 was thinking about this one. Click Retry to solve it again.';
const WAITING_STATUS = 'Waiting for R1…';

/** The channel message for a session: who asked (or which set problem they practise), the problem, and a status line. */
export function parentMessage(session: Session, status: string, actions: readonly Action[] = []): SlackMessage {
  const quoted = toMrkdwn(truncate(session.problem, QUOTED_PROBLEM_CHARS)).split('\n').map((line) => `>${line}`).join('\n');
  const { origin } = session;
  const heading = origin
    ? `<@${session.owner.userId}> is practising *${escapeMrkdwn(origin.problemId)}* from *${escapeMrkdwn(origin.setId)}*:`
    : `<@${session.owner.userId}> asked for help:`;
  return {
    // The fallback text is mrkdwn too: the student's text is escaped here as in the section.
    text: `${heading} ${escapeMrkdwn(truncate(session.problem, QUOTED_PROBLEM_CHARS))}\n${status}`,
    blocks: [sectionBlock(`${heading}\n${quoted}`), contextBlock([status]), ...(controlsMessage(actions)?.blocks ?? [])],
  };
}

/** Posts the thinking message for a new session in `channelId`, remembers its thread, and solves into it. */
export async function startSolveThread(context: SlackContext, session: Session, channelId: string, signal: AbortSignal): Promise<void> {
  const parent = await context.lanes.posts.chat.postMessage({ channel: channelId, ...parentMessage(session, WAITING_STATUS) });
  if (!parent.ts) throw new Error('chat.postMessage returned no ts');
  const place = { channelId, threadTs: parent.ts };
  await context.threads.remember(session.id, session.owner.userId, place);
  await runSolve(context, session, place, signal);
}

/** How a solve ended: its view posted, or left alone because another call is already solving the session. */
export type SolveOutcome = 'posted' | 'already-solving';

/**
 * Solves `session`, showing progress in its channel message (paced by the shared editor), then
 * posts the result in the thread. With `actor` (Retry), only the owner or an instructor may.
 */
export async function runSolve(context: SlackContext, session: Session, place: ThreadPlace, signal: AbortSignal, actor?: Actor): Promise<SolveOutcome> {
  const showStatus = async (status: string) => {
    await context.lanes.progress.chat.update({ channel: place.channelId, ts: place.threadTs, ...parentMessage(session, status) });
  };
  const view = await context.tutor
    .solve(session.id, { onProgress: (update) => context.progress.push(session.id, () => showStatus(describeProgress(update))), signal }, actor)
    .finally(() => context.progress.finish(session.id));
  // Tutor.solve returns the session as it stands when another call holds the solve; that call posts the result.
  if ((await context.tutor.session(session.id))?.status === 'solving') return 'already-solving';
  // The status says what the thread holds only once it holds it: never "the hint is in the thread" over an empty one.
  try {
    await deliverView(context, view, place);
  } catch (error) {
    // The thread may hold nothing: the channel message says so and carries the Retry itself.
    const failed = (await context.tutor.session(session.id)) ?? session;
    const status = view.tone === 'error' ? FAILED_UNPOSTED_STATUS : UNDELIVERED_STATUS;
    await context.lanes.progress.chat.update({ channel: place.channelId, ts: place.threadTs, ...parentMessage(failed, status, retryActions(view)) }).catch(() => undefined);
    throw error;
  }
  await showStatus(view.tone === 'error' ? FAILED_STATUS : SOLVED_STATUS);
  return 'posted';
}

/** The Retry button for `view`'s session, for a channel message whose thread may be empty. */
function retryActions(view: View): Action[] {
  const sessionId = view.sessionId ?? view.delivery?.sessionId;
  return sessionId ? [{ kind: 'retry', id: actionId('retry', sessionId), label: 'Retry', enabled: true }] : [];
}

/**
 * At start-up: solves whose process died (their lease lapsed) are marked failed by the engine;
 * each one's "R1 is thinking…" channel message is edited into the failure, with a Retry button.
 */
export async function sweepLapsedSolves(context: SlackContext): Promise<number> {
  let edited = 0;
  for (const lapsed of await context.tutor.sweepLapsedSolves()) {
    const place = await context.threads.placeOf(lapsed.session.id);
    if (!place) continue;
    try {
      await context.lanes.progress.chat.update({ channel: place.channelId, ts: place.threadTs, ...parentMessage(lapsed.session, LAPSED_STATUS, retryActions(lapsed.view)) });
      edited++;
    } catch (error) {
      context.logger.warn('could not mark a lapsed solve in Slack', { sessionId: lapsed.session.id, error });
    }
  }
  return edited;
}

