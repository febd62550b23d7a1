/** `/practice [set]`: the student's next unsolved problem of a set, in a thread, exactly as /solve runs it. */
import type { ChatInputCommandInteraction } from 'discord.js';
import { actorOf } from './actor-of.ts';
import type { DiscordContext } from './discord-context.ts';
import { answerCommand } from './publish-view.ts';
import { withdrawReply } from './reply-with-error.ts';
import { excerptOf, showInThread, solveInThread } from './solve-flow.ts';
import { parentChannelOf, spaceOf } from './space-of.ts';

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
      return showInThread(interaction, result.session, result.view, `**${name} is back on:** ${excerptOf(result.session.problem)}`, context);
    case 'done':
      return answerCommand(interaction, result.view, context);
  }
}
