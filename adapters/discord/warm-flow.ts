/**
 * `/problemset warm`: the cost estimate with Confirm and Cancel, then warming with a progress message
 * edited about once a second, then which problems R1 disagrees on.
 */
import { ButtonStyle, ComponentType, MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { UserFacingError, describePeriod, describeWarm, messageView, userMessageOf, type WarmEstimate } from '../../src/index.ts';
import { actorOf } from './actor-of.ts';
import type { DiscordContext } from './discord-context.ts';
import { MAX_CONTENT_CHARS, NO_MENTIONS } from './discord-messages.ts';
import { interactionTarget } from './message-target.ts';
import { ProgressReply } from './progress-reply.ts';
import { postView } from './publish-view.ts';
import { spaceOf } from './space-of.ts';

const WARM_PREFIX = 'sw-warm';
const CONFIRM = 'go';
const CANCEL = 'cancel';

/** Whether a button belongs to the warm confirmation. */
export function isWarmButton(customId: string): boolean {
  return customId.startsWith(`${WARM_PREFIX}:`);
}

/** Replies privately with the estimate and the Confirm and Cancel buttons. */
export async function offerWarm(interaction: ChatInputCommandInteraction, context: DiscordContext): Promise<void> {
  const setId = interaction.options.getString('set', true).trim();
  const estimate = await context.classroom.estimateWarm(spaceOf(interaction), actorOf(interaction, context.instructorRoleId), setId);
  const button = (choice: string, label: string, style: ButtonStyle.Primary | ButtonStyle.Secondary) => ({ type: ComponentType.Button as const, custom_id: `${WARM_PREFIX}:${choice}:${setId}`, label, style });
  await interaction.reply({
    content: describeEstimate(setId, estimate),
    components: [{ type: ComponentType.ActionRow, components: [button(CONFIRM, 'Confirm', ButtonStyle.Primary), button(CANCEL, 'Cancel', ButtonStyle.Secondary)] }],
    flags: MessageFlags.Ephemeral,
    allowedMentions: NO_MENTIONS,
  });
}

/** Confirm warms the set with progress; Cancel says nothing was spent. */
export async function handleWarmButton(interaction: ButtonInteraction, context: DiscordContext): Promise<void> {
  const [, choice, setId] = interaction.customId.split(':');
  const actor = actorOf(interaction, context.instructorRoleId);
  if (!actor.isInstructor) throw new UserFacingError('Only instructors can warm problem sets.');
  if (choice !== CONFIRM || !setId) {
    await interaction.update({ content: 'Cancelled: nothing was warmed or spent.', components: [] });
    return;
  }
  await interaction.deferUpdate();
  const heading = `Warming ${setId}`;
  const progress = new ProgressReply(interaction, context, interaction.message.id);
  await progress.show(`${heading}: starting…`);
  try {
    const result = await context.inFlight.abortable((signal) => context.classroom.warm(spaceOf(interaction), actor, setId, {
      signal, onProgress: ({ done, total }) => progress.push(`${heading}: ${done}/${total} …`),
    }));
    const summary = describeWarm(result);
    if (summary.length <= MAX_CONTENT_CHARS) {
      await progress.finish(summary);
    } else {
      await progress.finish(`${heading}: done. The summary follows.`);
      await postView(interactionTarget(context.rest, interaction.applicationId, interaction.token), messageView(summary, 'info', true), context);
    }
  } catch (error) {
    await progress.finish(`${heading} stopped: ${userMessageOf(error)}`);
    throw error;
  }
}

function describeEstimate(setId: string, estimate: WarmEstimate): string {
  const toSolve = estimate.problems - estimate.alreadyWarm;
  const cost = estimate.costUsd < 0.01 ? 'under $0.01' : `about $${estimate.costUsd.toFixed(2)}`;
  const prices = `$${estimate.prices.inputPerMillion} in / $${estimate.prices.outputPerMillion} out per million tokens, ${describePeriod(estimate.prices.period)}`;
  return [
    `Warming **${setId}** has R1 solve ${toSolve} of its ${estimate.problems} problems now (${estimate.alreadyWarm} already warm), so students get their first hint at once.`,
    `Estimate: ${estimate.inputTokens.toLocaleString('en-US')} input and ${estimate.outputTokens.toLocaleString('en-US')} output tokens, ${cost} (${prices}).`,
    "R1's final answers are checked against yours; disagreements are listed at the end.",
  ].join('\n');
}
