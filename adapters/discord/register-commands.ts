/** Registers Stepwise's slash commands from the shared command list (CHAT_COMMANDS). */
import {
  ApplicationCommandOptionType, ApplicationCommandType, ApplicationIntegrationType, InteractionContextType, PermissionFlagsBits, Routes,
  type APIApplicationCommandBasicOption, type APIApplicationCommandSubcommandOption, type REST, type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { ChatCommand, ChatSubcommand, CommandOption } from '../../src/index.ts';

/** Discord's JSON for each command: instructor-only ones need Manage Server to be seen; subcommands become options of type 1. */
export function slashCommandsOf(commands: readonly ChatCommand[]): RESTPutAPIApplicationCommandsJSONBody {
  return commands.map((command) => ({
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    description: command.description,
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    default_member_permissions: command.isInstructorOnly ? String(PermissionFlagsBits.ManageGuild) : null,
    options: command.subcommands ? command.subcommands.map(subcommandOf) : command.options.map(optionOf),
  }));
}

/** Overwrites the commands in one guild (instant) or globally (may take a while to appear). */
export async function registerCommands(rest: REST, applicationId: string, commands: readonly ChatCommand[], guildId?: string): Promise<void> {
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  await rest.put(route, { body: slashCommandsOf(commands) });
}

function subcommandOf(subcommand: ChatSubcommand): APIApplicationCommandSubcommandOption {
  return { type: ApplicationCommandOptionType.Subcommand, name: subcommand.name, description: subcommand.description, options: subcommand.options.map(optionOf) };
}

function optionOf(option: CommandOption): APIApplicationCommandBasicOption {
  return option.type === 'attachment'
    ? { type: ApplicationCommandOptionType.Attachment, name: option.name, description: option.description, required: option.isRequired }
    : { type: ApplicationCommandOptionType.String, name: option.name, description: option.description, required: option.isRequired, max_length: option.maxLength };
}
