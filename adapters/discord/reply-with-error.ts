/** The one place errors become replies: a sentence for the person who acted, ephemeral; the rest is logged. */
import { MessageFlags, Routes, type APIMessage, type Interaction, type RepliableInteraction } from 'discord.js';
import { UserFacingError, userMessageOf } from '../../src/index.ts';
import type { DiscordContext } from './discord-context.ts';
import { NO_MENTIONS, textMessage } from './discord-messages.ts';
import { interactionTarget } from './message-target.ts';

/** Tells the user what went wrong (privately) and logs anything that is not a UserFacingError. */
export async function replyWithError(interaction: Interaction, error: unknown, context: DiscordContext): Promise<void> {
  logUnlessUserFacing(interaction, error, context);
  if (!interaction.isRepliable()) return;
  try {
    if (interaction.deferred || interaction.replied) {
      const webhook = interactionTarget(context.rest, interaction.applicationId, interaction.token);
      // Right after a deferral a follow-up would replace the public "thinking…" message (and stay public): take it back first.
      if (interaction.deferred && !interaction.ephemeral && interaction.isChatInputCommand() && (await isStillThinking(interaction, context))) await webhook.deleteOriginal();
      await webhook.post(textMessage(userMessageOf(error), true));
    } else {
      await interaction.reply({ content: userMessageOf(error), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    }
  } catch (replyError) {
    context.logger.warn('could not tell the user about an error', { interactionId: interaction.id, error: replyError });
  }
}

/** Takes back a deferred public reply and says privately why; resolves undefined so callers can stop. */
export async function withdrawReply(interaction: RepliableInteraction, error: unknown, context: DiscordContext): Promise<undefined> {
  logUnlessUserFacing(interaction, error, context);
  const webhook = interactionTarget(context.rest, interaction.applicationId, interaction.token);
  await webhook.deleteOriginal();
  await webhook.post(textMessage(userMessageOf(error), true));
  return undefined;
}

/** Whether the command's deferred reply still shows only Discord's "thinking…" (never edited). */
async function isStillThinking(interaction: RepliableInteraction, context: DiscordContext): Promise<boolean> {
  try {
    const original = (await context.rest.get(Routes.webhookMessage(interaction.applicationId, interaction.token, '@original'), { auth: false })) as APIMessage;
    return ((original.flags ?? 0) & MessageFlags.Loading) !== 0;
  } catch (error) {
    context.logger.warn('could not read the deferred reply', { interactionId: interaction.id, error });
    return false;
  }
}

function logUnlessUserFacing(interaction: Interaction, error: unknown, context: DiscordContext): void {
  if (error instanceof UserFacingError) return;
  const what = interaction.isChatInputCommand() ? `/${interaction.commandName}` : interaction.isButton() || interaction.isModalSubmit() ? interaction.customId : String(interaction.type);
  context.logger.error('discord interaction failed', { interactionId: interaction.id, what, error });
}
