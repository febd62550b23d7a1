/**
 * The tutor's replies in a thread or DM: a progress message while the model answers, edited with the
 * guarded text so far at the shared pace, then replaced by the final view. Text without math is
 * edited into the same message (the session's buttons then move below it); a view with math (drawn
 * as a card) is posted and the progress message removed, so either way the conversation shows one
 * reply, never two.
 */
import { drawView, type View } from '../../src/index.ts';
import { contextBlock, textMessages, type SlackMessage } from './slack-blocks.ts';
import type { PostPlace, SlackContext } from './slack-context.ts';
import { readableTex } from './slack-mrkdwn.ts';
import { deliverView, postViewControls, viewMarkdown } from './thread-poster.ts';

/** The progress message's first words. */
export const THINKING_TEXT = 'Thinking about your question…';
/** How much of a streamed reply a progress edit shows (the final view has it all). */
const PROGRESS_CHARS = 2500;

/** A message the bot posted that a reply will replace: its channel and ts. */
export interface PostedMessage {
  /** Channel (or DM) id. */
  readonly channelId: string;
  /** The message's ts. */
  readonly ts: string;
}

/** Posts the progress message at `place` (with `lead` above it, e.g. which problem a DM is about); resolves to where it is. */
export async function postThinking(context: SlackContext, place: PostPlace, lead?: string): Promise<PostedMessage> {
  const posted = await context.lanes.posts.chat.postMessage({ channel: place.channelId, ...(place.threadTs ? { thread_ts: place.threadTs } : {}), ...withLead(thinking(), lead) });
  if (!posted.ts) throw new Error('chat.postMessage returned no ts');
  return { channelId: place.channelId, ts: posted.ts };
}

/** Queues an edit of `message` to the guarded reply so far (the progress editor sends one per interval across all work). */
export function showPartial(context: SlackContext, message: PostedMessage, markdown: string, lead?: string): void {
  const text = `${readableTex(markdown.slice(0, PROGRESS_CHARS))} …`;
  const [first] = textMessages(text);
  if (!first) return;
  context.progress.push(progressKey(message), async () => {
    await context.lanes.progress.chat.update({ channel: message.channelId, ts: message.ts, ...withLead(first, lead) });
  });
}

/** Replaces the progress `message` with `view` at `place`; waits for any edit already on its way first. */
export async function replaceWithView(context: SlackContext, view: View, message: PostedMessage, place: PostPlace, lead?: string): Promise<void> {
  await context.progress.finish(progressKey(message));
  const drawn = await drawView(view, context.renderer);
  if (drawn.items.every((item) => item.type === 'text') && !view.delivery) {
    const [first, ...rest] = textMessages(viewMarkdown(view));
    if (first) await context.lanes.posts.chat.update({ channel: message.channelId, ts: message.ts, ...withLead(first, lead) });
    for (const more of rest) await context.lanes.posts.chat.postMessage({ channel: place.channelId, ...(place.threadTs ? { thread_ts: place.threadTs } : {}), ...more });
    await postViewControls(context, view, place);
    return;
  }
  await deliverView(context, view, place, lead);
  // Only once the reply is up: the conversation never shows nothing where the progress was.
  await context.lanes.posts.chat.delete({ channel: message.channelId, ts: message.ts }).catch((error: unknown) => context.logger.warn('could not remove a reply progress message', { error }));
}

/** Stops `message`'s pending progress edits (a reply that ended without a view to show). */
export async function dropProgress(context: SlackContext, message: PostedMessage): Promise<void> {
  await context.progress.finish(progressKey(message));
}

function progressKey(message: PostedMessage): string {
  return `reply:${message.channelId}:${message.ts}`;
}

function thinking(): SlackMessage {
  return { text: THINKING_TEXT, blocks: [contextBlock([`:thought_balloon: ${THINKING_TEXT}`])] };
}

function withLead(message: SlackMessage, lead?: string): SlackMessage {
  return lead ? { text: message.text, blocks: [contextBlock([lead]), ...message.blocks] } : message;
}
