/** Who clicked or typed: the engine's Actor for a Discord interaction, instructor or not. */
import { PermissionFlagsBits, type Interaction, type Message } from 'discord.js';
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

/**
 * The author of a message typed in a thread. Messages carry no computed permissions, so Manage
 * Server is read from the member's roles in the cached guild; the instructor role from the
 * member's role ids (which Discord sends with every guild message).
 */
export function actorOfMessage(message: Message, instructorRoleId?: string): Actor {
  const member = message.member;
  let hasManageServer = false;
  try {
    hasManageServer = member?.permissions.has(PermissionFlagsBits.ManageGuild) ?? false;
  } catch {
    // The guild's roles are not cached: only the instructor role can tell.
  }
  const roleIds = member ? [...member.roles.cache.keys()] : [];
  return {
    platform: 'discord',
    userId: message.author.id,
    name: member?.displayName ?? message.author.displayName,
    isInstructor: hasManageServer || (instructorRoleId !== undefined && roleIds.includes(instructorRoleId)),
  };
}

/** The member's role ids, whether discord.js cached the guild (GuildMember) or not (raw API member). */
function roleIdsOf(interaction: Interaction): readonly string[] {
  const roles = interaction.member?.roles;
  if (!roles) return [];
  return Array.isArray(roles) ? roles : [...roles.cache.keys()];
}
