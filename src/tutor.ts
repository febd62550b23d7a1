/** The tutoring use cases: open and solve a problem, climb the ladder, check, reveal. */
import { randomBytes } from 'node:crypto';
import { UserFacingError, userMessageOf } from './errors.ts';
import type { AnswerChecker, AnswerOptions } from './answer-checker.ts';
import { MAX_ANSWER_CHARS } from './answers/answer-limits.ts';
import { orderFromProblem } from './answers/problem-order.ts';
import { LadderProvider, type SolveHooks, type SolvedLadder } from './ladder-provider.ts';
import type { HintLadder, Rung } from './hints/hint-ladder.ts';
import type { Logger } from './logger.ts';
import type { PromptTemplate } from './hints/prompt.ts';
import type { ReasoningModel } from './model/reasoning-model.ts';
import { AD_HOC_POLICY, mayRevealAnswer, mayShowReasoning, type Policy } from './policy.ts';
import { validateProblem } from './problem-input.ts';
import { canAct, hintsAvailable, hintsOpened, policyStateOf, summarize, isAnswerShown, type Actor, type Session, type SessionSummary } from './session.ts';
import { hintPart, nextRungDecision, sessionView, viewOf } from './session-view.ts';
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
  /** A solve older than this is presumed dead (crashed process) and may be retried. */
  readonly solveStaleAfterMs: number;
  /** Clock, in ms since epoch (tests move it). */
  readonly now?: () => number;
}

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

  constructor(private readonly deps: TutorDependencies) {
    this.ladders = new LadderProvider(deps.store, deps.model, deps.prompt);
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
    await updateRecord<SessionIndex>(this.deps.store, indexKey(request.owner), (index) => ({
      version: index?.version ?? 0,
      ids: [...(index?.ids ?? []).filter((id) => id !== session.id), session.id].slice(-MAX_SESSIONS_LISTED),
    }));
    return session;
  }

  /**
   * Gets the ladder (cache or R1) and reveals the first rung; on failure, stores it for Retry.
   * With `actor`, only the owner or an instructor may (re)start it.
   */
  async solve(sessionId: string, hooks: SolveHooks = {}, actor?: Actor): Promise<View> {
    if (actor) await this.authorized(sessionId, actor);
    const { session: current, isClaimed } = await this.claimSolve(sessionId);
    if (!isClaimed) return sessionView(current, this.now());
    try {
      const solved = await this.ladders.get(current.problem, { ...hooks, endUser: hooks.endUser ?? `${current.owner.platform}:${current.owner.userId}` });
      const ladder = await this.ladderFor(current, solved.ladder);
      const session = await this.change(sessionId, (current) => {
        const ready: Session = {
          // Reasoning that reached a different answer than the instructor's would mislead: withhold it.
          ...current, status: 'ready', failure: undefined, ladder, reasoning: ladder.source === 'authored' ? undefined : solved.reasoning, model: solved.model,
          usage: solved.fromCache ? undefined : solved.usage, fromCache: solved.fromCache, solveKey: solved.key,
        };
        return nextRungDecision(ready, this.now()).allowed ? this.withRevealed(ready, 1) : ready;
      });
      this.deps.logger.info('session solved', { sessionId, model: solved.model, fromCache: solved.fromCache, rungs: solved.ladder.rungs.length, source: solved.ladder.source, usage: solved.usage });
      const parts = [{ type: 'problem' as const, markdown: session.problem }, ...(session.revealed > 0 ? [hintPart(session, 0)] : [])];
      return viewOf(session, parts, this.now());
    } catch (error) {
      const failure = userMessageOf(error);
      this.deps.logger.error('solve failed', { sessionId, error });
      const session = await this.change(sessionId, (current) => ({ ...current, status: 'failed', failure, solveStartedAt: undefined }));
      return viewOf(session, [{ type: 'text', markdown: failure }], this.now(), 'error');
    }
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

  /** Reveals the rung after the `seen` ones, once, however many times it is asked. */
  async nextHint(sessionId: string, seen: number, actor: Actor): Promise<View> {
    const session = await this.authorized(sessionId, actor);
    if (seen !== session.revealed) return this.staleClick(session);
    const decision = nextRungDecision(session, this.now());
    if (!decision.allowed) return viewOf(session, [{ type: 'text', markdown: decision.reason }], this.now(), 'warning', true);
    const next = this.withRevealed(session, seen + 1);
    if (!(await this.deps.store.swap(sessionKey(sessionId), session.version, { ...next, version: session.version + 1 }))) {
      return this.staleClick(await this.load(sessionId)); // another click (or process) won the race
    }
    const stored = { ...next, version: session.version + 1 };
    return viewOf(stored, [hintPart(stored, seen)], this.now());
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

  /** The session as it stands (problem, rungs so far, buttons): what `resume` shows. */
  async view(sessionId: string, actor: Actor): Promise<View> {
    return sessionView(await this.authorized(sessionId, actor), this.now());
  }

  /** The stored session, for adapters that need its place or status. */
  async session(sessionId: string): Promise<Session | undefined> {
    return this.deps.store.get<Session>(sessionKey(sessionId));
  }

  /** The owner's sessions, most recent first. */
  async sessions(owner: Actor): Promise<SessionSummary[]> {
    const index = await this.deps.store.get<SessionIndex>(indexKey(owner));
    const sessions = await Promise.all([...(index?.ids ?? [])].reverse().map((id) => this.session(id)));
    return sessions.filter((session): session is Session => session !== undefined).map(summarize);
  }

  /**
   * A set problem's ladder: authored hints first, then R1's rungs when R1's answer matches the
   * instructor's; otherwise R1 is not trusted and the ladder ends with the instructor's answer.
   */
  private async ladderFor(session: Session, generated: HintLadder): Promise<HintLadder> {
    if (!session.reference) return generated;
    const authored: Rung[] = (session.authoredHints ?? []).map((text) => ({ kind: 'nudge', text }));
    const r1Answer = generated.finalAnswer;
    const agrees = r1Answer !== undefined && (await this.deps.checker(session.reference, r1Answer, answerOptionsOf(session))).verdict === 'equivalent';
    if (agrees) return { ...generated, rungs: [...authored, ...generated.rungs] };
    this.deps.logger.warn("R1's answer differs from the instructor's; using authored hints only", { sessionId: session.id, origin: session.origin });
    return { rungs: [...authored, { kind: 'answer', text: referenceRung(session.reference) }], finalAnswer: session.reference, source: 'authored' };
  }

  private withRevealed(session: Session, revealed: number): Session {
    return { ...session, revealed, lastHintAt: new Date(this.now()).toISOString(), attemptsAtLastHint: session.attempts.length };
  }

  private staleClick(session: Session): View {
    const where = isAnswerShown(session) ? 'the answer is shown' : `you are on hint ${Math.min(hintsOpened(session), hintsAvailable(session))} of ${hintsAvailable(session)}`;
    return viewOf(session, [{ type: 'text', markdown: `You have already seen that hint; ${where}.` }], this.now(), 'info', true);
  }

  /** Marks the session as being solved by this call, unless it is solved or another live call is solving it. */
  private async claimSolve(sessionId: string): Promise<{ session: Session; isClaimed: boolean }> {
    const nowMs = this.now();
    let isClaimed = false;
    const session = await this.change(sessionId, (current) => {
      const startedMs = current.solveStartedAt ? Date.parse(current.solveStartedAt) : undefined;
      const isRunning = current.status === 'solving' && startedMs !== undefined && nowMs - startedMs < this.deps.solveStaleAfterMs;
      isClaimed = current.status !== 'ready' && !isRunning;
      return isClaimed ? { ...current, status: 'solving', failure: undefined, solveStartedAt: new Date(nowMs).toISOString() } : undefined;
    });
    return { session, isClaimed };
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

interface SessionIndex {
  readonly version: number;
  readonly ids: readonly string[];
}

const sessionKey = (id: string) => `session:${id}`;

/** The instructor's answer as the last rung: TeX unless it already carries its own `$` delimiters. */
function referenceRung(reference: string): string {
  return `**Answer:** ${reference.includes('$') ? reference : `$${reference}$`}`;
}
const indexKey = (owner: Actor) => `sessions-of:${owner.platform}:${owner.userId}`;

function newSessionId(): string {
  return BigInt(`0x${randomBytes(8).toString('hex')}`).toString(36).padStart(10, '0').slice(-10);
}

/** An over-long answer is refused by the checker and kept only in part, so one paste cannot bloat the store. */
function storedAnswer(answer: string): string {
  return answer.length > MAX_ANSWER_CHARS ? `${answer.slice(0, MAX_ANSWER_CHARS)}… (${answer.length} characters, cut)` : answer;
}

/** The set's options; where it leaves `ordered` unset, the problem's wording ("find all solutions") may settle it. */
function answerOptionsOf(session: Session): AnswerOptions {
  const options = session.answerOptions ?? {};
  const ordered = options.ordered ?? orderFromProblem(session.problem);
  return ordered === undefined ? options : { ...options, ordered };
}
