/** Opens the thread a session lives in, and remembers which session each thread belongs to. */
import { Routes, ThreadAutoArchiveDuration, type APIThreadChannel } from 'discord.js';
import type { Store } from '../../src/index.ts';
import type { DiscordContext } from './discord-context.ts';
import { truncateText } from './text-limits.ts';

const MAX_THREAD_NAME_CHARS = 100;
const threadKey = (threadId: string) => `discord:thread:${threadId}`;

interface ThreadRecord {
  readonly sessionId: string;
}

/** The thread's name: the problem's first line, shortened to Discord's 100 characters. */
export function threadNameOf(problem: string): string {
  return truncateText(problem.replace(/\s+/g, ' ').trim(), MAX_THREAD_NAME_CHARS) || 'Problem';
}

/** Starts a thread from `messageId` for the session; undefined when Discord refuses (e.g. already in a thread). */
export async function openThread(context: DiscordContext, channelId: string, messageId: string, problem: string, sessionId: string): Promise<string | undefined> {
  let thread: APIThreadChannel;
  try {
    thread = (await context.rest.post(Routes.threads(channelId, messageId), {
      body: { name: threadNameOf(problem), auto_archive_duration: ThreadAutoArchiveDuration.OneDay },
    })) as APIThreadChannel;
  } catch (error) {
    context.logger.warn('could not start a thread; posting in the channel', { sessionId, channelId, error });
    return undefined;
  }
  await context.store.set<ThreadRecord>(threadKey(thread.id), { sessionId });
  return thread.id;
}

/** The session whose thread this is, if any. */
export async function sessionOfThread(store: Store, threadId: string): Promise<string | undefined> {
  return (await store.get<ThreadRecord>(threadKey(threadId)))?.sessionId;
}
