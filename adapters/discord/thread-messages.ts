/**
 * Messages typed in a session's thread go to the tutor (`Tutor.reply`): an answer is checked and
 * recorded like `/check`; a question gets a "Thinking about your question…" message, edited as the
 * guarded reply streams in (paced like solve progress), then replaced by the reply itself (math
 * drawn as cards, the session's buttons under it). A reply an instructor got past the student's
 * gate (the view is private) goes to the instructor's DMs, never the thread, and is not streamed
 * there either; the thread keeps a line saying where it went. Messages from anyone but the session's student
 * or an instructor, from bots, system messages and messages outside session threads get nothing.
 * Reading them needs the Guild Messages intent, and their text the privileged Message Content
 * intent; without it Discord sends the message with empty content and nothing is done.
 */
import type { Message } from 'discord.js';
import { UserFacingError, messageView, type View } from '../../src/index.ts';
import { actorOfMessage } from './actor-of.ts';
import type { DiscordContext } from './discord-context.ts';
import { MAX_CONTENT_CHARS, NO_MENTIONS } from './discord-messages.ts';
import { channelTarget, directMessageTarget } from './message-target.ts';
import { OwnedProgress, editBodyOf } from './owned-progress.ts';
import { deliverView, discordMessagesOf, postView } from './publish-view.ts';
import { truncateText } from './text-limits.ts';
import { sessionOfThread } from './thread-sessions.ts';

/** The progress message's first line. */
export const THINKING_ABOUT_QUESTION = 'Thinking about your question…';
/** What the thread keeps of a reply sent to an instructor privately. */
export const ANSWERED_PRIVATELY = 'I answered in a direct message: the reply may say what the student has not earned yet.';
/** Said instead when the instructor's DMs are closed. */
export const NOT_DELIVERED_PRIVATELY = 'I could not send my reply to you directly (your direct messages are closed to me), and it may say what the student has not earned yet, so it is not shown here. Allow direct messages from this server\'s members and ask again.';
const PLATFORM = 'discord';
const SOMETHING_WENT_WRONG = 'Sorry, something went wrong while I was answering. Ask again in a moment, or use the hints.';


/** Hands a message typed in a session's thread to the tutor and posts what it makes of it. */
export async function handleThreadMessage(message: Message, context: DiscordContext): Promise<void> {
  if (message.author.bot || message.system || message.webhookId || !message.channel.isThread()) return;
  const text = message.content.trim();
  if (!text) return;
  const sessionId = await sessionOfThread(context.store, message.channelId);
  if (!sessionId) return;
  const actor = actorOfMessage(message, context.instructorRoleId);
  const thread = channelTarget(context.rest, message.channelId);
  let progress: OwnedProgress | undefined;
  try {
    const outcome = await context.inFlight.abortable((signal) => context.tutor.reply(sessionId, actor, text, {
      signal,
      endUser: `${PLATFORM}:${message.author.id}`,
      onStart: async () => {
        progress = await OwnedProgress.post(thread, THINKING_ABOUT_QUESTION, context);
        // Kept on the session, so a bot started after a crash edits this message instead of posting another.
        return { platform: PLATFORM, channelId: message.channelId, messageId: progress.messageId, userId: message.author.id };
      },
      // An instructor's reply may be for the instructor only: it is not streamed into the thread.
      ...(actor.isInstructor ? {} : { onProgress: (markdown: string) => progress?.push(`${THINKING_ABOUT_QUESTION}\n${markdown}`) }),
    }));
    if (outcome.kind === 'ignored') return;
    // An attempt's verdict is for the thread, where it was typed (a thread message cannot be ephemeral).
    const view = outcome.kind === 'attempt' ? { ...outcome.view, isPrivate: false } : outcome.view;
    await showOutcome(view, { thread, progress, userId: message.author.id }, context);
  } catch (error) {
    if (!(error instanceof UserFacingError)) context.logger.error('could not answer a typed message', { sessionId, messageId: message.id, error });
    // Never leave "Thinking…" standing: the progress message says what happened (an unexpected failure only in general terms).
    if (!(error instanceof UserFacingError) && !progress) return;
    const notice = messageView(error instanceof UserFacingError ? error.message : SOMETHING_WENT_WRONG, 'warning', false, sessionId);
    await (progress ? replaceProgress(progress, notice, context) : postView(thread, notice, context).then(() => undefined))
      .catch((postError: unknown) => context.logger.warn('could not answer a typed message', { sessionId, error: postError }));
  }
}

/**
 * At start-up: replies whose process died mid-stream are written again by the engine; each one's
 * progress message is edited into the reply (never a second message). Never rejects; resolves
 * with how many were edited.
 */
export async function sweepLapsedReplies(context: DiscordContext): Promise<number> {
  let edited = 0;
  try {
    for (const { session, place, view } of await context.tutor.sweepLapsedReplies(PLATFORM)) {
      if (place.platform !== PLATFORM || !place.channelId || !place.messageId) continue;
      const target = channelTarget(context.rest, place.channelId);
      try {
        if (view.isPrivate) {
          await deliverPrivately(view, place.userId ?? '', (content) => target.edit(place.messageId ?? '', editBodyOf({ content })), context);
        } else {
          const [first, ...rest] = await discordMessagesOf(view, context);
          if (first) await target.edit(place.messageId, editBodyOf(first.body), first.files);
          for (const message of rest) await target.post(message);
        }
        edited += 1;
      } catch (error) {
        context.logger.warn('could not finish a lapsed reply in Discord', { sessionId: session.id, error });
      }
    }
  } catch (error) {
    context.logger.error('the start-up sweep of lapsed replies failed', { error });
  }
  return edited;
}

/** Where a typed message's answer goes. */
interface AnswerPlace {
  readonly thread: ReturnType<typeof channelTarget>;
  readonly progress?: OwnedProgress;
  readonly userId: string;
}

/** A public view goes in the thread (replacing the progress message); a private one to the asker's DMs, with a line in the thread. */
async function showOutcome(view: View, place: AnswerPlace, context: DiscordContext): Promise<void> {
  const { thread, progress } = place;
  if (view.isPrivate) {
    const say = async (content: string) => {
      if (progress) await progress.replaceWith({ body: { content }, files: [] });
      else await thread.post({ body: { content, allowed_mentions: NO_MENTIONS }, files: [] });
    };
    await deliverPrivately(view, place.userId, say, context);
    return;
  }
  if (progress) await replaceProgress(progress, view, context);
  else await deliverView(view, () => postView(thread, view, context), undefined, context);
}

/** Sends a private view to `userId`'s DMs and says in the thread (through `say`) where it went, or that it could not go. */
async function deliverPrivately(view: View, userId: string, say: (content: string) => Promise<unknown>, context: DiscordContext): Promise<void> {
  try {
    // A channel message cannot be ephemeral: privacy is the DM itself.
    await postView(directMessageTarget(context.rest, userId), { ...view, isPrivate: false }, context);
  } catch (error) {
    context.logger.warn('could not send a private reply by DM', { sessionId: view.sessionId, error });
    await say(NOT_DELIVERED_PRIVATELY);
    return;
  }
  await say(ANSWERED_PRIVATELY);
}

/** The progress message becomes the view's first message; the rest follow it. An edit Discord refuses becomes a new post. */
async function replaceProgress(progress: OwnedProgress, view: View, context: DiscordContext): Promise<void> {
  const [first, ...rest] = await discordMessagesOf(view, context);
  if (!first) return;
  const post = async () => {
    try {
      await progress.replaceWith(first);
    } catch (error) {
      context.logger.warn('could not edit the reply into its progress message; posting it', { error });
      const content = truncateText(first.body.content ?? '', MAX_CONTENT_CHARS);
      await progress.target.post({ ...first, body: { ...first.body, content, allowed_mentions: NO_MENTIONS } });
    }
    for (const message of rest) await progress.target.post(message);
  };
  await deliverView(view, post, undefined, context);
}
