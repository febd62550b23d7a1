/** What every Slack listener is given: the engine, the renderer, and the adapter's own helpers. */
import type { webApi } from '@slack/bolt';
import type { Classroom, Logger, Store, Tutor } from '../../src/index.ts';
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

/** The store the adapter keeps its thread records in. */
export type RecordStore = Pick<Store, 'get' | 'set'>;
