/** The session buttons: Next hint, Check answer, Show reasoning, Reveal answer, Retry; and an instructor's Share in thread. */
import type { App, BlockAction, ButtonAction, types } from '@slack/bolt';
import { messageView, parseActionId, UserFacingError, type ActionRequest, type Actor, type Session, type View } from '../../src/index.ts';
import type { SlackClient, SlackContext, ThreadPlace } from './slack-context.ts';
import { actorOf } from './slack-actor.ts';
import { openCheckModal } from './check-modal.ts';
import { logFailure, sentenceFor } from './slack-errors.ts';
import { truncate } from './slack-mrkdwn.ts';
import { runSolve } from './solve-runner.ts';
import { deliverView, postEphemeral, postPrivate } from './thread-poster.ts';

const STEPWISE_ACTION = /^sw:/;
const SHARE_ACTION = /^sw-share:/;
const ALREADY_SOLVED = 'This problem is already solved: its hints are in this thread.';
const ALREADY_SOLVING = 'R1 is already working on this problem; the hints will appear in this thread.';
const PRIVATE_REASONING_CHARS = 2500;

type Peek = 'show-reasoning' | 'reveal-answer';

/** Registers one listener for every Stepwise button, and one for Share in thread. */
export function registerActionListener(app: App, context: SlackContext): void {
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: STEPWISE_ACTION }, async ({ ack, body, action, client }) => {
    await ack();
    const request = parseActionId(action.action_id);
    const place = placeOf(body);
    if (!request || !place) {
      context.logger.warn('ignored a button this adapter cannot place', { actionId: action.action_id });
      return;
    }
    context.instructors.prefetch(body.user.id);
    if (request.kind === 'check-answer') {
      await openModalIfAllowed(context, client, body, request.sessionId, place).catch((error: unknown) => report(context, client, error, place, body.user.id, request));
      return;
    }
    context.tasks.run(`button ${request.kind}`, async (signal) => {
      try {
        const actor = await actorOf(context, body.user.id, body.user.name);
        if (await peekPrivately(context, client, request, actor, place)) return;
        const view = await perform(context, request, actor, place, signal);
        if (view?.isPrivate) await postPrivate(client, view, place, actor.userId);
        else if (view) await deliverView(context, view, place);
      } catch (error) {
        await report(context, client, error, place, body.user.id, request);
      }
    });
  });

  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: SHARE_ACTION }, async ({ ack, body, action, client, respond }) => {
    await ack();
    const [, kind, sessionId] = action.action_id.split(':');
    const place = placeOf(body);
    const request = { kind: kind === 'reveal' ? 'reveal-answer' : 'show-reasoning', sessionId: sessionId ?? '' } as const;
    if (!place || !sessionId) return;
    context.tasks.run('share in thread', async () => {
      try {
        const actor = await actorOf(context, body.user.id, body.user.name);
        const view = await perform(context, request, actor, place, new AbortController().signal);
        if (view?.isPrivate) await postPrivate(client, view, place, actor.userId);
        else if (view) await deliverView(context, view, place, `Shared by <@${actor.userId}>:`);
        await respond({ delete_original: true }).catch(() => undefined);
      } catch (error) {
        await report(context, client, error, place, body.user.id, request);
      }
    });
  });
}

function placeOf(body: BlockAction<ButtonAction>): ThreadPlace | undefined {
  const channelId = body.channel?.id ?? body.container.channel_id;
  const threadTs = body.container.thread_ts ?? body.message?.thread_ts ?? body.message?.ts;
  return typeof channelId === 'string' && typeof threadTs === 'string' ? { channelId, threadTs } : undefined;
}

/**
 * Check answer opens its modal straight away (the trigger lasts 3 s), but only for the session's
 * owner or a known instructor: anyone else is told at the click, not after typing an answer.
 * Instructor status comes from the cache only, never a lookup on the trigger's path.
 */
async function openModalIfAllowed(context: SlackContext, client: SlackClient, body: BlockAction<ButtonAction>, sessionId: string, place: ThreadPlace): Promise<void> {
  const session = await context.tutor.session(sessionId);
  if (!session) throw new UserFacingError('That problem is no longer stored. Start it again with /solve.');
  const userId = body.user.id;
  if (session.owner.userId !== userId && context.instructors.cached(userId) !== true) {
    await postEphemeral(client, `This is ${session.owner.name ?? 'another student'}'s session, so only they can check answers here. Start your own with /solve.`, place, userId);
    return;
  }
  await openCheckModal(client, body.trigger_id, { sessionId, ...place });
}

/**
 * An instructor's Show reasoning or Reveal answer in a student's thread is shown to the instructor
 * alone, without changing the session, with a button to share it in the thread. True when handled.
 */
async function peekPrivately(context: SlackContext, client: SlackClient, request: ActionRequest, actor: Actor, place: ThreadPlace): Promise<boolean> {
  if (request.kind !== 'show-reasoning' && request.kind !== 'reveal-answer') return false;
  if (!actor.isInstructor) return false;
  const session = await context.tutor.session(request.sessionId);
  if (!session || session.owner.userId === actor.userId) return false;
  const markdown = peekMarkdown(session, request.kind);
  if (!markdown) return false;
  const share: types.ActionsBlock = {
    type: 'actions',
    elements: [{ type: 'button', action_id: `sw-share:${request.kind === 'reveal-answer' ? 'reveal' : 'reason'}:${session.id}`, text: { type: 'plain_text', text: 'Share in thread' } }],
  };
  await postPrivate(client, messageView(markdown, 'info', true, session.id), place, actor.userId, [share]);
  return true;
}

function peekMarkdown(session: Session, kind: Peek): string | undefined {
  const who = session.owner.name ?? 'the student';
  if (kind === 'reveal-answer') {
    const answer = session.ladder?.rungs.at(-1);
    if (session.status !== 'ready' || !answer) return undefined;
    return `**The answer (only you see this; ${who} does not)**\n${answer.text}`;
  }
  if (!session.reasoning) return undefined;
  return `**How R1 thought about it (only you see this; ${who} does not)**\n\n${truncate(session.reasoning, PRIVATE_REASONING_CHARS)}`;
}

async function perform(context: SlackContext, request: ActionRequest, actor: Actor, place: ThreadPlace, signal: AbortSignal): Promise<View | undefined> {
  const { tutor } = context;
  switch (request.kind) {
    case 'next-hint':
      return tutor.nextHint(request.sessionId, request.seen ?? -1, actor);
    case 'show-reasoning':
      return tutor.showReasoning(request.sessionId, actor);
    case 'reveal-answer':
      return tutor.revealAnswer(request.sessionId, actor);
    case 'check-answer':
      return undefined;
    case 'retry': {
      const session = await tutor.session(request.sessionId);
      if (!session) throw new UserFacingError('That problem is no longer stored. Start it again with /solve.');
      // A solved session whose hint never reached the thread is solved again, which re-delivers it.
      if (session.status === 'ready' && session.undeliveredRung === undefined) return messageView(ALREADY_SOLVED, 'info', true, session.id);
      const outcome = await runSolve(context, session, place, signal, actor);
      return outcome === 'already-solving' ? messageView(ALREADY_SOLVING, 'info', true, session.id) : undefined;
    }
  }
}

async function report(context: SlackContext, client: SlackClient, error: unknown, place: ThreadPlace, userId: string, request: Pick<ActionRequest, 'kind' | 'sessionId'>): Promise<void> {
  logFailure(context.logger, 'button failed', error, { sessionId: request.sessionId, kind: request.kind });
  await postEphemeral(client, sentenceFor(error), place, userId);
}
