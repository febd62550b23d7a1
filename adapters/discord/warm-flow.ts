/**
 * `/problemset warm set:<id> [samples:<k>]`: the cost estimate (every sample counted) with Confirm
 * and Cancel, then warming with a progress message the bot owns, edited about once a second, then
 * which problems R1 disagrees on and, with several samples, how the samples agreed on each.
 */
import { randomBytes } from 'node:crypto';
import { ButtonStyle, ComponentType, MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { MAX_WARM_SAMPLES, UserFacingError, describePeriod, describeWarm, messageView, userMessageOf, type WarmEstimate, type WarmProgress } from '../../src/index.ts';
import { actorOf } from './actor-of.ts';
import { SAMPLES_OPTION } from './discord-commands.ts';
import type { DiscordContext } from './discord-context.ts';
import { MAX_CONTENT_CHARS, NO_MENTIONS } from './discord-messages.ts';
import { channelTarget, directMessageTarget, interactionTarget } from './message-target.ts';
import { OwnedProgress } from './owned-progress.ts';
import { ProgressReply } from './progress-reply.ts';
import { postView } from './publish-view.ts';
import { spaceOf } from './space-of.ts';
import { mayPostInChannel } from './venue.ts';

const WARM_PREFIX = 'sw-warm';
const CONFIRM = 'go';
const CANCEL = 'cancel';
const OFFER_ID_BYTES = 8;
const offerKey = (offerId: string) => `discord:warm-offer:${offerId}`;

/** What a Confirm button stands for. */
interface WarmOffer {
  readonly setId: string;
  /** Solves per problem (absent in offers made before samples existed: one). */
  readonly samples?: number;
}

/** Whether a button belongs to the warm confirmation. */
export function isWarmButton(customId: string): boolean {
  return customId.startsWith(`${WARM_PREFIX}:`);
}

/** Replies privately with the estimate and the Confirm and Cancel buttons (their ids name a stored offer, not the set). */
export async function offerWarm(interaction: ChatInputCommandInteraction, context: DiscordContext): Promise<void> {
  const setId = interaction.options.getString('set', true).trim();
  const samples = interaction.options.getInteger(SAMPLES_OPTION) ?? 1;
  // Discord enforces the option's bounds in its client; a stale command list or a crafted request may not.
  if (!Number.isInteger(samples) || samples < 1 || samples > MAX_WARM_SAMPLES) throw new UserFacingError(`samples must be a whole number from 1 to ${MAX_WARM_SAMPLES}.`);
  const estimate = await context.classroom.estimateWarm(spaceOf(interaction), actorOf(interaction, context.instructorRoleId), setId, samples);
  const offerId = randomBytes(OFFER_ID_BYTES).toString('hex');
  await context.store.set<WarmOffer>(offerKey(offerId), { setId, samples });
  const button = (choice: string, label: string, style: ButtonStyle.Primary | ButtonStyle.Secondary) => ({ type: ComponentType.Button as const, custom_id: `${WARM_PREFIX}:${choice}:${offerId}`, label, style });
  await interaction.reply({
    content: describeEstimate(setId, estimate),
    components: [{ type: ComponentType.ActionRow, components: [button(CONFIRM, 'Confirm', ButtonStyle.Primary), button(CANCEL, 'Cancel', ButtonStyle.Secondary)] }],
    flags: MessageFlags.Ephemeral,
    allowedMentions: NO_MENTIONS,
  });
}

/**
 * Confirm warms the set; Cancel says nothing was spent. The estimate is ephemeral, and Discord lets
 * the bot edit it only while the click's token lives (15 minutes), so progress and the summary go
 * to a message the bot owns: a DM to the instructor, else a message in the channel.
 */
export async function handleWarmButton(interaction: ButtonInteraction, context: DiscordContext): Promise<void> {
  const [, choice, offerId] = interaction.customId.split(':');
  const actor = actorOf(interaction, context.instructorRoleId);
  if (!actor.isInstructor) throw new UserFacingError('Only instructors can warm problem sets.');
  const offer = offerId ? await context.store.get<WarmOffer>(offerKey(offerId)) : undefined;
  if (choice !== CONFIRM || !offer) {
    await interaction.update({ content: offer || choice !== CONFIRM ? 'Cancelled: nothing was warmed or spent.' : 'This offer has expired: nothing was warmed. Ask again with /problemset warm.', components: [] });
    return;
  }
  await interaction.deferUpdate();
  const { setId } = offer;
  const samples = offer.samples ?? 1;
  const heading = `Warming ${setId}${samples > 1 ? ` (${samples} samples per problem)` : ''}`;
  const reply = interactionTarget(context.rest, interaction.applicationId, interaction.token);
  const owned = await ownedProgress(interaction, `${heading}: starting…`, context);
  const note = owned
    ? `Warming **${setId}**. Progress and the summary are ${owned.where}: warming can take longer than the 15 minutes Discord lets me update this private message.`
    : `Warming **${setId}**. I could not message you directly or post here, so progress shows in this private message, which Discord lets me update for 15 minutes only; if warming takes longer, /problemset warm set:${setId} shows how much is warm.`;
  await reply.edit('@original', { content: note, components: [], allowed_mentions: NO_MENTIONS })
    .catch((error: unknown) => context.logger.warn('could not say where warm progress goes', { error }));
  const progress = owned?.progress ?? new ProgressReply(interaction, context, interaction.message.id, false);
  try {
    const result = await context.inFlight.abortable((signal) => context.classroom.warm(spaceOf(interaction), actor, setId, {
      signal, samples, onProgress: (state) => progress.push(`${heading}: ${describeWarmProgress(state)}`),
    }));
    const summary = describeWarm(result);
    if (summary.length <= MAX_CONTENT_CHARS) {
      await progress.finish(summary);
    } else {
      await progress.finish(`${heading}: done. The summary follows.`);
      const target = owned?.progress.target ?? reply;
      await postView(target, messageView(summary, 'info', !owned), context);
    }
  } catch (error) {
    await progress.finish(`${heading} stopped: ${userMessageOf(error)}`);
    throw error;
  }
}

/** A progress message in the instructor's DMs, else in the channel where the bot may post; undefined when neither takes it. */
async function ownedProgress(interaction: ButtonInteraction, content: string, context: DiscordContext): Promise<{ progress: OwnedProgress; where: string } | undefined> {
  const places = [
    { where: 'in your direct messages with me', target: directMessageTarget(context.rest, interaction.user.id) },
    ...(mayPostInChannel(interaction) ? [{ where: 'in a message below', target: channelTarget(context.rest, interaction.channelId) }] : []),
  ];
  for (const { where, target } of places) {
    try {
      return { progress: await OwnedProgress.post(target, content, context), where };
    } catch (error) {
      context.logger.warn('could not post warm progress here; trying the next place', { where, error });
    }
  }
  return undefined;
}

/** "2/3 … (last: product, 2 of 3 samples agree)". */
function describeWarmProgress({ done, total, result }: WarmProgress): string {
  const agreement = result.agreement;
  if (!agreement) return `${done}/${total} …`;
  return `${done}/${total} … (last: ${result.problemId}, ${agreement.agreeing} of ${agreement.total} samples agree${agreement.hasMajority ? '' : ', no majority'})`;
}

function describeEstimate(setId: string, estimate: WarmEstimate): string {
  const toSolve = estimate.problems - estimate.alreadyWarm;
  const cost = estimate.costUsd < 0.01 ? 'under $0.01' : `about $${estimate.costUsd.toFixed(2)}`;
  const prices = `$${estimate.prices.inputPerMillion} in / $${estimate.prices.outputPerMillion} out per million tokens, ${describePeriod(estimate.prices.period)}`;
  const sampled = estimate.samples > 1;
  const solves = sampled ? ` ${estimate.samples} times each (${estimate.solves} solves to pay for)` : '';
  return [
    `Warming **${setId}** has R1 solve ${toSolve} of its ${estimate.problems} problems now${solves} (${estimate.alreadyWarm} already warm), so students get their first hint at once.`,
    `Estimate${sampled ? ', every sample counted' : ''}: ${estimate.inputTokens.toLocaleString('en-US')} input and ${estimate.outputTokens.toLocaleString('en-US')} output tokens, ${cost} (${prices}).`,
    sampled
      ? "Each problem keeps the ladder of a sample in the majority; the summary shows how the samples agreed and flags every problem where the majority disagrees with your answer or no majority exists."
      : "R1's final answers are checked against yours; disagreements are listed at the end.",
  ].join('\n');
}
