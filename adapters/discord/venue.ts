/**
 * Where a session can be shown, decided from the interaction's `app_permissions` before R1 is
 * paid: a thread started from the reply, the thread the command came from, or, where the bot may
 * not open threads or post, inside the interaction itself (its reply and follow-ups still work).
 */
import { PermissionFlagsBits, type Interaction } from 'discord.js';

/** How a session is shown. */
export type Venue =
  /** A thread started from the command's reply. */
  | { readonly kind: 'thread' }
  /** Messages in the channel the command came from (already a thread). */
  | { readonly kind: 'channel' }
  /** The interaction's reply and follow-ups; `missing` names the permissions that would give a thread. */
  | { readonly kind: 'interaction'; readonly missing: readonly string[] };

const NAMES: Record<string, string> = {
  ViewChannel: 'View Channel',
  SendMessagesInThreads: 'Send Messages in Threads',
  SendMessages: 'Send Messages',
  CreatePublicThreads: 'Create Public Threads',
  AttachFiles: 'Attach Files',
  EmbedLinks: 'Embed Links',
};
/** What posting cards needs wherever they go. */
const CARD_PERMISSIONS = ['ViewChannel', 'AttachFiles', 'EmbedLinks'] as const;
const THREAD_PERMISSIONS = [...CARD_PERMISSIONS, 'CreatePublicThreads', 'SendMessagesInThreads'] as const;
const IN_THREAD_PERMISSIONS = [...CARD_PERMISSIONS, 'SendMessagesInThreads'] as const;
const IN_CHANNEL_PERMISSIONS = [...CARD_PERMISSIONS, 'SendMessages'] as const;

/** Where a new session from this command goes. */
export function venueOf(interaction: Interaction): Venue {
  if (interaction.channel?.isThread()) {
    const missing = missingOf(interaction, IN_THREAD_PERMISSIONS);
    return missing.length === 0 ? { kind: 'channel' } : { kind: 'interaction', missing };
  }
  const missing = missingOf(interaction, THREAD_PERMISSIONS);
  return missing.length === 0 ? { kind: 'thread' } : { kind: 'interaction', missing };
}

/** Whether the bot may post (and edit) messages with cards in the interaction's channel with its own token. */
export function mayPostInChannel(interaction: Interaction): boolean {
  if (!interaction.inGuild()) return true;
  return missingOf(interaction, interaction.channel?.isThread() ? IN_THREAD_PERMISSIONS : IN_CHANNEL_PERMISSIONS).length === 0;
}

/** The sentence telling a student why the session is here, and what admins could grant. */
export function permissionNoteOf(missing: readonly string[]): string {
  const names = missing.map((name) => `**${NAMES[name] ?? name}**`);
  const list = names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
  return `I may not open a thread here, so we will work right in this conversation (the buttons work the same). ` +
    `A server admin can let me use threads by giving Stepwise the ${list} permission${names.length === 1 ? '' : 's'} in this channel (Edit Channel → Permissions).`;
}

function missingOf(interaction: Interaction, needed: readonly (keyof typeof PermissionFlagsBits)[]): string[] {
  const granted = interaction.appPermissions;
  if (!granted) return [];
  return needed.filter((name) => !granted.has(PermissionFlagsBits[name]));
}
