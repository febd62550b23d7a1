/** Registers Stepwise's slash commands from the shared command list (CHAT_COMMANDS), and the Inspect message command. */
import {
  DiscordAPIError, RESTJSONErrorCodes, ApplicationCommandOptionType, ApplicationCommandType, ApplicationIntegrationType, InteractionContextType, PermissionFlagsBits, Routes,
  type APIApplicationCommandBasicOption, type APIApplicationCommandSubcommandOption, type REST, type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import { UserFacingError, type ChatCommand, type ChatSubcommand, type CommandOption } from '../../src/index.ts';
import { DISCORD_EXTRA_OPTIONS, INSPECT_MESSAGE_COMMAND } from './discord-commands.ts';
import { inviteUrlOf } from './invite-url.ts';

/**
 * Discord's JSON for each command; subcommands become options of type 1. Instructor-only commands
 * need Manage Server to be seen, unless an instructor role is configured: a bot token cannot grant
 * a role a command (that takes an admin's Bearer token), so they are then visible to every member,
 * the run-time check refuses students, and admins may narrow them in Server Settings → Integrations.
 */
export function slashCommandsOf(commands: readonly ChatCommand[], instructorRoleId?: string): RESTPutAPIApplicationCommandsJSONBody {
  const instructorsOnly = instructorRoleId ? null : String(PermissionFlagsBits.ManageGuild);
  const slash = commands.map((command) => ({
    type: ApplicationCommandType.ChatInput as const,
    name: command.name,
    description: command.description,
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    default_member_permissions: command.isInstructorOnly ? instructorsOnly : null,
    options: command.subcommands
      ? command.subcommands.map((subcommand) => subcommandOf(subcommand, DISCORD_EXTRA_OPTIONS[`${command.name} ${subcommand.name}`]))
      : [...command.options.map(optionOf), ...(DISCORD_EXTRA_OPTIONS[command.name] ?? [])],
  }));
  // Message commands take no description and no options (interactions/application-commands.mdx, "Message Commands").
  const inspect = {
    type: ApplicationCommandType.Message as const, name: INSPECT_MESSAGE_COMMAND, contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall], default_member_permissions: instructorsOnly,
  };
  return [...slash, inspect];
}

/** Overwrites the commands in one guild (instant) or globally (may take a while to appear); a refusal says what Discord said and what to do. */
export async function registerCommands(rest: REST, applicationId: string, commands: readonly ChatCommand[], guildId?: string, instructorRoleId?: string): Promise<void> {
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  try {
    await rest.put(route, { body: slashCommandsOf(commands, instructorRoleId) });
  } catch (error) {
    throw new UserFacingError(registrationFailureOf(error, applicationId, guildId), { cause: error });
  }
}

/** The sentence for a refused registration: Discord's own words (status, code, field paths) and the likely fix. */
export function registrationFailureOf(error: unknown, applicationId: string, guildId?: string): string {
  const where = guildId ? `in the server ${guildId} (DISCORD_GUILD_ID)` : 'globally';
  if (!(error instanceof DiscordAPIError)) return `Could not register the slash commands ${where}: ${error instanceof Error ? error.message : String(error)}.`;
  const said = `Discord refused the slash commands ${where}: HTTP ${error.status}, code ${String(error.code)}: ${error.message.replace(/\n/g, '; ')}.`;
  if (error.code === RESTJSONErrorCodes.MissingAccess) {
    return `${said} Invite the bot to that server with the applications.commands scope (${inviteUrlOf(applicationId)}), or fix DISCORD_GUILD_ID.`;
  }
  if (error.status === 401) return `${said} Check DISCORD_TOKEN (reset it in the Developer Portal if in doubt).`;
  if (error.code === RESTJSONErrorCodes.InvalidFormBodyOrContentType) return `${said} This is a bug in Stepwise's command list; please report it with this message.`;
  return said;
}

function subcommandOf(subcommand: ChatSubcommand, extra: readonly APIApplicationCommandBasicOption[] = []): APIApplicationCommandSubcommandOption {
  return { type: ApplicationCommandOptionType.Subcommand, name: subcommand.name, description: subcommand.description, options: [...subcommand.options.map(optionOf), ...extra] };
}

function optionOf(option: CommandOption): APIApplicationCommandBasicOption {
  return option.type === 'attachment'
    ? { type: ApplicationCommandOptionType.Attachment, name: option.name, description: option.description, required: option.isRequired }
    : { type: ApplicationCommandOptionType.String, name: option.name, description: option.description, required: option.isRequired, max_length: option.maxLength };
}
