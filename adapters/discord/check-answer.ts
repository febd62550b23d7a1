/** Checking an answer: the Check answer button opens a modal; its submission and `/check` in the thread are judged. */
import { LabelBuilder, ModalBuilder, TextInputBuilder, TextInputStyle, type ButtonInteraction, type ChatInputCommandInteraction, type ModalSubmitInteraction } from 'discord.js';
import { CHAT_COMMANDS, UserFacingError, actionId, type View } from '../../src/index.ts';
import { actorOf } from './actor-of.ts';
import type { DiscordContext } from './discord-context.ts';
import { answerClick, answerCommand } from './publish-view.ts';
import { sessionOfThread } from './thread-sessions.ts';

/** The modal's text input. */
export const ANSWER_INPUT_ID = 'answer';
const MODAL_TITLE = 'Check your answer';
const DEFAULT_MAX_ANSWER_CHARS = 1000;
const answerOption = CHAT_COMMANDS.find((command) => command.name === 'check')?.options[0];
const maxAnswerChars = answerOption?.maxLength ?? DEFAULT_MAX_ANSWER_CHARS;

/** The Check answer button: refuses others privately, else opens the answer modal (it must be the first response). */
export async function openCheckModal(interaction: ButtonInteraction, sessionId: string, context: DiscordContext): Promise<void> {
  await context.tutor.view(sessionId, actorOf(interaction, context.instructorRoleId));
  const input = new TextInputBuilder().setCustomId(ANSWER_INPUT_ID).setStyle(TextInputStyle.Short).setPlaceholder('e.g. x = 2, 1/2 or \\frac{\\pi}{4}').setMaxLength(maxAnswerChars).setRequired(true);
  const modal = new ModalBuilder()
    .setCustomId(actionId('check-answer', sessionId))
    .setTitle(MODAL_TITLE)
    .addLabelComponents(new LabelBuilder().setLabel('Your answer').setTextInputComponent(input));
  await interaction.showModal(modal);
}

/** The modal's submission: the verdict is posted in the thread with the answer that was judged. */
export async function handleCheckModal(interaction: ModalSubmitInteraction, sessionId: string, context: DiscordContext): Promise<void> {
  await interaction.deferUpdate();
  const answer = interaction.fields.getTextInputValue(ANSWER_INPUT_ID);
  const actor = actorOf(interaction, context.instructorRoleId);
  const view = await context.tutor.checkAnswer(sessionId, answer, actor);
  await answerClick(interaction, withAnswer(view, actor.name ?? 'You', answer), context);
}

/** `/check answer:<text>` inside a session's thread. */
export async function handleCheckCommand(interaction: ChatInputCommandInteraction, context: DiscordContext): Promise<void> {
  const sessionId = await sessionOfThread(context.store, interaction.channelId);
  if (!sessionId) throw new UserFacingError('Use /check inside the thread of the problem you are working on (the one /solve opened), or the Check answer button under its hint.');
  const actor = actorOf(interaction, context.instructorRoleId);
  await context.tutor.view(sessionId, actor);
  await interaction.deferReply();
  const view = await context.tutor.checkAnswer(sessionId, interaction.options.getString(answerOption?.name ?? ANSWER_INPUT_ID, true), actor);
  await answerCommand(interaction, view, context);
}

/** A modal leaves no trace in the channel, so the verdict quotes the answer it judged. */
function withAnswer(view: View, name: string, answer: string): View {
  if (view.isPrivate) return view;
  const line = `**${name} answered:** ${answer.trim().replace(/\s+/g, ' ')}`;
  const [first, ...rest] = view.parts;
  if (first?.type === 'text') return { ...view, parts: [{ type: 'text', markdown: `${line}\n${first.markdown}` }, ...rest] };
  return { ...view, parts: [{ type: 'text', markdown: line }, ...view.parts] };
}
