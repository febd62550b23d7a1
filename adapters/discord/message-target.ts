/**
 * Where messages go: a channel or thread (bot token, no time limit) or an interaction's webhook
 * (its token, valid 15 minutes, not bound by the bot's global rate limit).
 */
import { Routes, type APIMessage, type REST } from 'discord.js';
import type { MessageBody, OutgoingMessage } from './discord-messages.ts';

/** Posts and edits messages in one place. */
export interface MessageTarget {
  /** Posts a new message; resolves with what Discord stored. */
  post(message: OutgoingMessage): Promise<APIMessage>;
  /** Edits a message posted here (`@original` is an interaction's first reply), adding any files. */
  edit(messageId: string, body: MessageBody, files?: OutgoingMessage['files']): Promise<APIMessage>;
}

/** Messages in a channel or thread, sent with the bot token. */
export function channelTarget(rest: REST, channelId: string): MessageTarget {
  return {
    post: async (message) => (await rest.post(Routes.channelMessages(channelId), { body: message.body, files: message.files })) as APIMessage,
    edit: async (messageId, body, files = []) => (await rest.patch(Routes.channelMessage(channelId, messageId), { body, files })) as APIMessage,
  };
}

/** Follow-ups and edits through an interaction's token. */
export function interactionTarget(rest: REST, applicationId: string, token: string): MessageTarget & { deleteOriginal(): Promise<void> } {
  return {
    post: async (message) => (await rest.post(Routes.webhook(applicationId, token), { body: message.body, files: message.files, auth: false })) as APIMessage,
    edit: async (messageId, body, files = []) => (await rest.patch(Routes.webhookMessage(applicationId, token, messageId), { body, files, auth: false })) as APIMessage,
    deleteOriginal: async () => void (await rest.delete(Routes.webhookMessage(applicationId, token, '@original'), { auth: false })),
  };
}

/** Discord invalidates an interaction token this long after the interaction. */
export const TOKEN_LIFETIME_MS = 15 * 60_000;
/** Stop using a token this long before it expires, so no request is cut off mid-flight. */
const TOKEN_SAFETY_MARGIN_MS = 60_000;

/** Whether an interaction created at `createdTimestamp` may still use its token at `nowMs`. */
export function isTokenUsable(createdTimestamp: number, nowMs: number): boolean {
  return nowMs < createdTimestamp + TOKEN_LIFETIME_MS - TOKEN_SAFETY_MARGIN_MS;
}

/** Messages in the bot's DM with `userId` (opened on first use), sent with the bot token: no time limit. */
export function directMessageTarget(rest: REST, userId: string): MessageTarget {
  let channelId: Promise<string> | undefined;
  const channel = () => (channelId ??= rest.post(Routes.userChannels(), { body: { recipient_id: userId } }).then((dm) => (dm as { id: string }).id));
  return {
    post: async (message) => channelTarget(rest, await channel()).post(message),
    edit: async (messageId, body, files) => channelTarget(rest, await channel()).edit(messageId, body, files),
  };
}

/**
 * Posts `messages` in order to the first target that takes them; when a target refuses one (no
 * permission, an expired token), that message and the rest go to the next. Throws the last
 * refusal when none is left.
 */
export async function postWithFallback(targets: readonly MessageTarget[], messages: readonly OutgoingMessage[], onRefused: (error: unknown) => void): Promise<APIMessage[]> {
  const posted: APIMessage[] = [];
  let index = 0;
  for (const message of messages) {
    for (;;) {
      const target = targets[index];
      if (!target) throw new Error('No place left to post the message');
      try {
        posted.push(await target.post(message));
        break;
      } catch (error) {
        onRefused(error);
        if (index === targets.length - 1) throw error;
        index += 1;
      }
    }
  }
  return posted;
}
