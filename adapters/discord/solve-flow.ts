/** `/solve` and the Retry button: R1 thinks (progress edited into a message), then the thread gets the hints. */
import type { ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import { describeProgress, userMessageOf, type Session, type View } from '../../src/index.ts';
import { actorOf } from './actor-of.ts';
import type { DiscordContext } from './discord-context.ts';
import { channelTarget } from './message-target.ts';
import { ProgressReply } from './progress-reply.ts';
import { postView } from './publish-view.ts';
import { withdrawReply } from './reply-with-error.ts';
import { spaceOf } from './space-of.ts';
import { openThread } from './thread-sessions.ts';

const PROBLEM_EXCERPT_CHARS = 300;

/** `/solve problem:<text>`: defer at once, show R1 thinking, open a thread with the problem and first hint (server's ad-hoc policy). */
export async function handleSolve(interaction: ChatInputCommandInteraction, context: DiscordContext): Promise<void> {
  await interaction.deferReply();
  const problem = interaction.options.getString('problem', true);
  const owner = actorOf(interaction, context.instructorRoleId);
  const place = { guildId: interaction.guildId ?? '', channelId: interaction.channelId };
  const session = await context.classroom.adHocPolicy(spaceOf(interaction))
    .then((policy) => context.tutor.open({ problem, owner, place, policy }))
    .catch((error: unknown) => withdrawReply(interaction, error, context));
  if (!session) return;
  await solveInThread(interaction, session, `**${owner.name ?? 'A student'} asked:** ${excerptOf(session.problem)}`, context);
}

/**
 * Solves a session opened for a deferred command: `heading` and R1's progress in the reply, then a
 * thread started from the reply with the problem and the first hint. /solve and /practice share it.
 */
export async function solveInThread(interaction: ChatInputCommandInteraction, session: Session, heading: string, context: DiscordContext): Promise<void> {
  const progress = new ProgressReply(interaction, context);
  const messageId = await progress.show(`${heading}\nWaiting for R1…`);
  try {
    const view = await solveWithProgress(session.id, heading, progress, context);
    const threadId = await openThread(context, interaction.channelId, messageId, session.problem, session.id);
    await postView(channelTarget(context.rest, threadId ?? interaction.channelId), view, context);
    await progress.finish(`${heading}\n${outcomeOf(view, threadId !== undefined)}`);
  } catch (error) {
    await progress.finish(`${heading}\n${userMessageOf(error)}`);
    throw error;
  }
}

/** The Retry button on a failed solve: the clicked message shows progress, the result follows it. */
export async function handleRetry(interaction: ButtonInteraction, sessionId: string, context: DiscordContext): Promise<void> {
  await interaction.deferUpdate();
  await context.tutor.view(sessionId, actorOf(interaction, context.instructorRoleId));
  const heading = '**Trying again.**';
  const progress = new ProgressReply(interaction, context, interaction.message.id);
  await progress.show(`${heading}\nWaiting for R1…`);
  const view = await solveWithProgress(sessionId, heading, progress, context);
  await postView(channelTarget(context.rest, interaction.channelId), view, context);
  await progress.finish(`${heading}\n${outcomeOf(view, true)}`);
}

/** The problem's first 300 characters on one line, for headings. */
export function excerptOf(problem: string): string {
  const flat = problem.replace(/\s+/g, ' ');
  return flat.length > PROBLEM_EXCERPT_CHARS ? `${flat.slice(0, PROBLEM_EXCERPT_CHARS - 1)}…` : flat;
}

async function solveWithProgress(sessionId: string, heading: string, progress: ProgressReply, context: DiscordContext): Promise<View> {
  return context.inFlight.abortable((signal) =>
    context.tutor.solve(sessionId, { signal, onProgress: (state) => progress.push(`${heading}\n${describeProgress(state)}`) }),
  );
}

function outcomeOf(view: View, isInThread: boolean): string {
  const where = isInThread ? 'in the thread' : 'below';
  if (view.tone === 'error') return `R1 could not work this one out. The message ${where} says why and has a Retry button.`;
  return `Done. The hints are ${where}.`;
}
