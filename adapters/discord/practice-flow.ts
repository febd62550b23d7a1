/** `/practice [set]`: the student's next unsolved problem of a set, in a thread, exactly as /solve runs it. */
import type { ChatInputCommandInteraction } from 'discord.js';
import type { Session, View } from '../../src/index.ts';
import { actorOf } from './actor-of.ts';
import type { DiscordContext } from './discord-context.ts';
import { NO_MENTIONS } from './discord-messages.ts';
import { channelTarget, interactionTarget } from './message-target.ts';
import { answerCommand, postView } from './publish-view.ts';
import { withdrawReply } from './reply-with-error.ts';
import { excerptOf, solveInThread } from './solve-flow.ts';
import { parentChannelOf, spaceOf } from './space-of.ts';
import { openThread } from './thread-sessions.ts';

/** A new problem is solved with progress; an unfinished one comes back in a fresh thread; a finished set says so. */
export async function handlePractice(interaction: ChatInputCommandInteraction, context: DiscordContext): Promise<void> {
  await interaction.deferReply();
  const actor = actorOf(interaction, context.instructorRoleId);
  const request = {
    setId: interaction.options.getString('set') ?? undefined,
    channelId: parentChannelOf(interaction),
    place: { guildId: interaction.guildId ?? '', channelId: interaction.channelId },
  };
  const result = await context.classroom.practice(spaceOf(interaction), actor, request).catch((error: unknown) => withdrawReply(interaction, error, context));
  if (!result) return;
  const name = actor.name ?? 'A student';
  switch (result.kind) {
    case 'new':
      return solveInThread(interaction, result.session, `**${name} is practising.** ${result.intro}`, context);
    case 'continue':
      return continueInThread(interaction, result.session, result.view, `**${name} is back on:** ${excerptOf(result.session.problem)}`, context);
    case 'done':
      return answerCommand(interaction, result.view, context);
  }
}

/** The reply names the problem; a thread from it shows where the student left off. */
async function continueInThread(interaction: ChatInputCommandInteraction, session: Session, view: View, heading: string, context: DiscordContext): Promise<void> {
  const reply = await interactionTarget(context.rest, interaction.applicationId, interaction.token).edit('@original', { content: heading, allowed_mentions: NO_MENTIONS });
  const threadId = await openThread(context, interaction.channelId, reply.id, session.problem, session.id);
  await postView(channelTarget(context.rest, threadId ?? interaction.channelId), view, context);
}
