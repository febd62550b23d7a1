/** Commands only their caller sees: deferred as ephemeral, answered with a view, user-facing errors shown in full. */
import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { UserFacingError, messageView, type View } from '../../src/index.ts';
import type { DiscordContext } from './discord-context.ts';
import { answerPrivately } from './publish-view.ts';

/**
 * Defers privately, runs `work` and shows its view. A UserFacingError becomes the reply itself, split
 * to Discord's limits rather than cut (a refused problem-set file lists every issue); anything else
 * goes on to the adapter's one error handler.
 */
export async function answerPrivateCommand(interaction: ChatInputCommandInteraction, context: DiscordContext, work: () => Promise<View | string>): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  let view: View;
  try {
    const result = await work();
    view = typeof result === 'string' ? messageView(result, 'info', true) : result;
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    view = messageView(error.message, 'warning', true);
  }
  await answerPrivately(interaction, view, context);
}
