/** Draws a View into a session's Slack thread: images via files.uploadV2, text as blocks, then the buttons. */
import { drawView, titleOf, type DrawnItem, type Tone, type View } from '../../src/index.ts';
import { contextBlock, controlsMessage, textMessages, type SlackMessage } from './slack-blocks.ts';
import { truncate } from './slack-mrkdwn.ts';
import type { SlackClient, SlackContext, ThreadPlace } from './slack-context.ts';

const ALT_TEXT_LIMIT = 1000;
const MAX_TEXT_MESSAGES = 3;
const TONE_ICONS: Record<Tone, string> = { info: '', success: ':white_check_mark: ', warning: ':warning: ', error: ':x: ' };

type ImageItem = Extract<DrawnItem, { type: 'image' }>;

/** Posts `view` in the thread at `place`; `lead` is a mrkdwn line shown first (e.g. who answered). */
export async function postView(context: SlackContext, client: SlackClient, view: View, place: ThreadPlace, lead?: string): Promise<void> {
  const drawn = await drawView(view, context.renderer);
  for (const [index, batch] of batchImages(drawn.items).entries()) {
    const first = index === 0 ? lead : undefined;
    if (Array.isArray(batch)) await uploadImages(client, batch, place, first);
    else if (batch.type === 'text') await postText(client, `${TONE_ICONS[view.tone]}${batch.markdown}`, place, first);
    else await uploadFile(client, batch.name, batch.content, batch.description, place);
  }
  const controls = controlsMessage(view.actions);
  if (controls && view.sessionId) await postControls(context, client, view.sessionId, controls, place);
}

/** Groups consecutive images, so a problem and its hint arrive as one upload. */
function batchImages(items: readonly DrawnItem[]): (ImageItem[] | Exclude<DrawnItem, ImageItem>)[] {
  const batches: (ImageItem[] | Exclude<DrawnItem, ImageItem>)[] = [];
  for (const item of items) {
    const last = batches.at(-1);
    if (item.type !== 'image') batches.push(item);
    else if (Array.isArray(last)) last.push(item);
    else batches.push([item]);
  }
  return batches;
}

/** `view` as one Markdown text (files named, not attached), led by its tone's icon. */
export function viewMarkdown(view: View): string {
  const markdown = view.parts
    .map((part) => (part.type === 'file' ? `(${part.name})` : part.type === 'text' ? part.markdown : `**${titleOf(part)}**\n${part.markdown}`))
    .join('\n\n');
  return `${TONE_ICONS[view.tone]}${markdown}`;
}

/** Shows `view` to one user only (ephemeral), as text: ephemeral messages cannot carry uploads. */
export async function postPrivate(client: SlackClient, view: View, place: ThreadPlace, userId: string): Promise<void> {
  await postEphemeral(client, viewMarkdown(view), place, userId);
}

/** A one-person note in the thread (or channel). */
export async function postEphemeral(client: SlackClient, markdown: string, place: ThreadPlace, userId: string): Promise<void> {
  for (const message of textMessages(markdown).slice(0, MAX_TEXT_MESSAGES)) {
    await client.chat.postEphemeral({ channel: place.channelId, thread_ts: place.threadTs, user: userId, ...message });
  }
}

async function postText(client: SlackClient, markdown: string, place: ThreadPlace, lead?: string): Promise<void> {
  const messages = textMessages(markdown);
  const shown = messages.length > MAX_TEXT_MESSAGES ? messages.slice(0, 1) : messages;
  for (const [index, message] of shown.entries()) await postMessage(client, index === 0 ? withLead(message, lead) : message, place);
  if (shown.length < messages.length) await uploadFile(client, 'message.md', Buffer.from(markdown, 'utf8'), 'The whole message, too long to post', place);
}

async function postMessage(client: SlackClient, message: SlackMessage, place: ThreadPlace): Promise<string | undefined> {
  const posted = await client.chat.postMessage({ channel: place.channelId, thread_ts: place.threadTs, ...message });
  return posted.ts;
}

async function uploadImages(client: SlackClient, images: readonly ImageItem[], place: ThreadPlace, lead?: string): Promise<void> {
  await client.filesUploadV2({
    channel_id: place.channelId,
    thread_ts: place.threadTs,
    ...(lead ? { initial_comment: lead } : {}),
    file_uploads: images.map((image) => ({
      file: image.png,
      filename: image.fileName,
      title: image.title || 'Stepwise',
      alt_text: truncate(image.title ? `${image.title}: ${image.altText}` : image.altText, ALT_TEXT_LIMIT),
    })),
  });
}

async function uploadFile(client: SlackClient, name: string, content: Buffer, description: string, place: ThreadPlace): Promise<void> {
  await client.filesUploadV2({ channel_id: place.channelId, thread_ts: place.threadTs, file: content, filename: name, title: description });
}

async function postControls(context: SlackContext, client: SlackClient, sessionId: string, controls: SlackMessage, place: ThreadPlace): Promise<void> {
  const ts = await postMessage(client, controls, place);
  if (!ts) return;
  const previous = await context.threads.moveControls(sessionId, ts);
  if (!previous || previous === ts) return;
  // Only the newest buttons stay live; the old ones still work (by CAS) if a click was already on its way.
  await client.chat.delete({ channel: place.channelId, ts: previous }).catch((error: unknown) => context.logger.warn('could not remove old buttons', { sessionId, error }));
}

function withLead(message: SlackMessage, lead?: string): SlackMessage {
  return lead ? { text: message.text, blocks: [contextBlock([lead]), ...message.blocks] } : message;
}

