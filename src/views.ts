/** Platform-neutral replies: what to show and which buttons to offer. Adapters draw them. */
import type { RungKind } from './hints/hint-ladder.ts';

/** One piece of a reply, in display order. */
export type ViewPart =
  /** The problem statement, drawn as an image card on chat surfaces. */
  | { readonly type: 'problem'; readonly markdown: string }
  /** A rung; `index` is 1-based, `total` counts the hints the student can open (capped by maxHints), not the answer. */
  | { readonly type: 'hint'; readonly kind: RungKind; readonly index: number; readonly total: number; readonly markdown: string }
  /** Plain message text (Markdown + TeX): notices, verdicts, explanations. */
  | { readonly type: 'text'; readonly markdown: string }
  /** A file to attach, e.g. the reasoning as Markdown. */
  | { readonly type: 'file'; readonly name: string; readonly mediaType: string; readonly content: string; readonly description: string };

/** What a button does. */
export type ActionKind = 'next-hint' | 'check-answer' | 'show-reasoning' | 'reveal-answer' | 'retry';

/** A button or command offered with a view. */
export interface Action {
  /** What it does. */
  readonly kind: ActionKind;
  /** Opaque id to send back: carries the session and, for next-hint, the rung the user saw. */
  readonly id: string;
  /** Button label, e.g. "Next hint (2/5)". */
  readonly label: string;
  /** Whether the policy and the session's state allow it now. */
  readonly enabled: boolean;
  /** When disabled, the sentence saying why (and when it opens). */
  readonly reason?: string;
}

/** How the reply should feel. */
export type Tone = 'info' | 'success' | 'warning' | 'error';

/** A reply from a use case. */
export interface View {
  /** The session it is about, when there is one. */
  readonly sessionId?: string;
  /** Success for a correct answer, warning for a refusal, error for a failure. */
  readonly tone: Tone;
  /** What to show, in order. */
  readonly parts: readonly ViewPart[];
  /** Buttons to offer (may be empty). */
  readonly actions: readonly Action[];
  /** Shown only to the person who acted (ephemeral), when the surface can. */
  readonly isPrivate: boolean;
  /**
   * Present when the view hands out a hint rung: the adapter reports the post's outcome with
   * `Tutor.delivered` / `Tutor.deliveryFailed` (or posts through `Tutor.deliver`, which does both).
   */
  readonly delivery?: Delivery;
}

/** Which rung of which session a view delivers; echoed back to the tutor once the post succeeded or failed. */
export interface Delivery {
  /** The session. */
  readonly sessionId: string;
  /** The rung, 1-based. */
  readonly rung: number;
}

const ACTION_PREFIX = 'sw';

/** The parsed form of an action id. */
export interface ActionRequest {
  /** What to do. */
  readonly kind: ActionKind;
  /** Which session. */
  readonly sessionId: string;
  /** For next-hint: how many rungs the user had seen when they clicked. */
  readonly seen?: number;
}

const KIND_CODES: Record<ActionKind, string> = {
  'next-hint': 'next',
  'check-answer': 'check',
  'show-reasoning': 'reason',
  'reveal-answer': 'reveal',
  retry: 'retry',
};

/** Builds the id a button carries, e.g. `sw:next:k3v9x2m1qa:2` (well under Discord's 100 chars). */
export function actionId(kind: ActionKind, sessionId: string, seen?: number): string {
  return [ACTION_PREFIX, KIND_CODES[kind], sessionId, ...(seen === undefined ? [] : [String(seen)])].join(':');
}

/** Reads an action id back; undefined for ids that are not ours or are malformed. */
export function parseActionId(id: string): ActionRequest | undefined {
  const [prefix, code, sessionId, seen] = id.split(':');
  if (prefix !== ACTION_PREFIX || !sessionId || !/^[a-z0-9]{4,32}$/.test(sessionId)) return undefined;
  const kind = (Object.keys(KIND_CODES) as ActionKind[]).find((candidate) => KIND_CODES[candidate] === code);
  if (!kind) return undefined;
  if (seen === undefined) return { kind, sessionId };
  if (!/^\d{1,3}$/.test(seen)) return undefined;
  return { kind, sessionId, seen: Number(seen) };
}

/** A view with only a message. */
export function messageView(markdown: string, tone: Tone = 'info', isPrivate = false, sessionId?: string): View {
  return { sessionId, tone, parts: [{ type: 'text', markdown }], actions: [], isPrivate };
}
