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
