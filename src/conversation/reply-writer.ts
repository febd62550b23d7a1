/**
 * Writes one guarded reply: the reply model streams it, only text that passed the leak guard is
 * shown as it comes, and a draft that gives the answer away is never shown: it is written again
 * once with a firmer instruction, and otherwise replaced by a nudge the student may see.
 */
import { ModelError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { ReasoningModel, SolveRequest, Usage } from '../model/reasoning-model.ts';
import { addUsage } from '../model/usage.ts';
import type { Session } from '../session.ts';
import type { ExchangeOutcome, WithheldDraft } from './exchange.ts';
import { createStreamGuard, findReplyLeak, loadReplyGuard, type ReplyGuard } from './reply-guard.ts';
import type { ReplyPrompt } from './reply-prompt.ts';

/** Output tokens a reply may use: a few short sentences. */
const REPLY_MAX_TOKENS = 400;

/** What writing a reply needs. */
export interface ReplyWriterDependencies {
  /** The reply model (thinking off where the host allows). */
  readonly model: ReasoningModel;
  /** prompts/reply.md. */
  readonly prompt: ReplyPrompt;
  /** Longest reply shown, in characters. */
  readonly maxChars: number;
  /** The operator's log. */
  readonly logger: Logger;
}

/** One reply to write. */
export interface ReplyRequest {
  /** The session as it stands (problem, rungs opened, attempts, earlier exchanges). */
  readonly session: Session;
  /** What the student typed. */
  readonly question: string;
  /** Whether the answer may be stated (the policy allows it, or an instructor asks): then no guard. */
  readonly isAnswerAllowed: boolean;
  /** What the reply must not state. */
  readonly guard: ReplyGuard;
  /** Shown instead when both drafts leak. */
  readonly fallback: string;
  /** Guarded text so far. */
  readonly onProgress?: (markdown: string) => void;
  readonly signal?: AbortSignal;
  readonly endUser?: string;
}

/** The reply to show and how it came about. */
export interface WrittenReply {
  readonly text: string;
  readonly outcome: ExchangeOutcome;
  readonly withheld: readonly WithheldDraft[];
  readonly usage?: Usage;
}

/** Writes the reply; throws ModelError when the model fails. */
export async function writeReply(deps: ReplyWriterDependencies, request: ReplyRequest): Promise<WrittenReply> {
  const withheld: WithheldDraft[] = [];
  let usage: Usage | undefined;
  await loadReplyGuard();
  for (const isFirm of [false, true]) {
    const draft = await streamDraft(deps, request, isFirm);
    usage = draft.usage ? addUsage(usage, draft.usage) : usage;
    const text = shorten(draft.text.trim(), deps.maxChars);
    if (!text) throw new ModelError('The reply model returned an empty reply', 'The tutor had nothing to say just now. Please ask again.', true);
    const leak = request.isAnswerAllowed ? undefined : findReplyLeak(text, request.guard);
    if (!leak) return { text, outcome: isFirm ? 'regenerated' : 'answered', withheld, usage };
    withheld.push({ text: draft.text, matched: leak.value, as: leak.as });
    deps.logger.info('the leak guard withheld a reply', { sessionId: request.session.id, matched: leak.value, as: leak.as, isFirm });
  }
  return { text: request.fallback, outcome: 'replaced', withheld, usage };
}

async function streamDraft(deps: ReplyWriterDependencies, request: ReplyRequest, isFirm: boolean): Promise<{ text: string; usage?: Usage }> {
  const system = deps.prompt.render(request.session, { isAnswerAllowed: request.isAnswerAllowed, isFirm, maxChars: deps.maxChars });
  const solveRequest: SolveRequest = { system, prompt: request.question, endUser: request.endUser, maxTokens: REPLY_MAX_TOKENS };
  let text = '';
  let shown = '';
  let usage: Usage | undefined;
  let stream = createStreamGuard(request.guard);
  for await (const event of deps.model.solve(solveRequest, request.signal)) {
    if (event.type === 'answer') {
      text += event.text;
      const safe = request.isAnswerAllowed ? text : stream.push(text);
      const capped = shorten(safe, deps.maxChars);
      if (capped.length > shown.length && capped.startsWith(shown)) {
        shown = capped;
        request.onProgress?.(shown);
      }
    } else if (event.type === 'usage') {
      usage = event.usage;
    } else if (event.type === 'restart') {
      text = '';
      stream = createStreamGuard(request.guard);
    }
  }
  return { text, usage };
}

/** `text` cut to `maxChars` at the last sentence end before it (or the last space), marked with an ellipsis. */
export function shorten(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const head = text.slice(0, maxChars - 1);
  const sentenceEnd = Math.max(head.lastIndexOf('. '), head.lastIndexOf('? '), head.lastIndexOf('! '), head.lastIndexOf('\n'));
  if (sentenceEnd > maxChars / 2) return head.slice(0, sentenceEnd + 1).trimEnd();
  const space = head.lastIndexOf(' ');
  return `${head.slice(0, space > maxChars / 2 ? space : head.length).trimEnd()}…`;
}
