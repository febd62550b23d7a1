/** The session buttons: Next hint, Check answer, Show reasoning, Reveal answer, Retry. */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { messageView, parseActionId, UserFacingError, type ActionRequest, type Actor, type View } from '../../src/index.ts';
import type { SlackClient, SlackContext, ThreadPlace } from './slack-context.ts';
import { actorOf } from './slack-actor.ts';
import { openCheckModal } from './check-modal.ts';
import { logFailure, sentenceFor } from './slack-errors.ts';
import { runSolve } from './solve-runner.ts';
import { postEphemeral, postPrivate, postView } from './thread-poster.ts';

const STEPWISE_ACTION = /^sw:/;
const ALREADY_SOLVED = 'This problem is already solved: its hints are in this thread.';
const ALREADY_SOLVING = 'R1 is already working on this problem; the hints will appear in this thread.';

/** Registers one listener for every Stepwise button. */
export function registerActionListener(app: App, context: SlackContext): void {
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: STEPWISE_ACTION }, async ({ ack, body, action, client }) => {
    await ack();
    const request = parseActionId(action.action_id);
    const channelId = body.channel?.id ?? body.container.channel_id;
    const threadTs = body.container.thread_ts ?? body.message?.thread_ts ?? body.message?.ts;
    if (!request || typeof channelId !== 'string' || typeof threadTs !== 'string') {
      context.logger.warn('ignored a button this adapter cannot place', { actionId: action.action_id });
      return;
    }
    const place = { channelId, threadTs };
    if (request.kind === 'check-answer') {
      await openCheckModal(client, body.trigger_id, { sessionId: request.sessionId, ...place }).catch((error: unknown) => report(context, client, error, place, body.user.id, request));
      return;
    }
    context.tasks.run(`button ${request.kind}`, async (signal) => {
      try {
        const actor = await actorOf(context, body.user.id, body.user.name);
        const view = await perform(context, client, request, actor, place, signal);
        if (view?.isPrivate) await postPrivate(client, view, place, actor.userId);
        else if (view) await postView(context, client, view, place);
      } catch (error) {
        await report(context, client, error, place, body.user.id, request);
      }
    });
  });
}

async function perform(context: SlackContext, client: SlackClient, request: ActionRequest, actor: Actor, place: ThreadPlace, signal: AbortSignal): Promise<View | undefined> {
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
      if (session.status === 'ready') return messageView(ALREADY_SOLVED, 'info', true, session.id);
      const outcome = await runSolve(context, client, session, place, signal, actor);
      return outcome === 'already-solving' ? messageView(ALREADY_SOLVING, 'info', true, session.id) : undefined;
    }
  }
}

async function report(context: SlackContext, client: SlackClient, error: unknown, place: ThreadPlace, userId: string, request: ActionRequest): Promise<void> {
  logFailure(context.logger, 'button failed', error, { sessionId: request.sessionId, kind: request.kind });
  await postEphemeral(client, sentenceFor(error), place, userId);
}
