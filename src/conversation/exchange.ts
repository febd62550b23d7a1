/** What a session keeps of its conversation: each question, the reply shown, and what the leak guard held back. */
import type { Usage } from '../model/reasoning-model.ts';
import type { SolveLease } from '../solve-lease.ts';

/** A draft reply the leak guard refused to show. */
export interface WithheldDraft {
  /** The draft as the model wrote it (never shown to the student). */
  readonly text: string;
  /** The value in it that matched the answer or the withheld step's result. */
  readonly matched: string;
  /** How the draft stated it (`result`, `boxed`, `quantity`, ...). */
  readonly as: string;
}

/** How the reply that was shown came about. */
export type ExchangeOutcome =
  /** The model's first draft passed the guard (or the answer was already allowed). */
  | 'answered'
  /** The first draft leaked; the firmer second one passed. */
  | 'regenerated'
  /** Both drafts leaked: the student got the next nudge or "Try the next step first". */
  | 'replaced'
  /** The model failed; the student got an apology. */
  | 'failed';

/** One question and the tutor's reply. */
export interface Exchange {
  /** Who asked: the session's student or an instructor. */
  readonly by: { readonly platform: string; readonly userId: string; readonly name?: string; readonly isInstructor?: boolean };
  /** The question as typed (cut when very long). */
  readonly question: string;
  /** The reply the student saw. */
  readonly reply: string;
  /** How the reply came about. */
  readonly outcome: ExchangeOutcome;
  /** Drafts the leak guard refused, in order. */
  readonly withheld: readonly WithheldDraft[];
  /** Whether the policy allowed the answer when the reply was written (the guard was off). */
  readonly answerAllowed: boolean;
  /** The reply model asked for. */
  readonly model: string;
  /** Tokens (and cost) the reply paid for, every draft included. */
  readonly usage?: Usage;
  /** The version (content hash) of prompts/reply.md the reply was written with. */
  readonly promptVersion: string;
  /** ISO time the question came. */
  readonly askedAt: string;
  /** ISO time the reply was ready. */
  readonly repliedAt: string;
}

/** A reply under way: enough to redo it after a restart and edit the progress message in place. */
export interface PendingReply {
  /** Unique per question. */
  readonly id: string;
  /** Who asked. */
  readonly by: Exchange['by'];
  /** The question. */
  readonly question: string;
  /** ISO time it was asked. */
  readonly askedAt: string;
  /** Where the adapter's progress message is (from ReplyHooks.onStart), once posted. */
  readonly place?: Readonly<Record<string, string>>;
  /** Held by the process writing the reply. */
  readonly lease: SolveLease;
}
