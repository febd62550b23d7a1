/**
 * Where each session's "R1 is thinking…" message is, so that after a crash the next bot to start
 * can edit it into the failure with a Retry button (the engine's start-up sweep of lapsed solves).
 */
import type { DiscordContext } from './discord-context.ts';
import { MAX_CONTENT_CHARS, NO_MENTIONS } from './discord-messages.ts';
import { channelTarget } from './message-target.ts';
import { discordMessagesOf } from './publish-view.ts';
import { truncateText } from './text-limits.ts';

const thinkingKey = (sessionId: string) => `discord:thinking:${sessionId}`;

/** A progress message the bot may edit with its own token. */
export interface ThinkingMessage {
  /** Its channel (or thread). */
  readonly channelId: string;
  /** Its id. */
  readonly messageId: string;
  /** The line above the progress, kept in the failure. */
  readonly heading: string;
}

/** Remembers the session's progress message (only one the bot token can edit: not ephemeral, channel allowed). */
export async function rememberThinking(context: DiscordContext, sessionId: string, message: ThinkingMessage): Promise<void> {
  await context.store.set<ThinkingMessage>(thinkingKey(sessionId), message);
}

/**
 * At start-up: marks failed the solves whose process died (the engine's sweep) and edits each one's
 * progress message into the failure with a Retry button. Never rejects; returns how many were edited.
 */
export async function sweepLapsedSolves(context: DiscordContext): Promise<number> {
  let edited = 0;
  try {
    for (const { session, view } of await context.tutor.sweepLapsedSolves()) {
      const message = await context.store.get<ThinkingMessage>(thinkingKey(session.id));
      if (!message) continue;
      const [failure] = await discordMessagesOf(view, context);
      const content = truncateText(`${message.heading}\n${failure?.body.content ?? ''}`, MAX_CONTENT_CHARS);
      await channelTarget(context.rest, message.channelId).edit(message.messageId, { content, components: failure?.body.components ?? [], allowed_mentions: NO_MENTIONS })
        .then(() => (edited += 1))
        .catch((error: unknown) => context.logger.warn('could not mark a lapsed solve in Discord', { sessionId: session.id, error }));
    }
  } catch (error) {
    context.logger.error('the start-up sweep of lapsed solves failed', { error });
  }
  return edited;
}
