/** Tells a student, once per channel, why their session is in the conversation and what admins could grant. */
import type { RepliableInteraction } from 'discord.js';
import { textMessage } from './discord-messages.ts';
import type { DiscordContext } from './discord-context.ts';
import { interactionTarget } from './message-target.ts';
import { permissionNoteOf } from './venue.ts';

const noteKey = (guildId: string, channelId: string, userId: string) => `discord:permission-note:${guildId}:${channelId}:${userId}`;

interface NoteRecord {
  readonly toldAt: string;
}

/** An ephemeral follow-up naming the missing permissions, unless this student was told in this channel before. */
export async function tellAboutPermissionsOnce(interaction: RepliableInteraction, missing: readonly string[], context: DiscordContext): Promise<void> {
  const key = noteKey(interaction.guildId ?? 'dm', interaction.channelId ?? '', interaction.user.id);
  if (await context.store.get<NoteRecord>(key)) return;
  try {
    await interactionTarget(context.rest, interaction.applicationId, interaction.token).post(textMessage(permissionNoteOf(missing), true));
    await context.store.set<NoteRecord>(key, { toldAt: new Date(context.now()).toISOString() });
  } catch (error) {
    context.logger.warn('could not tell the student about missing permissions', { interactionId: interaction.id, error });
  }
}
