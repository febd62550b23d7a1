/** Runs a solve for a session: the channel message shows R1's progress, then the thread gets the view. */
import { describeProgress, type Session } from '../../src/index.ts';
import { contextBlock, sectionBlock, type SlackMessage } from './slack-blocks.ts';
import { toMrkdwn, truncate } from './slack-mrkdwn.ts';
import type { SlackClient, SlackContext, ThreadPlace } from './slack-context.ts';
import { postView } from './thread-poster.ts';

const QUOTED_PROBLEM_CHARS = 1500;
const SOLVED_STATUS = ':thread: The problem and the first hint are in the thread.';
const FAILED_STATUS = ':warning: R1 could not finish this one. The thread has a Retry button.';

/** The channel message for a session: who asked, the problem, and a status line. */
export function parentMessage(session: Session, status: string): SlackMessage {
  const quoted = toMrkdwn(truncate(session.problem, QUOTED_PROBLEM_CHARS)).split('\n').map((line) => `>${line}`).join('\n');
  return {
    text: `<@${session.owner.userId}> asked for help: ${truncate(session.problem, QUOTED_PROBLEM_CHARS)}\n${status}`,
    blocks: [sectionBlock(`<@${session.owner.userId}> asked for help:\n${quoted}`), contextBlock([status])],
  };
}

/** How a solve ended: its view posted, or left alone because another call is already solving the session. */
export type SolveOutcome = 'posted' | 'already-solving';

/** Solves `session`, showing progress in its channel message (paced by the shared editor), then posts the result in the thread. */
export async function runSolve(context: SlackContext, client: SlackClient, session: Session, place: ThreadPlace, signal: AbortSignal): Promise<SolveOutcome> {
  const showStatus = async (status: string) => {
    await client.chat.update({ channel: place.channelId, ts: place.threadTs, ...parentMessage(session, status) });
  };
  const view = await context.tutor
    .solve(session.id, { onProgress: (update) => context.progress.push(session.id, () => showStatus(describeProgress(update))), signal })
    .finally(() => context.progress.finish(session.id));
  // Tutor.solve returns the session as it stands when another call holds the solve; that call posts the result.
  if ((await context.tutor.session(session.id))?.status === 'solving') return 'already-solving';
  await showStatus(view.tone === 'error' ? FAILED_STATUS : SOLVED_STATUS);
  await postView(context, client, view, place);
  return 'posted';
}
