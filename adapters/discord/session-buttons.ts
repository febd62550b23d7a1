/** The session buttons: each click is acknowledged at once, then mapped to one engine call. */
import type { ButtonInteraction } from 'discord.js';
import { UserFacingError, parseActionId } from '../../src/index.ts';
import { actorOf } from './actor-of.ts';
import { openCheckModal } from './check-answer.ts';
import type { DiscordContext } from './discord-context.ts';
import { answerClick } from './publish-view.ts';
import { handleRetry } from './solve-flow.ts';

/** Next hint, Check answer, Show reasoning, Reveal answer and Retry. */
export async function handleButton(interaction: ButtonInteraction, context: DiscordContext): Promise<void> {
  const request = parseActionId(interaction.customId);
  if (!request) throw new UserFacingError('This button is no longer in use. Start a new problem with /solve.');
  const { tutor } = context;
  const actor = actorOf(interaction, context.instructorRoleId);
  switch (request.kind) {
    case 'check-answer':
      return openCheckModal(interaction, request.sessionId, context);
    case 'retry':
      return handleRetry(interaction, request.sessionId, context);
    case 'next-hint':
      await interaction.deferUpdate();
      return answerClick(interaction, await tutor.nextHint(request.sessionId, request.seen ?? 0, actor), context);
    case 'show-reasoning':
      await interaction.deferUpdate();
      return answerClick(interaction, await tutor.showReasoning(request.sessionId, actor), context);
    case 'reveal-answer':
      await interaction.deferUpdate();
      return answerClick(interaction, await tutor.revealAnswer(request.sessionId, actor), context);
  }
}
