/**
 * A progress message the bot owns (in a DM or a channel), edited with the bot token: unlike an
 * interaction's reply it can be edited for as long as the work takes. Edits are throttled and
 * sent one at a time, so the last one shown is the last one made.
 */
import { throttle } from '../../src/index.ts';
import type { DiscordContext } from './discord-context.ts';
import { MAX_CONTENT_CHARS, NO_MENTIONS, textMessage, type MessageBody, type OutgoingMessage } from './discord-messages.ts';
import type { MessageTarget } from './message-target.ts';
import { truncateText } from './text-limits.ts';

/** One message, posted once and then edited. */
export class OwnedProgress {
  private queue: Promise<void> = Promise.resolve();
  private readonly throttled: ReturnType<typeof throttle<string>>;

  private constructor(readonly target: MessageTarget, readonly messageId: string, private readonly context: DiscordContext) {
    this.throttled = throttle((content: string) => this.enqueue(content), context.editIntervalMs);
  }

  /** Posts `content` at `target`; rejects when the target refuses (closed DMs, no permission). */
  static async post(target: MessageTarget, content: string, context: DiscordContext): Promise<OwnedProgress> {
    const message = await target.post(textMessage(content, false));
    return new OwnedProgress(target, message.id, context);
  }

  /** Shows `content` within the edit interval (a newer value replaces a pending one). */
  push(content: string): void {
    this.throttled.push(content);
  }

  /** Drops pending progress and shows `content` last. */
  async finish(content: string): Promise<void> {
    this.throttled.cancel();
    this.enqueue(content);
    await this.queue;
  }

  /**
   * Drops pending progress and makes the message `message` (text, cards, buttons): rejects when
   * Discord refuses the edit, so the caller can post it instead.
   */
  async replaceWith(message: OutgoingMessage): Promise<void> {
    this.throttled.cancel();
    await this.queue;
    await this.target.edit(this.messageId, editBodyOf(message.body), message.files);
  }

  private enqueue(content: string): void {
    const body = { content: truncateText(content, MAX_CONTENT_CHARS), allowed_mentions: NO_MENTIONS };
    this.queue = this.queue
      .then(async () => void (await this.target.edit(this.messageId, body)))
      .catch((error: unknown) => this.context.logger.warn('could not edit the progress message', { error }));
  }
}

/** An edit that leaves nothing of the old message behind: no text, embeds, buttons or files it does not name. */
export function editBodyOf(body: MessageBody): MessageBody {
  return { content: body.content ?? '', embeds: body.embeds ?? [], components: body.components ?? [], attachments: body.attachments ?? [], allowed_mentions: NO_MENTIONS };
}
