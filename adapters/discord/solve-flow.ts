/**
 * `/solve` and the Retry button: R1 thinks (progress edited into a message), then the session is
 * shown where the bot may show it: a thread, the thread the command came from, or the interaction
 * itself. Where it goes is decided before R1 is paid.
 */
import type { ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import { actionId, describeProgress, userMessageOf, type Session, type View } from '../../src/index.ts';
import { actorOf } from './actor-of.ts';
import type { DiscordContext } from './discord-context.ts';
import { buttonRows, NO_MENTIONS, type OutgoingMessage } from './discord-messages.ts';
import { channelTarget, directMessageTarget, interactionTarget, isTokenUsable, postWithFallback, type MessageTarget } from './message-target.ts';
import { tellAboutPermissionsOnce } from './permission-note.ts';
import { ProgressReply } from './progress-reply.ts';
import { deliverView, discordMessagesOf } from './publish-view.ts';
import { withdrawReply } from './reply-with-error.ts';
import { spaceOf } from './space-of.ts';
import { truncateText } from './text-limits.ts';
import { openThread } from './thread-sessions.ts';
import { rememberThinking } from './thinking-messages.ts';
import { mayPostInChannel, venueOf, type Venue } from './venue.ts';

const PROBLEM_EXCERPT_CHARS = 300;
/** Said where the hints should have appeared when no place took them; Retry re-delivers them. */
const NOT_SHOWN = 'I could not post the hints just now. Press Retry to get them.';

/** A row with the session's Retry button. */
function retryRow(sessionId: string) {
  return buttonRows([{ kind: 'retry', id: actionId('retry', sessionId), label: 'Retry', enabled: true }]);
}

/** `/solve problem:<text>`: defer at once, show R1 thinking, then the problem and first hint (server's ad-hoc policy). */
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
 * Solves a session opened for a deferred command: `heading` and R1's progress in the reply, then
 * the problem and the first hint in a thread started from the reply, or wherever the bot may post.
 * /solve and /practice share it.
 */
export async function solveInThread(interaction: ChatInputCommandInteraction, session: Session, heading: string, context: DiscordContext): Promise<void> {
  const venue = venueOf(interaction);
  const mayEdit = venue.kind !== 'interaction' || mayPostInChannel(interaction);
  const progress = new ProgressReply(interaction, context, undefined, mayEdit);
  const messageId = await progress.show(`${heading}\nWaiting for R1…`);
  if (mayEdit) await rememberThinking(context, session.id, { channelId: interaction.channelId, messageId, heading });
  if (venue.kind === 'interaction') await tellAboutPermissionsOnce(interaction, venue.missing, context);
  try {
    // A set problem is shown before R1 answers (onShown); what R1 adds later goes to the same place.
    let shownAt: Place | undefined;
    const onShown = async (early: View) => {
      const post = async () => (shownAt = await showSession(interaction, venue, messageId, session, await discordMessagesOf(early, context), context));
      if (!(await deliverView(early, post, undefined, context))) throw new Error('could not show the set problem before R1 answered');
    };
    const view = await solveWithProgress(session.id, heading, progress, context, onShown);
    let where: Where = 'below';
    // Drawn before any thread opens: a view that cannot be drawn never leaves an empty thread.
    const post = async () => {
      const messages = await discordMessagesOf(view, context);
      where = shownAt ? await postToFirstPlace([shownAt, ...fallbackPlaces(interaction, context)], messages, session.id, context) : (await showSession(interaction, venue, messageId, session, messages, context)).where;
    };
    if (!(await deliverView(view, post, undefined, context))) return await progress.finish(`${heading}\n${NOT_SHOWN}`, retryRow(session.id));
    await progress.finish(`${heading}\n${outcomeOf(view, where)}`);
  } catch (error) {
    await progress.finish(`${heading}\n${userMessageOf(error)}`);
    throw error;
  }
}

/** Shows a session that comes back (practice): in a thread from the reply, or wherever the bot may post. */
export async function showInThread(interaction: ChatInputCommandInteraction, session: Session, view: View, heading: string, context: DiscordContext): Promise<void> {
  const venue = venueOf(interaction);
  const webhook = interactionTarget(context.rest, interaction.applicationId, interaction.token);
  const reply = await webhook.edit('@original', { content: heading, allowed_mentions: NO_MENTIONS });
  if (venue.kind === 'interaction') await tellAboutPermissionsOnce(interaction, venue.missing, context);
  const post = async () => showSession(interaction, venue, reply.id, session, await discordMessagesOf(view, context), context);
  if (!(await deliverView(view, post, undefined, context))) await webhook.edit('@original', { content: `${heading}\n${NOT_SHOWN}`, components: retryRow(session.id), allowed_mentions: NO_MENTIONS });
}

/** The Retry button on a failed solve: the clicked message shows progress, the result follows it. */
export async function handleRetry(interaction: ButtonInteraction, sessionId: string, context: DiscordContext): Promise<void> {
  await interaction.deferUpdate();
  const session = await context.tutor.session(sessionId);
  await context.tutor.view(sessionId, actorOf(interaction, context.instructorRoleId));
  const heading = '**Trying again.**';
  const isEphemeral = interaction.message.flags.has('Ephemeral');
  const mayPost = mayPostInChannel(interaction) && !isEphemeral;
  const progress = new ProgressReply(interaction, context, interaction.message.id, mayPost);
  await progress.show(`${heading}\nWaiting for R1…`);
  if (mayPost) await rememberThinking(context, sessionId, { channelId: interaction.channelId, messageId: interaction.message.id, heading });
  const view = await solveWithProgress(sessionId, heading, progress, context);
  // A Retry on a channel message (a solve that never got its thread) opens the thread from it.
  const threadId = !isEphemeral && session && venueOf(interaction).kind === 'thread'
    ? await openThread(context, interaction.channelId, interaction.message.id, session.problem, sessionId)
    : undefined;
  const isThreadVenue = !isEphemeral && venueOf(interaction).kind === 'thread';
  const places: Place[] = [
    ...(threadId ? [{ where: 'thread' as const, target: channelTarget(context.rest, threadId) }] : []),
    // A thread started from this message earlier has the message's id.
    ...(!threadId && isThreadVenue ? [{ where: 'thread' as const, target: channelTarget(context.rest, interaction.message.id) }] : []),
    ...(!threadId && mayPost ? [{ where: interaction.channel?.isThread() ? 'thread' as const : 'below' as const, target: channelTarget(context.rest, interaction.channelId) }] : []),
    ...(isTokenUsable(interaction.createdTimestamp, context.now()) ? [{ where: 'below' as const, target: interactionTarget(context.rest, interaction.applicationId, interaction.token) }] : []),
    { where: 'dm', target: directMessageTarget(context.rest, interaction.user.id) },
  ];
  let where: Where = 'below';
  const post = async () => (where = await postToFirstPlace(places, await discordMessagesOf(view, context), sessionId, context));
  if (!(await deliverView(view, post, undefined, context))) return progress.finish(`${heading}\n${NOT_SHOWN}`, retryRow(sessionId));
  await progress.finish(`${heading}\n${outcomeOf(view, where)}`);
}

/** The problem's first 300 characters on one line, for headings. */
export function excerptOf(problem: string): string {
  return truncateText(problem.replace(/\s+/g, ' '), PROBLEM_EXCERPT_CHARS);
}

type Where = 'thread' | 'below' | 'reply' | 'dm';

/**
 * Posts the session's messages at its venue. A thread the bot could not open, or a post it was
 * refused, falls back to the interaction's follow-ups while the token lives, then to a DM.
 */
async function showSession(interaction: ChatInputCommandInteraction, venue: Venue, replyId: string, session: Session, messages: OutgoingMessage[], context: DiscordContext): Promise<Place> {
  const places: Place[] = [];
  if (venue.kind === 'thread') {
    const threadId = await openThread(context, interaction.channelId, replyId, session.problem, session.id);
    if (threadId) places.push({ where: 'thread', target: channelTarget(context.rest, threadId) });
  } else if (venue.kind === 'channel') {
    places.push({ where: 'below', target: channelTarget(context.rest, interaction.channelId) });
  }
  places.push(...fallbackPlaces(interaction, context));
  const used = await postToFirstPlace(places, messages, session.id, context);
  return places.find((place) => place.where === used) ?? places[places.length - 1] as Place;
}

/** Where a command's session goes when its own place refuses: the interaction while its token lives, then a DM. */
function fallbackPlaces(interaction: ChatInputCommandInteraction, context: DiscordContext): Place[] {
  return [
    ...(isTokenUsable(interaction.createdTimestamp, context.now()) ? [{ where: 'reply' as const, target: interactionTarget(context.rest, interaction.applicationId, interaction.token) }] : []),
    { where: 'dm', target: directMessageTarget(context.rest, interaction.user.id) },
  ];
}

/** A place to post and how the reply names it. */
interface Place {
  readonly where: Where;
  readonly target: MessageTarget;
}

/** Posts `messages` at the first place that takes them (falling back message by message); resolves with where they went. */
async function postToFirstPlace(places: readonly Place[], messages: readonly OutgoingMessage[], sessionId: string, context: DiscordContext): Promise<Where> {
  let refused = 0;
  await postWithFallback(places.map((place) => place.target), messages, (error) => {
    context.logger.warn('could not show the session here; trying the next place', { sessionId, where: places[refused]?.where, error });
    refused += 1;
  });
  return places[Math.min(refused, places.length - 1)]?.where ?? 'below';
}

async function solveWithProgress(sessionId: string, heading: string, progress: ProgressReply, context: DiscordContext, onShown?: (view: View) => Promise<void>): Promise<View> {
  return context.inFlight.abortable((signal) =>
    context.tutor.solve(sessionId, { signal, onProgress: (state) => progress.push(`${heading}\n${describeProgress(state)}`), ...(onShown ? { onShown } : {}) }),
  );
}

function outcomeOf(view: View, where: Where): string {
  const place = where === 'thread' ? 'in the thread' : where === 'dm' ? 'in your direct messages with me' : 'below';
  if (view.tone === 'error') return `R1 could not work this one out. The message ${place} says why and has a Retry button.`;
  return `Done. The hints are ${place}.`;
}
