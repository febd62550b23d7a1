/**
 * Messages typed in a session's thread. For now the student's message is checked as an answer,
 * exactly like `/check` (conversation with the tutor comes later). Reading them needs the Guild
 * Messages intent, and their text the privileged Message Content intent; without it Discord sends
 * the message with empty content and nothing is done.
 */
import type { Message } from 'discord.js';
import { UserFacingError, messageView, type Actor } from '../../src/index.ts';
import type { DiscordContext } from './discord-context.ts';
import { channelTarget } from './message-target.ts';
import { postView } from './publish-view.ts';
import { sessionOfThread } from './thread-sessions.ts';

/** Checks a message from the session's student in the session's thread; ignores every other message. */
export async function handleThreadMessage(message: Message, context: DiscordContext): Promise<void> {
  if (message.author.bot || !message.channel.isThread()) return;
  const text = message.content.trim();
  if (!text) return;
  const sessionId = await sessionOfThread(context.store, message.channelId);
  if (!sessionId) return;
  const session = await context.tutor.session(sessionId);
  if (!session || session.owner.platform !== 'discord' || session.owner.userId !== message.author.id) return;
  const actor: Actor = { platform: 'discord', userId: message.author.id, name: message.author.displayName, isInstructor: false };
  const thread = channelTarget(context.rest, message.channelId);
  try {
    const view = await context.tutor.checkAnswer(sessionId, text, actor);
    // A thread message cannot be ephemeral: the reply goes in the thread, where the student typed.
    await postView(thread, { ...view, isPrivate: false }, context);
  } catch (error) {
    if (!(error instanceof UserFacingError)) {
      context.logger.error('could not check a typed answer', { sessionId, messageId: message.id, error });
      return;
    }
    await postView(thread, messageView(error.message, 'warning', false, sessionId), context).catch((postError: unknown) =>
      context.logger.warn('could not answer a typed message', { sessionId, error: postError }));
  }
}
