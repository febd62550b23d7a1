/**
 * Talking to the tutor: a message typed in a session's thread, or a direct message to the bot, goes
 * to `tutor.reply`. The engine decides what it is (an answer attempt, a question, or not for the
 * tutor); this file decides which messages reach it and draws what comes back.
 *
 * Which messages: `message` events (message.channels/groups/mpim in a thread the bot started for a
 * session, message.im in the bot's DMs). Not: the bot's own posts (bolt's ignoreSelf) or any other
 * bot's, edits, deletions, joins and other subtypes (a reply also sent to the channel, and a message
 * with a file, still count), messages outside a session's thread, and a message already handled
 * (Slack redelivers an event it thinks was missed: the same message, in HTTP and in Socket Mode).
 *
 * An instructor's message in a student's thread is answered without a progress message (their
 * reply may go past the student's gate, and then only they see it, as an ephemeral message).
 *
 * Which session a DM belongs to: the student's latest session in any channel (the one their last
 * /solve or /practice opened); every DM reply names it, with its channel and the problem, so a
 * student who meant another one knows to reply in that problem's thread instead.
 */
import type { App } from '@slack/bolt';
import type { Actor, LapsedReply, Session, View } from '../../src/index.ts';
import { actorOf, SLACK_PLATFORM } from './slack-actor.ts';
import type { PostPlace, SlackContext } from './slack-context.ts';
import { logFailure, sentenceFor } from './slack-errors.ts';
import { escapeMrkdwn, truncate, unescapeSlackText } from './slack-mrkdwn.ts';
import { deliverView, postEphemeral, postPrivate } from './thread-poster.ts';
import { postThinking, replaceWithView, dropProgress, showPartial, type PostedMessage } from './reply-poster.ts';

/** Subtypes that are still someone typing to the tutor: a thread reply also sent to the channel, a message with a file. */
const TYPED_SUBTYPES = new Set(['thread_broadcast', 'file_share']);
/** Slack redelivers within minutes (at once, after 1 and after 5); a handled message is remembered for an hour. */
const HANDLED_TTL_MS = 60 * 60_000;
const QUOTED_PROBLEM_CHARS = 120;
const NO_SESSION_DM = 'I do not know which problem you mean yet. Start one with `/solve <problem>` (or `/practice`) in a class channel, then ask me here or in its thread.';
const LOST_SESSION_DM = 'Your latest problem is no longer stored. Start it again with `/solve <problem>` in a class channel.';
const handledKey = (channelId: string, ts: string) => `slack:handled:${channelId}:${ts}`;

/** The fields of a message event this listener reads. */
interface TypedMessage {
  readonly channel: string;
  readonly channel_type?: string;
  readonly user?: string;
  readonly text?: string;
  readonly ts: string;
  readonly thread_ts?: string;
  readonly subtype?: string;
  readonly bot_id?: string;
}

/** Where a message goes: the session, the place to post the answer, and for a DM the line naming the session. */
interface Route {
  readonly sessionId: string;
  readonly place: PostPlace;
  readonly lead?: string;
  readonly isDirect: boolean;
}

/** What a reply has put up so far: the progress message, once `onStart` posted it. */
interface Shown {
  progress?: PostedMessage;
}

/** Registers the message listener. */
export function registerConversation(app: App, context: SlackContext): void {
  app.event('message', async ({ event, context: boltContext }) => {
    const message = event as unknown as TypedMessage;
    if (!isTyped(message, boltContext.botUserId)) return;
    const isDirect = message.channel_type === 'im';
    // Outside a session's thread nothing happens, not even a store write.
    if (!isDirect && !message.thread_ts) return;
    const text = textOf(message.text ?? '', boltContext.botUserId);
    context.tasks.run('message', async (signal) => {
      const shown: Shown = {};
      try {
        const route = isDirect ? await directRoute(context, message) : await threadRoute(context, message);
        if (!route) return;
        context.instructors.prefetch(message.user);
        if (!(await isFirstDelivery(context, message))) {
          context.logger.info('ignored a message already handled (a redelivered event)', { channelId: message.channel, ts: message.ts });
          return;
        }
        await answer(context, route, message.user, text, shown, signal);
      } catch (error) {
        if (shown.progress) await dropProgress(context, shown.progress);
        logFailure(context.logger, 'reply failed', error, { channelId: message.channel, ts: message.ts });
        await reportFailure(context, message, isDirect, shown.progress, error);
      }
    });
  });
}

/** Someone typing: a user's message, not a bot's, not an edit, a deletion or a join. */
function isTyped(message: TypedMessage, botUserId: string | undefined): message is TypedMessage & { user: string } {
  if (message.subtype && !TYPED_SUBTYPES.has(message.subtype)) return false;
  if (message.bot_id || !message.user || message.user === botUserId) return false;
  return Boolean(textOf(message.text ?? '', botUserId));
}

async function threadRoute(context: SlackContext, message: TypedMessage & { user: string }): Promise<Route | undefined> {
  const threadTs = message.thread_ts;
  if (!threadTs) return undefined;
  const sessionId = await context.threads.sessionAt(message.channel, threadTs);
  return sessionId ? { sessionId, place: { channelId: message.channel, threadTs }, isDirect: false } : undefined;
}

async function directRoute(context: SlackContext, message: TypedMessage & { user: string }): Promise<Route | undefined> {
  const place: PostPlace = { channelId: message.channel };
  const sessionId = await context.threads.latestSessionAnywhere(message.user);
  const session = sessionId ? await context.tutor.session(sessionId) : undefined;
  if (!sessionId || !session) {
    if (await isFirstDelivery(context, message)) await context.lanes.posts.chat.postMessage({ channel: place.channelId, text: sessionId ? LOST_SESSION_DM : NO_SESSION_DM });
    return undefined;
  }
  return { sessionId, place, lead: await directLead(context, session), isDirect: true };
}

/** "About your problem in #math: “2x + 3 = 7”", so a DM reply always says which session it is about. */
async function directLead(context: SlackContext, session: Session): Promise<string> {
  const thread = await context.threads.placeOf(session.id);
  const where = thread ? ` in <#${thread.channelId}>` : '';
  const what = session.origin ? `*${escapeMrkdwn(session.origin.problemId)}* from *${escapeMrkdwn(session.origin.setId)}*` : `“${escapeMrkdwn(truncate(session.problem.replace(/\s+/g, ' '), QUOTED_PROBLEM_CHARS))}”`;
  return `About your latest problem${where}: ${what}. (For another one, reply in its thread.)`;
}

/** True the first time this message is seen, across restarts and bot instances (the store decides). */
async function isFirstDelivery(context: SlackContext, message: TypedMessage): Promise<boolean> {
  const key = handledKey(message.channel, message.ts);
  const record = { version: 1, handledAt: new Date().toISOString() };
  if (!(await context.store.swap(key, 0, record))) return false;
  await context.store.set(key, record, HANDLED_TTL_MS);
  return true;
}

async function answer(context: SlackContext, route: Route, userId: string, text: string, shown: Shown, signal: AbortSignal): Promise<void> {
  const actor = await actorOf(context, userId);
  // An instructor's reply may hold what the student may not see yet (the engine then makes it
  // private), so in a thread it streams nowhere: it arrives whole, to them alone when private.
  const showsProgress = route.isDirect || !actor.isInstructor;
  const outcome = await context.tutor.reply(route.sessionId, actor, text, {
    signal,
    endUser: `slack:${userId}`,
    ...(showsProgress ? {
      onStart: async () => {
        const progress = await postThinking(context, route.place, route.lead);
        shown.progress = progress;
        return { channelId: progress.channelId, ts: progress.ts, ...(route.place.threadTs ? { threadTs: route.place.threadTs } : {}) };
      },
      onProgress: (markdown: string) => {
        if (shown.progress) showPartial(context, shown.progress, markdown, route.lead);
      },
    } : {}),
  });
  const { progress } = shown;
  if (outcome.kind === 'ignored') {
    if (progress) await dropProgress(context, progress);
    return;
  }
  // Buttons belong to the session's thread; a DM gets the words only.
  const view = route.isDirect ? { ...outcome.view, actions: [] } : outcome.view;
  if (view.isPrivate) {
    if (progress) {
      await dropProgress(context, progress);
      await context.lanes.posts.chat.delete({ channel: progress.channelId, ts: progress.ts }).catch((error: unknown) => context.logger.warn('could not remove a reply progress message', { error }));
    }
    await showPrivately(context, view, route, actor);
    return;
  }
  if (progress) await replaceWithView(context, view, progress, route.place, route.lead);
  else await deliverView(context, view, route.place, route.lead);
}

async function showPrivately(context: SlackContext, view: View, route: Route, actor: Actor): Promise<void> {
  if (route.place.threadTs) await postPrivate(context.lanes.posts, view, { channelId: route.place.channelId, threadTs: route.place.threadTs }, actor.userId);
  else await deliverView(context, view, route.place, route.lead); // a DM is private already
}

/** Tells the writer what went wrong, in the thread (to them only) or in the DM; the progress message, if any, says it. */
async function reportFailure(context: SlackContext, message: TypedMessage, isDirect: boolean, progress: PostedMessage | undefined, error: unknown): Promise<void> {
  const sentence = sentenceFor(error);
  try {
    if (progress) await context.lanes.posts.chat.update({ channel: progress.channelId, ts: progress.ts, text: `:warning: ${escapeMrkdwn(sentence)}` });
    else if (isDirect || !message.thread_ts) await context.lanes.posts.chat.postMessage({ channel: message.channel, text: `:warning: ${escapeMrkdwn(sentence)}` });
    else if (message.user) await postEphemeral(context.lanes.posts, sentence, { channelId: message.channel, threadTs: message.thread_ts }, message.user);
  } catch (failure) {
    context.logger.warn('could not report a failed reply', { error: failure });
  }
}

/**
 * At start-up: replies whose process died mid-stream. The engine has their final view; the
 * progress message at each place is replaced by it, not posted again.
 */
export async function sweepLapsedReplies(context: SlackContext): Promise<number> {
  let replaced = 0;
  let lapsed: LapsedReply[];
  try {
    lapsed = await context.tutor.sweepLapsedReplies(SLACK_PLATFORM);
  } catch (error) {
    context.logger.error('could not sweep lapsed replies', { error });
    return 0;
  }
  for (const { session, place, view } of lapsed) {
    const { channelId, ts, threadTs } = place;
    if (!channelId || !ts) continue;
    try {
      const isDirect = !threadTs;
      const lead = isDirect ? await directLead(context, session) : undefined;
      await replaceWithView(context, isDirect ? { ...view, actions: [] } : view, { channelId, ts }, { channelId, ...(threadTs ? { threadTs } : {}) }, lead);
      replaced++;
    } catch (error) {
      context.logger.warn('could not replace a lapsed reply in Slack', { sessionId: session.id, error });
    }
  }
  return replaced;
}

/** What the student typed, as plain text: the bot's mention dropped, links and mentions shown as their labels, Slack's escaping undone. */
function textOf(text: string, botUserId: string | undefined): string {
  const withoutBot = botUserId ? text.replaceAll(`<@${botUserId}>`, '') : text;
  return unescapeSlackText(withoutBot.replace(/<([^<>|]+)\|([^<>]+)>/g, '$2').replace(/<([^<>]+)>/g, '$1')).trim();
}
