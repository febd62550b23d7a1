/** The URL a server admin opens to add the bot, with the scopes and permissions Stepwise needs. */
import { OAuth2Scopes, PermissionFlagsBits } from 'discord.js';

/** View channels, send messages (in threads too), start public threads, embed links, attach files, read history. */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.AttachFiles | PermissionFlagsBits.ReadMessageHistory;

/** e.g. https://discord.com/oauth2/authorize?client_id=123&scope=bot+applications.commands&permissions=309237763072 */
export function inviteUrlOf(applicationId: string): string {
  const query = new URLSearchParams({ client_id: applicationId, scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '), permissions: String(BOT_PERMISSIONS) });
  return `https://discord.com/oauth2/authorize?${query}`;
}
