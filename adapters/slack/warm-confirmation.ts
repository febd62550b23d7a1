/**
 * The Confirm and Cancel buttons of a warm offer. Confirm warms the set (with the offer's samples
 * per problem) with its progress in a message in the instructor's DM with the bot, edited at the
 * shared progress pace (a response_url takes only five messages), then replaced by the summary of
 * which problems R1 disagreed on, and with samples how they agreed per problem.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { describeWarm, type WarmProgress } from '../../src/index.ts';
import { sectionBlock, textMessages } from './slack-blocks.ts';
import { inspectButtons } from './inspect-shortcuts.ts';
import type { SlackContext } from './slack-context.ts';
import { escapeMrkdwn } from './slack-mrkdwn.ts';
import { actorOf, spaceOf } from './slack-actor.ts';
import { directChannel, postDirect } from './direct-messages.ts';
import { logFailure, sentenceFor } from './slack-errors.ts';
import { WARM_CANCEL_ID, type WarmRequest } from './warm-offer.ts';

const WARM_ACTION = /^sw-warm:/;
const INSPECT_FLAGGED = 'How R1 made the flagged ladders: the request, its raw reasoning and how the hints were cut, as a file here.';

/** Registers the listener for both buttons. */
export function registerWarmConfirmation(app: App, context: SlackContext): void {
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: WARM_ACTION }, async ({ ack, body, action, respond }) => {
    await ack();
    const request = JSON.parse(action.value ?? '{}') as WarmRequest;
    if (action.action_id === WARM_CANCEL_ID) {
      await respond({ replace_original: true, text: `Warming ${escapeMrkdwn(request.setId)} cancelled; nothing was spent.` });
      return;
    }
    await respond({ replace_original: true, text: `Warming ${escapeMrkdwn(request.setId)}: the progress is in your DM with me.` });
    const user = { id: body.user.id, name: body.user.name };
    context.tasks.run(`warm ${request.setId}`, async (signal) => {
      try {
        await warmWithProgress(context, request, user, signal);
      } catch (error) {
        logFailure(context.logger, 'warm failed', error, { setId: request.setId });
        await postDirect(context.lanes.posts, user.id, sentenceFor(error));
      }
    });
  });
}

async function warmWithProgress(context: SlackContext, request: WarmRequest, user: { id: string; name?: string }, signal: AbortSignal): Promise<void> {
  const actor = await actorOf(context, user.id, user.name);
  const { posts, progress } = context.lanes;
  const channel = await directChannel(posts, user.id);
  const started = await posts.chat.postMessage({ channel, text: `Warming ${escapeMrkdwn(request.setId)}: starting…` });
  const ts = started.ts;
  if (!ts) throw new Error('chat.postMessage returned no ts');
  const show = async (markdown: string) => {
    const [first] = textMessages(markdown);
    if (first) await progress.chat.update({ channel, ts, ...first });
  };
  const key = `warm:${request.teamId}:${request.setId}:${ts}`;
  const result = await context.classroom
    .warm(spaceOf(request.teamId), actor, request.setId, { samples: request.samples ?? 1, signal, onProgress: (progress) => context.progress.push(key, () => show(describeProgress(request.setId, progress))) })
    .finally(() => context.progress.finish(key));
  const [summary, ...more] = textMessages(describeWarm(result));
  if (summary) await progress.chat.update({ channel, ts, ...summary });
  for (const message of more) await posts.chat.postMessage({ channel, ...message });
  // The problems to read before class, each a click from its inspection (a failed one has nothing to show).
  const flagged = result.results.filter((problem) => problem.status !== 'agrees' && problem.status !== 'failed').map((problem) => problem.problemId);
  const buttons = inspectButtons(request.teamId, request.setId, flagged);
  if (buttons) await posts.chat.postMessage({ channel, text: INSPECT_FLAGGED, blocks: [sectionBlock(INSPECT_FLAGGED), buttons] });
}

function describeProgress(setId: string, progress: WarmProgress): string {
  const { result } = progress;
  const agreement = result.agreement ? `; ${result.agreement.agreeing} of ${result.agreement.total} samples agree${result.agreement.hasMajority ? '' : ', no majority'}` : '';
  return `Warming ${setId}: ${progress.done} of ${progress.total} problems done (latest: ${result.problemId}, ${result.status}${agreement}).`;
}
