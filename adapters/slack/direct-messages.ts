/**
 * The private side of instructor commands: the bot's direct-message channel with a user, where
 * files (exports, CSV reports) and long-running work (warming) can go, since ephemeral messages
 * can neither carry files nor be edited more than a few times.
 */
import { textMessages } from './slack-blocks.ts';
import { escapeMrkdwn } from './slack-mrkdwn.ts';
import type { SlackClient } from './slack-context.ts';
import { uploadFiles } from './file-upload.ts';

const MAX_TEXT_MESSAGES = 5;

/** A file to hand to one user. */
export interface PrivateFile {
  /** File name, e.g. `algebra-basics.yaml`. */
  readonly name: string;
  /** Its content. */
  readonly content: string;
  /** The title Slack shows. */
  readonly title: string;
  /** A line posted with it. */
  readonly comment?: string;
}

/** The id of the bot's DM channel with `userId` (conversations.open returns the same one each time). */
export async function directChannel(client: SlackClient, userId: string): Promise<string> {
  const opened = await client.conversations.open({ users: userId });
  const channelId = opened.channel?.id;
  if (!channelId) throw new Error('conversations.open returned no channel');
  return channelId;
}

/**
 * Posts `markdown` to `userId` in their DM, split within Slack's limits; text longer than a few
 * messages arrives as its first part plus the whole of it as a .txt file named `fileName`.
 */
export async function postDirect(client: SlackClient, userId: string, markdown: string, fileName = 'message.txt'): Promise<void> {
  const channelId = await directChannel(client, userId);
  const messages = textMessages(markdown);
  const isTooLong = messages.length > MAX_TEXT_MESSAGES;
  for (const message of isTooLong ? messages.slice(0, 1) : messages) await client.chat.postMessage({ channel: channelId, ...message });
  if (isTooLong) await uploadFiles(client, [{ fileName, content: Buffer.from(markdown, 'utf8'), title: 'The whole message, too long to post' }], { channelId });
}

/** Uploads `file` into `userId`'s DM with the bot. */
export async function sendPrivateFile(client: SlackClient, userId: string, file: PrivateFile): Promise<void> {
  const channelId = await directChannel(client, userId);
  await uploadFiles(client, [{ fileName: file.name, content: Buffer.from(file.content, 'utf8'), title: file.title }], { channelId, ...(file.comment ? { initialComment: escapeMrkdwn(file.comment) } : {}) });
}
