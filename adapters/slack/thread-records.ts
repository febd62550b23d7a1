/** The adapter's own records: each session's thread (both ways), its live buttons, and each user's latest session per channel. */
import type { RecordStore, ThreadPlace } from './slack-context.ts';

/** What is remembered about a session's thread. */
interface ThreadRecord extends ThreadPlace {
  /** The message holding the session's current buttons, if any. */
  readonly controlsTs?: string;
}

/** Reads and writes the Slack-side facts the engine does not keep. */
export interface ThreadRecords {
  /** Records the thread of a new session and makes it `userId`'s latest in that channel. */
  remember(sessionId: string, userId: string, place: ThreadPlace): Promise<void>;
  /** The thread of a session, if it was started in Slack. */
  placeOf(sessionId: string): Promise<ThreadPlace | undefined>;
  /** The session whose thread is `threadTs` in `channelId` (its parent message's ts), if any. */
  sessionAt(channelId: string, threadTs: string): Promise<string | undefined>;
  /** The id of `userId`'s most recent session in `channelId`. */
  latestSession(channelId: string, userId: string): Promise<string | undefined>;
  /** The id of `userId`'s most recent session in any channel (for a DM to the bot). */
  latestSessionAnywhere(userId: string): Promise<string | undefined>;
  /** Records the message now holding the buttons; resolves to the one that held them before. */
  moveControls(sessionId: string, controlsTs: string): Promise<string | undefined>;
}

const threadKey = (sessionId: string) => `slack:thread:${sessionId}`;
const latestKey = (channelId: string, userId: string) => `slack:latest:${channelId}:${userId}`;
const latestAnywhereKey = (userId: string) => `slack:latest-anywhere:${userId}`;
const sessionAtKey = (channelId: string, threadTs: string) => `slack:session-at:${channelId}:${threadTs}`;

/** Thread records kept in the engine's store, so they survive a restart. */
export function createThreadRecords(store: RecordStore): ThreadRecords {
  return {
    async remember(sessionId, userId, place) {
      await store.set<ThreadRecord>(threadKey(sessionId), { channelId: place.channelId, threadTs: place.threadTs });
      await store.set(sessionAtKey(place.channelId, place.threadTs), sessionId);
      await store.set(latestKey(place.channelId, userId), sessionId);
      await store.set(latestAnywhereKey(userId), sessionId);
    },
    async placeOf(sessionId) {
      const record = await store.get<ThreadRecord>(threadKey(sessionId));
      return record && { channelId: record.channelId, threadTs: record.threadTs };
    },
    sessionAt: (channelId, threadTs) => store.get<string>(sessionAtKey(channelId, threadTs)),
    latestSession: (channelId, userId) => store.get<string>(latestKey(channelId, userId)),
    latestSessionAnywhere: (userId) => store.get<string>(latestAnywhereKey(userId)),
    async moveControls(sessionId, controlsTs) {
      const record = await store.get<ThreadRecord>(threadKey(sessionId));
      if (!record) return undefined;
      await store.set<ThreadRecord>(threadKey(sessionId), { ...record, controlsTs });
      return record.controlsTs;
    },
  };
}
