/**
 * Draws a View into a session's Slack thread: images uploaded (v2 flow), text as blocks, then the
 * buttons. When uploads fail or the workspace has them disabled, the same rungs go out as Block Kit
 * text (TeX kept readable) with the same buttons, and the thread is told once why.
 */
import { drawView, titleOf, UserFacingError, type DrawnItem, type Tone, type View, type ViewPart } from '../../src/index.ts';
import { contextBlock, controlsMessage, textMessages, type SlackMessage } from './slack-blocks.ts';
import { ALT_TXT_LIMIT, uploadFiles } from './file-upload.ts';
import { slackErrorCode, withoutInternalAddresses } from './slack-errors.ts';
import { readableTex, truncate } from './slack-mrkdwn.ts';
import type { PostPlace, SlackClient, SlackContext, ThreadPlace } from './slack-context.ts';

const MAX_TEXT_MESSAGES = 3;
const TONE_ICONS: Record<Tone, string> = { info: '', success: ':white_check_mark: ', warning: ':warning: ', error: ':x: ' };
/** Slack's answer when a workspace admin has turned file uploads off. */
const UPLOADS_DISABLED = 'file_uploads_disabled';
const UPLOADS_OFF_KEY = 'slack:uploads-off';
/** How long to skip uploads after `file_uploads_disabled` before trying again (an admin may turn them back on). */
const UPLOADS_OFF_MS = 60 * 60_000;
const noteKey = (place: PostPlace) => `slack:images-note:${place.channelId}:${place.threadTs ?? 'top'}`;
const IMAGES_OFF_NOTE = ':information_source: Images are off in this workspace, so the problem and hints come as text (formulas in `code`).';
const IMAGES_FAILED_NOTE = ':information_source: Slack would not take the images just now, so this comes as text (formulas in `code`).';

type ImageItem = Extract<DrawnItem, { type: 'image' }>;
/** A drawn image with the part it was drawn from (for the text fallback). */
interface DrawnImage {
  readonly image: ImageItem;
  readonly part: ViewPart | undefined;
}
type Batch = { readonly type: 'images'; readonly images: DrawnImage[] } | Exclude<DrawnItem, ImageItem>;

/**
 * Posts an engine view in the thread with the engine's delivery check: a rung counts as seen only
 * once its post went through; when it fails the rung is rolled back, so the student's next click
 * (the buttons already in the thread stay live) delivers it again, and they are told so.
 *
 * The rung is confirmed (tutor.delivered) when its content is in the thread and before the new
 * buttons go up, so a quick click on those buttons never races the confirmation.
 */
export async function deliverView(context: SlackContext, view: View, place: PostPlace, lead?: string): Promise<void> {
  const { delivery } = view;
  if (!delivery) return postView(context, view, place, lead);
  let isConfirmed = false;
  const confirm = async () => {
    await context.tutor.delivered(delivery.sessionId, delivery.rung);
    isConfirmed = true;
  };
  try {
    await postView(context, view, place, lead, confirm);
  } catch (error) {
    if (isConfirmed) throw error; // the hint is in the thread; only its new buttons are missing, and the old ones still work
    await context.tutor.deliveryFailed(delivery.sessionId, delivery.rung).catch((failure: unknown) => context.logger.error('could not roll back an undelivered hint', { error: failure }));
    context.logger.error('could not post a hint; it was rolled back for the next click', { sessionId: delivery.sessionId, rung: delivery.rung, slackError: slackErrorCode(error), error });
    throw new UserFacingError(`Hint ${delivery.rung} could not be posted just now. Click *Next hint* (or *Retry*) again to get it.`, { cause: error });
  }
}

/**
 * Posts `view` in the thread at `place` (posts lane); `lead` is a mrkdwn line shown first (e.g. who
 * answered); `onContentPosted` runs once everything but the buttons is in the thread. Buttons go
 * only into a session's thread (where the thread records track the live ones).
 */
export async function postView(context: SlackContext, view: View, place: PostPlace, lead?: string, onContentPosted?: () => Promise<void>): Promise<void> {
  const client = context.lanes.posts;
  const drawn = await drawView(view, context.renderer);
  for (const [index, batch] of batchImages(drawn.items, view.parts).entries()) {
    const first = index === 0 ? lead : undefined;
    if (batch.type === 'images') await postImages(context, batch.images, view.tone, place, first);
    else if (batch.type === 'text') await postText(client, `${TONE_ICONS[view.tone]}${forStudents(view, batch.markdown)}`, place, first);
    else await postFile(context, batch, place);
  }
  await onContentPosted?.();
  await postViewControls(context, view, place);
}

/** Posts `view`'s buttons in the session's thread (they replace the ones before); a DM gets none. */
export async function postViewControls(context: SlackContext, view: View, place: PostPlace): Promise<void> {
  const controls = controlsMessage(view.actions);
  if (controls && view.sessionId && place.threadTs) await postControls(context, context.lanes.posts, view.sessionId, controls, { channelId: place.channelId, threadTs: place.threadTs });
}

/** Groups consecutive images, so a problem and its hint arrive as one upload. Items match the view's parts one to one. */
function batchImages(items: readonly DrawnItem[], parts: readonly ViewPart[]): Batch[] {
  const batches: Batch[] = [];
  items.forEach((item, index) => {
    const last = batches.at(-1);
    if (item.type !== 'image') batches.push(item);
    else if (last?.type === 'images') last.images.push({ image: item, part: parts[index] });
    else batches.push({ type: 'images', images: [{ image: item, part: parts[index] }] });
  });
  return batches;
}

async function postImages(context: SlackContext, images: readonly DrawnImage[], tone: Tone, place: PostPlace, lead?: string): Promise<void> {
  const client = context.lanes.posts;
  let note = IMAGES_OFF_NOTE;
  if (!(await context.store.get<boolean>(UPLOADS_OFF_KEY))) {
    try {
      await uploadFiles(client, images.map(({ image }) => ({
        fileName: image.fileName,
        content: image.png,
        title: image.title || 'Stepwise',
        altText: truncate(image.title ? `${image.title}: ${image.altText}` : image.altText, ALT_TXT_LIMIT),
      })), { channelId: place.channelId, ...(place.threadTs ? { threadTs: place.threadTs } : {}), ...(lead ? { initialComment: lead } : {}) });
      return;
    } catch (error) {
      const isDisabled = slackErrorCode(error) === UPLOADS_DISABLED;
      context.logger.warn('could not upload images; posting them as text', { slackError: slackErrorCode(error), error });
      if (isDisabled) await context.store.set(UPLOADS_OFF_KEY, true, UPLOADS_OFF_MS);
      else note = IMAGES_FAILED_NOTE;
    }
  }
  const isFirstNote = note !== IMAGES_OFF_NOTE || !(await context.store.get<boolean>(noteKey(place)));
  const markdown = images.map(({ image, part }) => imageAsMarkdown(image, part)).join('\n\n');
  await postText(client, `${TONE_ICONS[tone]}${markdown}`, place, lead);
  if (isFirstNote) {
    await client.chat.postMessage({ channel: place.channelId, thread_ts: place.threadTs, text: note, blocks: [contextBlock([note])] });
    if (note === IMAGES_OFF_NOTE) await context.store.set(noteKey(place), true, UPLOADS_OFF_MS * 24);
  }
}

/** What an image showed, as Markdown: its heading and its text with the TeX kept readable. */
function imageAsMarkdown(image: ImageItem, part: ViewPart | undefined): string {
  const source = part && 'markdown' in part ? part.markdown : image.altText;
  const body = readableTex(source);
  return image.title ? `**${image.title}**\n${body}` : body;
}

/** `view` as one Markdown text (files named, not attached), led by its tone's icon. */
export function viewMarkdown(view: View): string {
  const markdown = view.parts
    .map((part) => (part.type === 'file' ? `(${part.name})` : part.type === 'text' ? readableTex(part.markdown) : `**${titleOf(part)}**\n${readableTex(part.markdown)}`))
    .join('\n\n');
  return `${TONE_ICONS[view.tone]}${forStudents(view, markdown)}`;
}

/** Failure notices are the engine's words for the operator too: addresses (e.g. the model server's host:port) are cut. */
function forStudents(view: View, markdown: string): string {
  return view.tone === 'error' || view.tone === 'warning' ? withoutInternalAddresses(markdown) : markdown;
}

/** Shows `view` to one user only (ephemeral), as text: ephemeral messages cannot carry uploads. */
export async function postPrivate(client: SlackClient, view: View, place: ThreadPlace, userId: string, extra: SlackMessage['blocks'] = []): Promise<void> {
  const messages = textMessages(viewMarkdown(view)).slice(0, MAX_TEXT_MESSAGES);
  for (const [index, message] of messages.entries()) {
    const isLast = index === messages.length - 1;
    await client.chat.postEphemeral({ channel: place.channelId, thread_ts: place.threadTs, user: userId, ...(isLast ? { text: message.text, blocks: [...message.blocks, ...extra] } : message) });
  }
}

/** A one-person note in the thread (or channel). */
export async function postEphemeral(client: SlackClient, markdown: string, place: ThreadPlace, userId: string): Promise<void> {
  for (const message of textMessages(markdown).slice(0, MAX_TEXT_MESSAGES)) {
    await client.chat.postEphemeral({ channel: place.channelId, thread_ts: place.threadTs, user: userId, ...message });
  }
}

async function postText(client: SlackClient, markdown: string, place: PostPlace, lead?: string): Promise<void> {
  const messages = textMessages(markdown);
  const shown = messages.length > MAX_TEXT_MESSAGES ? messages.slice(0, 1) : messages;
  for (const [index, message] of shown.entries()) await postMessage(client, index === 0 ? withLead(message, lead) : message, place);
  if (shown.length < messages.length) {
    await uploadFiles(client, [{ fileName: 'message.md', content: Buffer.from(markdown, 'utf8'), title: 'The whole message, too long to post' }], place)
      .catch(() => postMessage(client, textMessages('(The rest of this message is too long to post here.)')[0]!, place));
  }
}

async function postFile(context: SlackContext, file: Extract<DrawnItem, { type: 'file' }>, place: PostPlace): Promise<void> {
  const client = context.lanes.posts;
  try {
    if (await context.store.get<boolean>(UPLOADS_OFF_KEY)) throw new Error(UPLOADS_DISABLED);
    await uploadFiles(client, [{ fileName: file.name, content: file.content, title: file.description }], place);
  } catch (error) {
    if (slackErrorCode(error) === UPLOADS_DISABLED) await context.store.set(UPLOADS_OFF_KEY, true, UPLOADS_OFF_MS);
    context.logger.warn('could not attach a file', { name: file.name, slackError: slackErrorCode(error), error });
    const [message] = textMessages(`(${file.name} could not be attached: file uploads are off or failed in this workspace.)`);
    if (message) await postMessage(client, message, place);
  }
}

async function postMessage(client: SlackClient, message: SlackMessage, place: PostPlace): Promise<string | undefined> {
  const posted = await client.chat.postMessage({ channel: place.channelId, thread_ts: place.threadTs, ...message });
  return posted.ts;
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
