/**
 * A message edited while R1 thinks: through the interaction token while it is valid (15 minutes),
 * then with the bot token, so a long solve never writes through an expired token. Edits are
 * throttled and sent one at a time, so the last one shown is always the last one made.
 */
import { throttle } from '../../src/index.ts';
import type { DiscordContext } from './discord-context.ts';
import { NO_MENTIONS, MAX_CONTENT_CHARS, type MessageBody } from './discord-messages.ts';
import { channelTarget, interactionTarget, isTokenUsable } from './message-target.ts';
import { truncateText } from './text-limits.ts';

const ORIGINAL = '@original';

/** The interaction whose reply is edited. */
export interface ReplySource {
  /** Application id (webhook routes). */
  readonly applicationId: string;
  /** Interaction token. */
  readonly token: string;
  /** When the interaction was created (ms since epoch). */
  readonly createdTimestamp: number;
  /** Channel (or thread) of the reply. */
  readonly channelId: string;
}

/** The reply to one interaction, edited as progress comes in. */
export class ProgressReply {
  private messageId: string | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly throttled: ReturnType<typeof throttle<string>>;

  /**
   * `messageId` is the message `@original` stands for, when it is already known (a clicked message).
   * Without `mayEditInChannel` (the bot may not post there, or the message is ephemeral), edits
   * stop when the token does.
   */
  constructor(private readonly source: ReplySource, private readonly context: DiscordContext, messageId?: string, private readonly mayEditInChannel = true) {
    this.messageId = messageId;
    this.throttled = throttle((content: string) => this.enqueue({ content }), context.editIntervalMs);
  }

  /** Whether the interaction token may still be used. */
  get isTokenValid(): boolean {
    return isTokenUsable(this.source.createdTimestamp, this.context.now());
  }

  /** Shows `content` now (removing any buttons) and resolves with the message id. */
  async show(content: string): Promise<string> {
    this.enqueue({ content, components: [] });
    await this.queue;
    if (!this.messageId) throw new Error('Discord did not return the reply message');
    return this.messageId;
  }

  /** Shows `content` within the edit interval (a newer value replaces a pending one). */
  push(content: string): void {
    this.throttled.push(content);
  }

  /** Drops pending progress and shows `content` last (with `components`, e.g. a Retry button). */
  async finish(content: string, components?: MessageBody['components']): Promise<void> {
    this.throttled.cancel();
    this.enqueue({ content, ...(components ? { components } : {}) });
    await this.queue;
  }

  private enqueue(body: MessageBody): void {
    const edit = { ...body, content: body.content === undefined ? undefined : truncateText(body.content, MAX_CONTENT_CHARS), allowed_mentions: NO_MENTIONS };
    this.queue = this.queue.then(() => this.send(edit)).catch((error: unknown) => this.context.logger.warn('could not edit the progress message', { error }));
  }

  private async send(body: MessageBody): Promise<void> {
    const { rest } = this.context;
    if (this.isTokenValid || !this.messageId) {
      const message = await interactionTarget(rest, this.source.applicationId, this.source.token).edit(ORIGINAL, body);
      this.messageId ??= message.id;
    } else if (this.mayEditInChannel) {
      await channelTarget(rest, this.source.channelId).edit(this.messageId, body);
    }
  }
}
