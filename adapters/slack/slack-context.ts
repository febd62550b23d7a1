/** What every Slack listener is given: the engine, the renderer, and the adapter's own helpers. */
import type { webApi } from '@slack/bolt';
import type { Classroom, Inspector, Logger, Store, Tutor } from '../../src/index.ts';
import type { MathRenderer } from '../../src/math/index.ts';
import type { BackgroundTasks } from './background-tasks.ts';
import type { InstructorDirectory } from './instructor-directory.ts';
import type { ProgressEditor } from './progress-editor.ts';
import type { SlackFileDownloader } from './slack-file-downloader.ts';
import type { ThreadRecords } from './thread-records.ts';

/** Shared dependencies of the Slack listeners. */
export interface SlackContext {
  /** The tutoring use cases. */
  readonly tutor: Tutor;
  /** Problem sets, practice, reports and the workspace's defaults. */
  readonly classroom: Classroom;
  /** How a ladder came to be (instructors only). */
  readonly inspector: Inspector;
  /** Fetches files users attach (problem-set uploads) with the bot token. */
  readonly downloads: SlackFileDownloader;
  /** Draws problems and hints as images. */
  readonly renderer: MathRenderer;
  /** The operator's log. */
  readonly logger: Logger;
  /** Who counts as an instructor. */
  readonly instructors: InstructorDirectory;
  /** Which Slack thread belongs to which session. */
  readonly threads: ThreadRecords;
  /** Slow work started after an ack, drained on shutdown. */
  readonly tasks: BackgroundTasks;
  /** Paces the "R1 is thinking" edits of all running solves. */
  readonly progress: ProgressEditor;
  /** The engine's store, for the adapter's own small records (upload state, notes shown). */
  readonly store: RecordStore;
  /** One Web API client per kind of traffic, so a 429 on one never holds up another. */
  readonly lanes: SlackLanes;
}

/**
 * Web API clients by lane. @slack/web-api pauses a client's whole request queue for the
 * Retry-After of any 429, so background traffic gets clients of its own and can never delay a
 * call that races a deadline (views.open with a 3-second trigger, replies to a click).
 */
export interface SlackLanes {
  /** Deadline-bound calls: views.open, ephemeral replies to a click or command (bolt's own client). */
  readonly interactive: SlackClient;
  /** Thread and DM posts and file uploads. */
  readonly posts: SlackClient;
  /** The paced "R1 is thinking" and warm-progress edits (chat.update, Tier 3). */
  readonly progress: SlackClient;
  /** Instructor lookups (users.info, users.list, usergroups.users.list), cached and prefetched. */
  readonly lookups: SlackClient;
}

/** The Web API client bolt hands each listener. */
export type SlackClient = webApi.WebClient;

/** Where a session's thread lives. */
export interface ThreadPlace {
  /** Channel id. */
  readonly channelId: string;
  /** The parent message's ts (the thread's id). */
  readonly threadTs: string;
}

/** Where a post goes: a session's thread, or the top of a conversation (a DM) when `threadTs` is absent. */
export interface PostPlace {
  /** Channel (or DM) id. */
  readonly channelId: string;
  /** The thread's parent ts, if the post goes into a thread. */
  readonly threadTs?: string;
}

/** The store the adapter keeps its thread records in. */
export type RecordStore = Pick<Store, 'get' | 'set' | 'swap'>;
