/** The tutoring use cases: open and solve a problem, climb the ladder, check, reveal. */
import { randomBytes } from 'node:crypto';
import { ModelError, UserFacingError, userMessageOf } from './errors.ts';
import type { AnswerChecker, AnswerOptions } from './answer-checker.ts';
import { MAX_ANSWER_CHARS } from './answers/answer-limits.ts';
import { orderFromProblem } from './answers/problem-order.ts';
import { LadderProvider, type SolveHooks, type SolvedLadder } from './ladder-provider.ts';
import type { HintLadder, Rung } from './hints/hint-ladder.ts';
import type { Logger } from './logger.ts';
import type { PromptTemplate } from './hints/prompt.ts';
import type { ReasoningModel } from './model/reasoning-model.ts';
import { AD_HOC_POLICY, mayConverse, mayRevealAnswer, mayShowReasoning, type Policy } from './policy.ts';
import { readMessage } from './conversation/read-message.ts';
import { fallbackReply, replyGuardOf } from './conversation/session-guard.ts';
import { loadReplyPrompt, type ReplyPrompt } from './conversation/reply-prompt.ts';
import { writeReply, type WrittenReply } from './conversation/reply-writer.ts';
import { DEFAULT_CONVERSATION_LIMITS, refusalOf, type ConversationLimits } from './conversation/conversation-limits.ts';
import type { Exchange, PendingReply } from './conversation/exchange.ts';
import { validateProblem } from './problem-input.ts';
import { canAct, hintsAvailable, hintsOpened, policyStateOf, summarize, isAnswerShown, type Actor, type Session, type SessionSummary } from './session.ts';
import { isLeaseLive, renewLease, SOLVE_LEASE_MS, takeLease, whileRenewing } from './solve-lease.ts';
import { confirmDelivery, effectiveSeen, failDelivery, handOut, settleDelivery } from './rung-delivery.ts';
import { firstView, hintPart, MORE_HINTS_UNAVAILABLE, nextRungDecision, sessionView, viewOf } from './session-view.ts';
import { updateRecord, type Store } from './store/store.ts';
import { messageView, type View } from './views.ts';

const MAX_SESSIONS_LISTED = 200;
const REASONING_EXCERPT_CHARS = 600;

/** What the tutor is built from. */
export interface TutorDependencies {
  /** Where sessions and ladders live. */
  readonly store: Store;
  /** R1, or a fake in tests. */
  readonly model: ReasoningModel;
  /** The solve prompt. */
  readonly prompt: PromptTemplate;
  /** The operator's log. */
  readonly logger: Logger;
  /** Judges a student's answer against the reference. */
  readonly checker: AnswerChecker;
  /** Longest problem accepted, in characters. */
  readonly maxProblemChars: number;
  /** How long a solve's lease lasts unrenewed (SOLVE_LEASE_MS by default); a lapsed lease frees the session for Retry. */
  readonly solveLeaseMs?: number;
  /** Clock, in ms since epoch (tests move it). */
  readonly now?: () => number;
  /** The model that answers questions in the thread (thinking off); the solve model when absent. */
  readonly replyModel?: ReasoningModel;
  /** prompts/reply.md, loaded when absent. */
  readonly replyPrompt?: ReplyPrompt;
  /** Questions per student per session, the cooldown between them, and the longest reply. */
  readonly conversationLimits?: ConversationLimits;
}

/** What `Tutor.reply` made of a message typed in a session's thread. */
export type ReplyOutcome =
  /** Not for the tutor (someone other than the session's student or an instructor): post nothing. */
  | { readonly kind: 'ignored' }
  /** Read as an answer attempt: checked like checkAnswer, recorded as an attempt; post `view`. */
  | { readonly kind: 'attempt'; readonly view: View }
  /** A question or remark: `view` is the tutor's guarded reply (or a refusal: limit, cooldown,
   *  conversation off for the set); it replaces the progress message `onStart` posted, if any. */
  | { readonly kind: 'reply'; readonly view: View };

/** Callbacks and cancellation for one reply. */
export interface ReplyHooks {
  /** Called once the text is read as a question, before the model is called: the adapter posts a
   *  progress message ("Thinking about your question...") and returns where it is (message ids),
   *  which the engine stores on the session so a restart can replace it, not duplicate it. */
  readonly onStart?: () => Promise<Readonly<Record<string, string>>> | Readonly<Record<string, string>>;
  /** Guarded partial reply text so far (only text that already passed the leak guard); the adapter
   *  throttles edits with the same pacing as solve progress. */
  readonly onProgress?: (markdown: string) => void;
  readonly signal?: AbortSignal;
  /** `platform:userId`, for the provider's end-user field (sent hashed). */
  readonly endUser?: string;
}

/** A reply whose process died mid-stream: edit the message at `place` into `view`. */
export interface LapsedReply { readonly session: Session; readonly place: Readonly<Record<string, string>>; readonly view: View }

/** A new session's problem, owner and rules. */
export interface OpenRequest {
  /** The problem as typed. */
  readonly problem: string;
  /** Who asked. */
  readonly owner: Actor;
  /** Where the session lives on its surface (channel, thread ids). */
  readonly place?: Record<string, string>;
  /** Rules; ad-hoc defaults when absent. */
  readonly policy?: Policy;
  /** The instructor's answer, for problems from a set. */
  readonly reference?: string;
  /** How answers are judged against the reference. */
  readonly answerOptions?: AnswerOptions;
  /** Instructor-authored hints, shown before generated ones. */
  readonly authoredHints?: readonly string[];
  /** The problem set and problem this session practises. */
  readonly origin?: { readonly setId: string; readonly problemId: string; readonly scope: string };
}

/** The engine's use cases. Every method returns a View or throws UserFacingError. */
export class Tutor {
  private readonly ladders: LadderProvider;
  private readonly now: () => number;
  private replyPromptLoaded: ReplyPrompt | undefined;

  constructor(private readonly deps: TutorDependencies) {
    this.ladders = new LadderProvider(deps.store, deps.model, deps.prompt, deps.logger);
    this.now = deps.now ?? Date.now;
  }

  /** Validates the problem and stores a new session, not yet solved. */
  async open(request: OpenRequest): Promise<Session> {
    const problem = validateProblem(request.problem, this.deps.maxProblemChars);
    const at = new Date(this.now()).toISOString();
    const session: Session = {
      id: newSessionId(), version: 1, owner: request.owner, place: request.place ?? {}, problem,
      status: 'solving', revealed: 0, answerRevealed: false, reasoningShown: false, attempts: [], isSolved: false,
      reference: request.reference, answerOptions: request.answerOptions, authoredHints: request.authoredHints, origin: request.origin,
      policy: request.policy ?? AD_HOC_POLICY, attemptsAtLastHint: 0, createdAt: at, updatedAt: at,
    };
    if (!(await this.deps.store.swap(sessionKey(session.id), 0, session))) throw new Error(`Session id collision: ${session.id}`);
    await Promise.all([
      // Listed as solving from the start: a process that dies before it claims the solve leaves it for the sweep.
      this.deps.store.addMember(SOLVING_KEY, session.id),
      // One member per session: a student (or a script) opening hundreds at once never conflicts.
      this.deps.store.addMember(indexKey(request.owner), session.id),
    ]);
    return session;
  }

  /**
   * Gets the ladder (cache or R1) and reveals the first rung; on failure, stores it for Retry.
   * A set problem never waits on R1 to be shown: its statement and the instructor's hints are
   * ready at once (`hooks.onShown`), R1's rungs join when they come, and when R1 fails the session
   * keeps the authored hints and answer checking. With `actor`, only the owner or an instructor may (re)start it.
   */
  async solve(sessionId: string, hooks: SolveHooks = {}, actor?: Actor): Promise<View> {
    if (actor) await this.authorized(sessionId, actor);
    const { session: current, isClaimed } = await this.claimSolve(sessionId);
    if (!isClaimed) return current.status === 'ready' ? this.redeliverFirst(current) : sessionView(current, this.now());
    // A warmed problem's ladder is in the cache already: no need to show it in two steps.
    const isShownEarly = current.reference !== undefined && !(await this.isPrepared(current.problem)) && (await this.showAuthored(current, hooks));
    const leaseId = current.solveLease?.id;
    try {
      const renew = () => this.renewSolveLease(sessionId, leaseId);
      const modelHooks = { ...hooks, endUser: hooks.endUser ?? `${current.owner.platform}:${current.owner.userId}` };
      const solved = await whileRenewing(this.leaseMs, renew, (error) => this.deps.logger.warn('could not renew a solve lease', { sessionId, error }), async () => {
        const generated = await this.ladders.get(current.problem, modelHooks);
        return { ...generated, ladder: await this.ladderFor(current, generated.ladder) };
      });
      let before = { rungs: 0, revealed: 0 };
      const session = await this.change(sessionId, (latest) => {
        if (latest.status === 'ready' && latest.generation !== 'pending') return undefined; // our lease lapsed and another solve finished first
        before = { rungs: latest.ladder?.rungs.length ?? 0, revealed: latest.revealed };
        const ready: Session = {
          // Reasoning that reached a different answer than the instructor's would mislead: withhold it.
          ...latest, status: 'ready', failure: undefined, solveLease: undefined, generation: undefined, ladder: solved.ladder,
          reasoning: solved.ladder.source === 'authored' ? undefined : solved.reasoning, model: solved.model, usage: solved.fromCache ? undefined : solved.usage, fromCache: solved.fromCache,
          solveKey: solved.key,
        };
        // The authored rungs lead both ladders, so a student already climbing them stays where they are.
        // A set problem shown before R1 answered never gets its answer handed out unasked when R1 joins.
        const isAnswerFirst = latest.generation === 'pending' && ready.ladder?.rungs[0]?.kind === 'answer';
        return ready.revealed === 0 && !isAnswerFirst && nextRungDecision(ready, this.now()).allowed ? handOut(ready, 1, this.now()) : ready;
      });
      await this.deps.store.removeMember(SOLVING_KEY, sessionId);
      this.deps.logger.info('session solved', { sessionId, model: solved.model, fromCache: solved.fromCache, rungs: solved.ladder.rungs.length, source: solved.ladder.source, usage: solved.usage });
      return isShownEarly ? this.joinedView(session, before) : firstView(session, this.now());
    } catch (error) {
      this.deps.logger.error('solve failed', { sessionId, error });
      if (current.reference !== undefined) return this.keepAuthored(sessionId, isShownEarly);
      const failure = userMessageOf(error);
      const session = await this.change(sessionId, (latest) => latest.status === 'ready' ? undefined : { ...latest, status: 'failed', failure, solveLease: undefined });
      await this.deps.store.removeMember(SOLVING_KEY, sessionId);
      return session.status === 'failed' ? viewOf(session, [{ type: 'text', markdown: failure }], this.now(), 'error') : sessionView(session, this.now());
    }
  }

  /**
   * Marks failed every solve whose lease lapsed (its process died mid-solve) and returns them, each
   * with the failure view (a plain sentence and Retry) so the adapter can edit the session's
   * "thinking" message into it. Each bot calls it at start-up; it is safe to call at any time and
   * from several processes at once (a live solve, renewing its lease, is never touched).
   */
  async sweepLapsedSolves(): Promise<LapsedSolve[]> {
    const swept: LapsedSolve[] = [];
    for (const sessionId of await this.deps.store.members(SOLVING_KEY)) {
      let isSwept = false;
      const session = await this.session(sessionId).then((found) => found && this.change(sessionId, (current) => {
        if (current.generation === 'pending' && this.isSolveLapsed(current)) return { ...current, generation: 'failed', solveLease: undefined };
        isSwept = current.status === 'solving' && this.isSolveLapsed(current);
        return isSwept ? { ...current, status: 'failed', failure: LAPSED_SOLVE_FAILURE, solveLease: undefined } : undefined;
      }));
      if (!session || (session.status !== 'solving' && session.generation !== 'pending')) await this.deps.store.removeMember(SOLVING_KEY, sessionId);
      if (session && isSwept) swept.push({ session, view: viewOf(session, [{ type: 'text', markdown: LAPSED_SOLVE_FAILURE }], this.now(), 'error') });
    }
    if (swept.length > 0) this.deps.logger.warn('marked solves whose process died as failed', { sessionIds: swept.map((lapsed) => lapsed.session.id) });
    return swept;
  }

  /**
   * Solves a problem ahead of time (warming a set), sharing the cache and in-flight solves with
   * students; with `sample`, that warm sample of it (each sample is its own solve).
   */
  async prepare(problem: string, hooks: SolveHooks = {}, sample?: number): Promise<SolvedLadder> {
    const valid = validateProblem(problem, this.deps.maxProblemChars);
    return sample === undefined ? this.ladders.get(valid, hooks) : this.ladders.getSample(valid, sample, hooks);
  }

  /** Whether R1's output for this problem (or warm sample) is already cached (a warmed problem costs nothing). */
  async isPrepared(problem: string, sample = 0): Promise<boolean> {
    return this.ladders.has(problem, sample);
  }

  /** Makes warm sample `sample` the ladder students get for `problem` (the majority's, after a warm). */
  async adoptSample(problem: string, sample: number): Promise<void> {
    await this.ladders.adopt(validateProblem(problem, this.deps.maxProblemChars), sample);
  }

  /**
   * Reveals the rung after the `seen` ones, once, however many times it is asked. The view hands
   * the rung out for delivery (`view.delivery`); after a failed delivery any click delivers it again.
   */
  async nextHint(sessionId: string, seen: number, actor: Actor): Promise<View> {
    const stored = await this.authorized(sessionId, actor);
    const nowMs = this.now();
    const session = settleDelivery(stored, seen, nowMs);
    if (effectiveSeen(session, seen) !== session.revealed) return this.staleClick(session);
    const decision = nextRungDecision(session, nowMs);
    if (!decision.allowed) return viewOf(session, [{ type: 'text', markdown: decision.reason }], nowMs, 'warning', true);
    const rung = session.revealed + 1;
    const next = { ...handOut(session, rung, nowMs), version: stored.version + 1 };
    if (!(await this.deps.store.swap(sessionKey(sessionId), stored.version, next))) {
      return this.staleClick(settleDelivery(await this.load(sessionId), seen, nowMs)); // another click (or process) won the race
    }
    return { ...viewOf(next, [hintPart(next, rung - 1)], nowMs), delivery: { sessionId, rung } };
  }

  /**
   * Confirms that the rung a view handed out (`view.delivery`) reached the student. Idempotent;
   * a later click with that rung's own button confirms it too.
   */
  async delivered(sessionId: string, rung: number): Promise<void> {
    await this.change(sessionId, (current) => confirmDelivery(current, rung));
  }

  /**
   * Reports that posting the rung failed (upload error, permission, rate limit, card too large):
   * the rung is rolled back, so it does not count as seen and the student's next click (Next, a
   * stale button, Retry) delivers it again. Returns a short view with live buttons that the
   * adapter may try to post in its place.
   */
  async deliveryFailed(sessionId: string, rung: number): Promise<View> {
    const session = await this.change(sessionId, (current) => failDelivery(current, rung));
    this.deps.logger.warn('hint delivery failed; the next click re-delivers it', { sessionId, rung });
    const notice = `Hint ${rung} could not be shown just now. Click Next hint (or try again) to get it.`;
    return viewOf(session, [{ type: 'text', markdown: notice }], this.now(), 'warning', true);
  }

  /**
   * Posts `view` with `post`, then confirms its rung as delivered, or reports the failure and
   * rethrows: the one way adapters should send a view that may carry a rung.
   */
  async deliver<T>(view: View, post: (view: View) => Promise<T>): Promise<T> {
    const { delivery } = view;
    let result: T;
    try {
      result = await post(view);
    } catch (error) {
      if (delivery) {
        await this.deliveryFailed(delivery.sessionId, delivery.rung).catch((failure: unknown) =>
          this.deps.logger.error('could not record a failed hint delivery', { sessionId: delivery.sessionId, rung: delivery.rung, error: failure }));
      }
      throw error;
    }
    if (delivery) await this.delivered(delivery.sessionId, delivery.rung);
    return result;
  }

  /** R1's chain of thought as a file plus an excerpt, when the policy allows. */
  async showReasoning(sessionId: string, actor: Actor): Promise<View> {
    const session = await this.authorized(sessionId, actor);
    if (!session.reasoning) return messageView('R1 gave no reasoning for this problem.', 'warning', true, sessionId);
    const decision = actor.isInstructor ? { allowed: true as const } : mayShowReasoning(session.policy, policyStateOf(session));
    if (!decision.allowed) return viewOf(session, [{ type: 'text', markdown: decision.reason }], this.now(), 'warning', true);
    const updated = await this.change(sessionId, (current) => ({ ...current, reasoningShown: true }));
    const excerpt = session.reasoning.length > REASONING_EXCERPT_CHARS ? `${session.reasoning.slice(0, REASONING_EXCERPT_CHARS).trimEnd()}…` : session.reasoning;
    return viewOf(updated, [
      { type: 'text', markdown: `**How R1 thought about it** (excerpt; the whole reasoning is attached):\n\n${excerpt}` },
      { type: 'file', name: `reasoning-${sessionId}.md`, mediaType: 'text/markdown', content: `# R1's reasoning\n\n${session.problem}\n\n---\n\n${session.reasoning}\n`, description: "R1's full chain of thought" },
    ], this.now());
  }

  /** Shows the final answer (every remaining rung is skipped), when the policy allows. */
  async revealAnswer(sessionId: string, actor: Actor): Promise<View> {
    const session = await this.authorized(sessionId, actor);
    const total = session.ladder?.rungs.length ?? 0;
    if (session.status !== 'ready' || total === 0) return sessionView(session, this.now(), 'The answer is not ready yet.');
    if (isAnswerShown(session)) return viewOf(session, [hintPart(session, total - 1)], this.now(), 'info', true);
    const decision = actor.isInstructor ? { allowed: true as const } : mayRevealAnswer(session.policy, policyStateOf(session));
    if (!decision.allowed) return viewOf(session, [{ type: 'text', markdown: decision.reason }], this.now(), 'warning', true);
    // The skipped hints stay unopened: reports count the hints a student used, not the answer.
    const updated = await this.change(sessionId, (current) => isAnswerShown(current) ? current : { ...current, answerRevealed: true });
    return viewOf(updated, [hintPart(updated, total - 1)], this.now());
  }

  /** Judges an answer, records the attempt, and marks the session solved when it is right. */
  async checkAnswer(sessionId: string, answer: string, actor: Actor): Promise<View> {
    const session = await this.authorized(sessionId, actor);
    const reference = session.reference ?? session.ladder?.finalAnswer;
    if (!reference) return messageView('There is no reference answer to check against yet.', 'warning', true, sessionId);
    if (!answer.trim()) return messageView('Type your answer after `check`, for example: check x = 3', 'warning', true, sessionId);
    // Over MAX_ANSWER_CHARS the checker reads only a marked answer at the end (or refuses with a
    // message), and the attempt is kept cut (storedAnswer): a pasted essay neither blocks nor bloats.
    const result = await this.deps.checker(reference, answer, answerOptionsOf(session));
    const at = new Date(this.now()).toISOString();
    const updated = await this.change(sessionId, (current) => ({
      ...current,
      attempts: [...current.attempts, { answer: storedAnswer(answer), verdict: result.verdict, at }],
      ...(result.verdict === 'equivalent' && !current.isSolved ? { isSolved: true, solvedAt: at } : {}),
    }));
    const tone = result.verdict === 'equivalent' ? 'success' : result.verdict === 'unsure' ? 'warning' : 'info';
    return viewOf(updated, [{ type: 'text', markdown: result.feedback }], this.now(), tone);
  }

  /**
   * A message typed in the session's thread. From the session's student, text that reads as an
   * answer ("12", "x = 3", "I got 12", "is it 12?") is checked and recorded like checkAnswer;
   * anything else (and anything an instructor types) is a question, answered by the reply model
   * through the leak guard: while the policy holds the answer back, no reply that states it (or
   * the result of the withheld step) is ever shown, nor passed to `hooks.onProgress`. Text from
   * anyone else is `ignored`.
   */
  async reply(sessionId: string, actor: Actor, text: string, hooks: ReplyHooks = {}): Promise<ReplyOutcome> {
    const session = await this.session(sessionId);
    const message = text.trim();
    if (!session || !message || !canAct(session, actor)) return { kind: 'ignored' };
    const isOwner = actor.platform === session.owner.platform && actor.userId === session.owner.userId;
    const read = readMessage(message);
    if (isOwner && read.kind === 'attempt') return { kind: 'attempt', view: await this.checkAnswer(sessionId, read.answer, actor) };
    return { kind: 'reply', view: await this.answerQuestion(session, actor, message, hooks) };
  }

  /**
   * Finishes every reply whose process died mid-stream (its lease lapsed): the reply is written
   * again, guarded as ever, and returned with the place of the progress message `onStart` posted,
   * so the adapter edits that message into it instead of posting a second one. Each bot calls it
   * at start-up with its platform (`discord`, `slack`, `cli`), so bots sharing a store finish only
   * their own replies (without it, every platform's); safe from several processes at once (a live
   * reply is never touched).
   */
  async sweepLapsedReplies(platform?: string): Promise<LapsedReply[]> {
    const swept: LapsedReply[] = [];
    for (const sessionId of await this.deps.store.members(REPLYING_KEY)) {
      const stored = await this.session(sessionId);
      const lapsed = stored?.pendingReply;
      if (!stored || !lapsed) {
        await this.deps.store.removeMember(REPLYING_KEY, sessionId);
        continue;
      }
      if (isLeaseLive(lapsed.lease, this.now()) || (platform !== undefined && stored.owner.platform !== platform)) continue;
      let taken: PendingReply | undefined;
      await this.change(sessionId, (current) => {
        taken = undefined;
        const pending = current.pendingReply;
        if (pending?.id !== lapsed.id || isLeaseLive(pending.lease, this.now())) return undefined;
        taken = { ...pending, lease: takeLease(this.now(), this.leaseMs) };
        return { ...current, pendingReply: taken };
      });
      if (!taken) continue;
      if (!taken.place) {
        // It died before its progress message was posted: the student saw nothing, and nothing can be edited.
        const id = taken.id;
        const cleared = await this.change(sessionId, (current) => current.pendingReply?.id === id ? { ...current, pendingReply: undefined } : undefined);
        if (!cleared.pendingReply) await this.deps.store.removeMember(REPLYING_KEY, sessionId);
        continue;
      }
      this.deps.logger.warn('finishing a reply whose process died', { sessionId });
      const { session, view } = await this.finishReply(sessionId, taken, {});
      swept.push({ session, place: taken.place, view });
    }
    return swept;
  }

  /** The session as it stands (problem, rungs so far, buttons): what `resume` shows. */
  async view(sessionId: string, actor: Actor): Promise<View> {
    return sessionView(await this.authorized(sessionId, actor), this.now());
  }

  /** The stored session, for adapters that need its place or status. */
  async session(sessionId: string): Promise<Session | undefined> {
    return this.deps.store.get<Session>(sessionKey(sessionId));
  }

  /** The owner's sessions, most recent first (the newest `limit`, 200 by default). */
  async sessions(owner: Actor, limit = MAX_SESSIONS_LISTED): Promise<SessionSummary[]> {
    const ids = await this.deps.store.members(indexKey(owner), limit);
    // Indexes written before member lists existed were one document; their sessions stay listed.
    const legacy = (await this.deps.store.get<LegacySessionIndex>(indexKey(owner)))?.ids ?? [];
    const newestFirst = [...new Set([...legacy, ...ids])].reverse().slice(0, limit);
    const sessions = await Promise.all(newestFirst.map((id) => this.session(id)));
    return sessions.filter((session): session is Session => session !== undefined).map(summarize);
  }

  /**
   * A set problem's ladder: authored hints first, then R1's rungs when R1's answer matches the
   * instructor's; otherwise R1 is not trusted and the ladder ends with the instructor's answer.
   */
  private async ladderFor(session: Session, generated: HintLadder): Promise<HintLadder> {
    if (!session.reference) return generated;
    const authored = authoredRungs(session);
    const r1Answer = generated.finalAnswer;
    const agrees = r1Answer !== undefined && (await this.deps.checker(session.reference, r1Answer, answerOptionsOf(session))).verdict === 'equivalent';
    if (agrees) return { ...generated, rungs: [...authored, ...generated.rungs] };
    this.deps.logger.warn("R1's answer differs from the instructor's; using authored hints only", { sessionId: session.id, origin: session.origin });
    return { rungs: [...authored, { kind: 'answer', text: referenceRung(session.reference) }], finalAnswer: session.reference, source: 'authored' };
  }

  /**
   * Makes a set problem ready before R1 answers: the statement, the instructor's hints and their
   * answer as the last rung, with the first hint handed out. Tells `hooks.onShown`; true when it did.
   */
  private async showAuthored(current: Session, hooks: SolveHooks): Promise<boolean> {
    const reference = current.reference ?? '';
    const ladder: HintLadder = { rungs: [...authoredRungs(current), { kind: 'answer', text: referenceRung(reference) }], finalAnswer: reference, source: 'authored' };
    const session = await this.change(current.id, (latest) => {
      if (latest.status !== 'solving') return undefined;
      const shown: Session = { ...latest, status: 'ready', ladder, generation: 'pending' };
      return nextRungDecision(shown, this.now()).allowed ? handOut(shown, 1, this.now()) : shown;
    });
    if (!hooks.onShown) return false;
    try {
      await hooks.onShown(firstView(session, this.now()));
    } catch (error) {
      // The post failed (and Tutor.deliver rolled its hint back); R1's rungs still come, and the next click re-delivers.
      this.deps.logger.error('could not show a set problem before R1 answered', { sessionId: current.id, error });
    }
    return true;
  }

  /** What joins a set problem already shown: R1's new rungs (or the first hint, if none was out yet). */
  private joinedView(session: Session, before: { readonly rungs: number; readonly revealed: number }): View {
    const added = (session.ladder?.rungs.length ?? 0) - before.rungs;
    if (before.revealed === 0 && session.revealed === 1) return { ...viewOf(session, [hintPart(session, 0)], this.now()), delivery: { sessionId: session.id, rung: 1 } };
    const notice = added > 0 ? `R1 has added ${added === 1 ? 'a hint' : `${added} hints`} to this problem.` : 'R1 has no further hints for this problem; your instructor\'s hints and answer checking are all here.';
    return viewOf(session, [{ type: 'text', markdown: notice }], this.now());
  }

  /** R1 failed on a set problem: the session keeps its authored hints and answer checking, with a line saying so. */
  private async keepAuthored(sessionId: string, isShownEarly: boolean): Promise<View> {
    const session = await this.change(sessionId, (latest) => latest.generation === 'pending' ? { ...latest, generation: 'failed', solveLease: undefined } : undefined);
    await this.deps.store.removeMember(SOLVING_KEY, sessionId);
    if (isShownEarly) return viewOf(session, [{ type: 'text', markdown: MORE_HINTS_UNAVAILABLE }], this.now(), 'warning');
    return sessionView(session, this.now());
  }

  /** A solved session asked to solve again: re-delivers its first rung if that post failed, else shows it as it stands. */
  private async redeliverFirst(current: Session): Promise<View> {
    if (current.revealed !== 0 || current.undeliveredRung !== 1) return sessionView(current, this.now());
    let isHandedOut = false;
    const session = await this.change(current.id, (latest) => {
      isHandedOut = latest.revealed === 0 && latest.undeliveredRung === 1;
      return isHandedOut ? handOut(latest, 1, this.now()) : undefined;
    });
    return isHandedOut ? firstView(session, this.now()) : sessionView(session, this.now());
  }

  /** A question: refused (conversation off, not ready, a limit), or answered by the reply model through the leak guard. */
  private async answerQuestion(stored: Session, actor: Actor, question: string, hooks: ReplyHooks): Promise<View> {
    const nowMs = this.now();
    const refuse = (markdown: string) => viewOf(stored, [{ type: 'text', markdown }], nowMs, 'warning');
    const conversation = actor.isInstructor ? { allowed: true as const } : mayConverse(stored.policy);
    if (!conversation.allowed) return refuse(conversation.reason);
    if (stored.status !== 'ready' || !stored.ladder) {
      return refuse(stored.status === 'failed' ? 'This problem has no hints yet: press Retry first, then ask me again.' : 'I am still working on this problem: ask me again once the first hint is here.');
    }
    const limit = actor.isInstructor ? undefined : refusalOf(stored.conversation ?? [], actor.userId, this.limits, nowMs);
    if (limit) return refuse(limit);
    const pending = await this.claimReply(stored.id, actor, question);
    if (!pending) return refuse('I am still answering your last question: one moment, then ask again.');
    let started = pending;
    try {
      const place = await hooks.onStart?.();
      if (place) {
        await this.change(stored.id, (current) => current.pendingReply?.id === pending.id ? { ...current, pendingReply: { ...current.pendingReply, place: { ...place } } } : undefined);
        started = { ...pending, place: { ...place } };
      }
    } catch (error) {
      // The progress message could not be posted: the reply still comes, posted on its own.
      this.deps.logger.warn('could not post the reply progress message', { sessionId: stored.id, error });
    }
    return (await this.finishReply(stored.id, started, hooks)).view;
  }

  /** Writes the pending reply (renewing its lease meanwhile), records the exchange and clears the pending reply. */
  private async finishReply(sessionId: string, pending: PendingReply, hooks: ReplyHooks): Promise<{ session: Session; view: View }> {
    const renew = () => this.change(sessionId, (current) =>
      current.pendingReply?.id === pending.id && current.pendingReply.lease.id === pending.lease.id
        ? { ...current, pendingReply: { ...current.pendingReply, lease: renewLease(current.pendingReply.lease, this.now(), this.leaseMs) } } : undefined);
    let written: WrittenReply;
    let isAnswerAllowed = false;
    // A reply an instructor got past the student's gate is for the instructor's eyes only.
    let isForInstructor = false;
    try {
      written = await whileRenewing(this.leaseMs, renew, (error) => this.deps.logger.warn('could not renew a reply lease', { sessionId, error }), async () => {
        const session = await this.load(sessionId);
        isAnswerAllowed = this.isAnswerAllowed(session, pending.by);
        isForInstructor = pending.by.isInstructor === true && !this.isAnswerAllowed(session, session.owner);
        return writeReply(
          { model: this.replyModel, prompt: this.replyPrompt, maxChars: this.limits.maxReplyChars, logger: this.deps.logger },
          {
            session, question: pending.question, isAnswerAllowed, guard: replyGuardOf(session), fallback: fallbackReply(session, this.now()),
            onProgress: hooks.onProgress, signal: hooks.signal, endUser: hooks.endUser ?? `${pending.by.platform}:${pending.by.userId}`,
          },
        );
      });
    } catch (error) {
      this.deps.logger.error('reply failed', { sessionId, error });
      const text = hooks.signal?.aborted
        ? 'I stopped before I finished answering. Ask me again in a moment.'
        : error instanceof ModelError && !error.isRetryable
        ? `${userMessageOf(error)} Use the hints, or type your answer to check it.`
        : `I could not answer just now: ${userMessageOf(error)} Ask again in a moment, or use the hints.`;
      written = { text, outcome: 'failed', withheld: [] };
    }
    const exchange: Exchange = {
      by: pending.by, question: pending.question, reply: written.text, outcome: written.outcome, withheld: written.withheld, answerAllowed: isAnswerAllowed,
      model: this.replyModel.id, usage: written.usage, promptVersion: this.replyPrompt.version, askedAt: pending.askedAt, repliedAt: new Date(this.now()).toISOString(),
    };
    const session = await this.change(sessionId, (current) =>
      current.pendingReply?.id === pending.id ? { ...current, pendingReply: undefined, conversation: [...(current.conversation ?? []), exchange] } : undefined);
    if (!session.pendingReply) await this.deps.store.removeMember(REPLYING_KEY, sessionId);
    return { session, view: viewOf(session, [{ type: 'text', markdown: written.text }], this.now(), written.outcome === 'failed' ? 'error' : 'info', isForInstructor) };
  }

  /** Marks a reply as under way (with a lease), unless a live one is. */
  private async claimReply(sessionId: string, actor: Actor, question: string): Promise<PendingReply | undefined> {
    const nowMs = this.now();
    let claimed: PendingReply | undefined;
    await this.change(sessionId, (current) => {
      claimed = undefined;
      if (current.pendingReply && isLeaseLive(current.pendingReply.lease, nowMs)) return undefined;
      const by = { platform: actor.platform, userId: actor.userId, ...(actor.name ? { name: actor.name } : {}), ...(actor.isInstructor ? { isInstructor: true } : {}) };
      claimed = { id: randomBytes(6).toString('hex'), by, question: storedAnswer(question), askedAt: new Date(nowMs).toISOString(), lease: takeLease(nowMs, this.leaseMs) };
      return { ...current, pendingReply: claimed };
    });
    if (claimed) await this.deps.store.addMember(REPLYING_KEY, sessionId);
    return claimed;
  }

  /** Instructors see past every gate; a student once the policy allows the answer (or it is shown, or solved). */
  private isAnswerAllowed(session: Session, by: Pick<Actor, 'isInstructor'>): boolean {
    if (by.isInstructor) return true;
    return session.isSolved || isAnswerShown(session) || mayRevealAnswer(session.policy, policyStateOf(session)).allowed;
  }

  private get limits(): ConversationLimits {
    return this.deps.conversationLimits ?? DEFAULT_CONVERSATION_LIMITS;
  }

  private get replyModel(): ReasoningModel {
    return this.deps.replyModel ?? this.deps.model;
  }

  private get replyPrompt(): ReplyPrompt {
    return (this.replyPromptLoaded ??= this.deps.replyPrompt ?? loadReplyPrompt());
  }

  private staleClick(session: Session): View {
    const where = isAnswerShown(session) ? 'the answer is shown' : `you are on hint ${Math.min(hintsOpened(session), hintsAvailable(session))} of ${hintsAvailable(session)}`;
    return viewOf(session, [{ type: 'text', markdown: `You have already seen that hint; ${where}.` }], this.now(), 'info', true);
  }

  /** Marks the session as being solved by this call (taking its lease), unless it is solved or a live lease holds it. */
  private async claimSolve(sessionId: string): Promise<{ session: Session; isClaimed: boolean }> {
    const nowMs = this.now();
    let isClaimed = false;
    let isListed = false;
    const session = await this.change(sessionId, (current) => {
      isListed = current.status === 'solving'; // opened (listed by open) or lapsed (still listed)
      isClaimed = current.status !== 'ready' && !(current.status === 'solving' && isLeaseLive(current.solveLease, nowMs));
      return isClaimed ? { ...current, status: 'solving', failure: undefined, solveStartedAt: new Date(nowMs).toISOString(), solveLease: takeLease(nowMs, this.leaseMs) } : undefined;
    });
    if (isClaimed && !isListed) await this.deps.store.addMember(SOLVING_KEY, sessionId);
    return { session, isClaimed };
  }

  private async renewSolveLease(sessionId: string, leaseId: string | undefined): Promise<void> {
    await this.change(sessionId, (current) =>
      (current.status === 'solving' || current.generation === 'pending') && current.solveLease && current.solveLease.id === leaseId ? { ...current, solveLease: renewLease(current.solveLease, this.now(), this.leaseMs) } : undefined);
  }

  /** A solving session nobody is working on: its lease lapsed, or it was opened and never claimed. */
  private isSolveLapsed(session: Session): boolean {
    const nowMs = this.now();
    if (session.solveLease) return !isLeaseLive(session.solveLease, nowMs);
    return nowMs - Date.parse(session.createdAt) >= this.leaseMs;
  }

  private get leaseMs(): number {
    return this.deps.solveLeaseMs ?? SOLVE_LEASE_MS;
  }

  private async authorized(sessionId: string, actor: Actor): Promise<Session> {
    const session = await this.load(sessionId);
    if (!canAct(session, actor)) {
      throw new UserFacingError(`This is ${session.owner.name ?? 'another student'}'s session. Start your own with /solve.`);
    }
    return session;
  }

  private async load(sessionId: string): Promise<Session> {
    const session = await this.session(sessionId);
    if (!session) throw new UserFacingError(`There is no session ${sessionId} (it may have expired). Start a new one with /solve.`);
    return session;
  }

  private async change(sessionId: string, change: (current: Session) => Session | undefined): Promise<Session> {
    const updated = await updateRecord<Session>(this.deps.store, sessionKey(sessionId), (current) => {
      if (!current) throw new UserFacingError(`There is no session ${sessionId}.`);
      const next = change(current);
      return next && { ...next, updatedAt: new Date(this.now()).toISOString() };
    });
    if (!updated) throw new UserFacingError(`There is no session ${sessionId}.`);
    return updated;
  }
}

/** A solve whose process died, as the start-up sweep left it: failed, with a Retry. */
export interface LapsedSolve {
  /** The session, now failed. */
  readonly session: Session;
  /** What its "thinking" message should become: the failure sentence and a Retry button. */
  readonly view: View;
}

/** Every session being solved (or opened, not yet claimed), for the start-up sweep. */
const SOLVING_KEY = 'solving-sessions';
/** Every session with a reply being written, for the start-up sweep. */
const REPLYING_KEY = 'replying-sessions';
const LAPSED_SOLVE_FAILURE = 'Stepwise stopped while R1 was working on this problem. Press Retry to try again.';

/** The owner's index as it was stored before member lists: one document of ids. */
interface LegacySessionIndex {
  readonly ids: readonly string[];
}

const sessionKey = (id: string) => `session:${id}`;

function authoredRungs(session: Session): Rung[] {
  return (session.authoredHints ?? []).map((text) => ({ kind: 'nudge', text }));
}

/** The instructor's answer as the last rung: TeX unless it already carries its own `$` delimiters. */
function referenceRung(reference: string): string {
  return `**Answer:** ${reference.includes('$') ? reference : `$${reference}$`}`;
}
const indexKey = (owner: Actor) => `sessions-of:${owner.platform}:${owner.userId}`;

function newSessionId(): string {
  return BigInt(`0x${randomBytes(8).toString('hex')}`).toString(36).padStart(10, '0').slice(-10);
}

/** The set's options; where it leaves `ordered` unset, the problem's wording ("find all solutions") may settle it. */
function answerOptionsOf(session: Session): AnswerOptions {
  const options = session.answerOptions ?? {};
  const ordered = options.ordered ?? orderFromProblem(session.problem);
  return ordered === undefined ? options : { ...options, ordered };
}

/** An over-long answer is refused by the checker and kept only in part, so one paste cannot bloat the store. */
function storedAnswer(answer: string): string {
  return answer.length > MAX_ANSWER_CHARS ? `${answer.slice(0, MAX_ANSWER_CHARS)}… (${answer.length} characters, cut)` : answer;
}
