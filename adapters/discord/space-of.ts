/** Where a Discord interaction happens, in the engine's terms: its server, and the channel a thread belongs to. */
import type { Interaction } from 'discord.js';
import { UserFacingError, type Space } from '../../src/index.ts';

/** The server's space: problem sets, progress and defaults are per server. */
export function spaceOf(interaction: Interaction): Space {
  if (!interaction.guildId) throw new UserFacingError('Stepwise works inside a server; problem sets belong to one.');
  return { platform: 'discord', id: interaction.guildId };
}

/** The channel that owns this one: a thread's parent, else the channel itself. */
export function parentChannelOf(interaction: Interaction): string {
  const channel = interaction.channel;
  if (channel?.isThread() && channel.parentId) return channel.parentId;
  return interaction.channelId ?? '';
}
