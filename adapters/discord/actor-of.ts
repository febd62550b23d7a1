/** Who clicked or typed: the engine's Actor for a Discord interaction, instructor or not. */
import { PermissionFlagsBits, type Interaction } from 'discord.js';
import type { Actor } from '../../src/index.ts';

/** The actor behind `interaction`: an instructor has Manage Server or the configured role. */
export function actorOf(interaction: Interaction, instructorRoleId?: string): Actor {
  const hasManageServer = interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
  return {
    platform: 'discord',
    userId: interaction.user.id,
    name: interaction.user.displayName,
    isInstructor: hasManageServer || (instructorRoleId !== undefined && roleIdsOf(interaction).includes(instructorRoleId)),
  };
}

/** The member's role ids, whether discord.js cached the guild (GuildMember) or not (raw API member). */
function roleIdsOf(interaction: Interaction): readonly string[] {
  const roles = interaction.member?.roles;
  if (!roles) return [];
  return Array.isArray(roles) ? roles : [...roles.cache.keys()];
}
