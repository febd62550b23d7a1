/** `/problemset warm <set> [samples:K]`: the cost estimate (of every sample) first, as an ephemeral message with Confirm and Cancel buttons. */
import type { RespondFn, types } from '@slack/bolt';
import { describePeriod, type Actor, type Space, type WarmEstimate } from '../../src/index.ts';
import { sectionBlock } from './slack-blocks.ts';
import type { SlackContext } from './slack-context.ts';
import { toMrkdwn } from './slack-mrkdwn.ts';

/** Action id of the Confirm button. */
export const WARM_CONFIRM_ID = 'sw-warm:confirm';
/** Action id of the Cancel button. */
export const WARM_CANCEL_ID = 'sw-warm:cancel';

/** What the buttons carry (as JSON in their value). */
export interface WarmRequest {
  /** The set to warm. */
  readonly setId: string;
  /** The workspace it belongs to. */
  readonly teamId: string;
  /** Independent solves per problem (1 when absent, as in offers made before sampling). */
  readonly samples?: number;
}

/** Estimates the cost of warming `setId` with `samples` solves per problem and asks the instructor to confirm. */
export async function offerWarm(context: SlackContext, respond: RespondFn, space: Space, actor: Actor, setId: string, samples = 1): Promise<void> {
  const estimate = await context.classroom.estimateWarm(space, actor, setId, samples);
  const text = describeEstimate(setId, estimate);
  const value = JSON.stringify({ setId, teamId: space.id, ...(samples > 1 ? { samples } : {}) } satisfies WarmRequest);
  const buttons: types.ActionsBlock = {
    type: 'actions',
    elements: [
      { type: 'button', action_id: WARM_CONFIRM_ID, value, style: 'primary', text: { type: 'plain_text', text: samples > 1 ? `Warm with ${samples} samples` : 'Warm the set' } },
      { type: 'button', action_id: WARM_CANCEL_ID, value, text: { type: 'plain_text', text: 'Cancel' } },
    ],
  };
  await respond({ response_type: 'ephemeral', text: toMrkdwn(text), blocks: [sectionBlock(toMrkdwn(text)), buttons] });
}

function describeEstimate(setId: string, estimate: WarmEstimate): string {
  const toSolve = estimate.problems - estimate.alreadyWarm;
  const prices = `$${estimate.prices.inputPerMillion} / $${estimate.prices.outputPerMillion} per million input / output tokens (${describePeriod(estimate.prices.period)})`;
  const asks = estimate.samples > 1
    ? `asks R1 to solve each of ${toSolve} of its ${estimate.problems} problems ${estimate.samples} times now (${estimate.alreadyWarm} already warm; ${estimate.solves} solves, less any cached), keeping the ladder of the answer most samples agree on`
    : `asks R1 to solve ${toSolve} of its ${estimate.problems} problems now (${estimate.alreadyWarm} already warm)`;
  return [
    `Warming **${setId}** ${asks}, so students get their first hint at once.`,
    `Estimate: about ${estimate.inputTokens.toLocaleString('en-US')} input and ${estimate.outputTokens.toLocaleString('en-US')} output tokens, roughly $${estimate.costUsd.toFixed(2)} at ${prices}.`,
  ].join('\n');
}
