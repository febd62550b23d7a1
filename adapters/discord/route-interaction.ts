/** Sends each interaction to its handler; every failure ends in replyWithError. */
import type { ChatInputCommandInteraction, Interaction } from 'discord.js';
import { UserFacingError, parseActionId } from '../../src/index.ts';
import { actorOf } from './actor-of.ts';
import { handleCheckCommand, handleCheckModal } from './check-answer.ts';
import { DISCORD_COMMANDS, INSPECT_COMMAND, INSPECT_MESSAGE_COMMAND } from './discord-commands.ts';
import type { DiscordContext } from './discord-context.ts';
import { handleInspectCommand, handleInspectMessage } from './inspect-command.ts';
import { handlePolicy } from './policy-command.ts';
import { handlePractice } from './practice-flow.ts';
import { answerPrivateCommand } from './private-command.ts';
import { handleProblemset } from './problemset-command.ts';
import { replyWithError } from './reply-with-error.ts';
import { handleReport } from './report-command.ts';
import { handleButton } from './session-buttons.ts';
import { handleSolve } from './solve-flow.ts';
import { spaceOf } from './space-of.ts';
import { handleWarmButton, isWarmButton } from './warm-flow.ts';

/** Handles one interaction from the gateway; never rejects. */
export async function routeInteraction(interaction: Interaction, context: DiscordContext): Promise<void> {
  try {
    if (interaction.isChatInputCommand()) await handleCommand(interaction, context);
    else if (interaction.isMessageContextMenuCommand()) {
      if (interaction.commandName !== INSPECT_MESSAGE_COMMAND) throw new UserFacingError(`Stepwise has no "${interaction.commandName}" action any more.`);
      await handleInspectMessage(interaction, context);
    }
    else if (interaction.isButton()) await (isWarmButton(interaction.customId) ? handleWarmButton : handleButton)(interaction, context);
    else if (interaction.isModalSubmit()) {
      const request = parseActionId(interaction.customId);
      if (request?.kind !== 'check-answer') throw new UserFacingError('This form is no longer in use. Start a new problem with /solve.');
      await handleCheckModal(interaction, request.sessionId, context);
    }
  } catch (error) {
    await replyWithError(interaction, error, context);
  }
}

async function handleCommand(interaction: ChatInputCommandInteraction, context: DiscordContext): Promise<void> {
  const command = DISCORD_COMMANDS.find((candidate) => candidate.name === interaction.commandName);
  if (!command) throw new UserFacingError(`Stepwise has no /${interaction.commandName} command any more. Type / to see the ones it has.`);
  // Inspect refuses others with its own sentence (what it would show them).
  if (command.name === INSPECT_COMMAND.name) return handleInspectCommand(interaction, context);
  if (command.isInstructorOnly && !actorOf(interaction, context.instructorRoleId).isInstructor) {
    throw new UserFacingError(`Only instructors can use /${command.name}.`);
  }
  switch (command.name) {
    case 'solve':
      return handleSolve(interaction, context);
    case 'check':
      return handleCheckCommand(interaction, context);
    case 'practice':
      return handlePractice(interaction, context);
    case 'progress':
      return answerPrivateCommand(interaction, context, () => context.classroom.progress(spaceOf(interaction), actorOf(interaction, context.instructorRoleId)));
    case 'problemset':
      return handleProblemset(interaction, context);
    case 'report':
      return handleReport(interaction, context);
    case 'policy':
      return handlePolicy(interaction, context);
    default:
      throw new UserFacingError(`/${command.name} is not available on Discord yet.`);
  }
}
