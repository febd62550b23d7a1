/** Builds an instructor's inspection of a ladder: a student's session, or a problem of a set as warmed. */
import type { AnswerChecker, AnswerOptions } from '../answer-checker.ts';
import { scopeOf, type Space } from '../classroom/space.ts';
import { warmKeyOf, type WarmResult } from '../classroom/warm-set.ts';
import { UserFacingError } from '../errors.ts';
import { explainHintLadder, type HintLadder } from '../hints/hint-ladder.ts';
import type { PromptTemplate } from '../hints/prompt.ts';
import { LadderProvider, type ModelOutput } from '../ladder-provider.ts';
import type { ReasoningModel } from '../model/reasoning-model.ts';
import { findProblem, ProblemSetLibrary } from '../problemsets/index.ts';
import type { Session } from '../session.ts';
import { scopedStore } from '../store/scoped-store.ts';
import type { Store } from '../store/store.ts';
import type { Tutor } from '../tutor.ts';
import type { InspectedBuild, InspectedOutput, InspectedReference, InspectedSession, InspectionSubject, LadderInspection } from './inspection.ts';
import { pricesAt, solveCostUsd, type PriceSource } from './usage-cost.ts';

/** What an inspector reads from. */
export interface InspectorDependencies {
  /** Sessions. */
  readonly tutor: Tutor;
  /** The shared store: solve records, sets, warm results. */
  readonly store: Store;
  /** The model and prompt in use (they name the solve cache entries). */
  readonly model: ReasoningModel;
  readonly prompt: PromptTemplate;
  /** Compares R1's answer with the instructor's. */
  readonly checker: AnswerChecker;
  /** For the cost of a solve (the prices in force when it was solved). */
  readonly prices: PriceSource;
}

/** Reads how a ladder came to be. Instructors only: it holds R1's reasoning and the answer. */
export class Inspector {
  private readonly ladders: LadderProvider;

  constructor(private readonly deps: InspectorDependencies) {
    this.ladders = new LadderProvider(deps.store, deps.model, deps.prompt);
  }

  /** The ladder behind session `sessionId`, and what the student did with it. */
  async session(sessionId: string): Promise<LadderInspection> {
    const session = await this.deps.tutor.session(sessionId);
    if (!session) throw new UserFacingError(`There is no session ${sessionId}. "stepwise sessions" lists yours.`);
    const notes: string[] = [];
    const key = session.solveKey ?? this.ladders.keyOf(session.problem);
    if (!session.solveKey) notes.push('This session was solved before sessions kept their solve record; the record shown is the one the current model and prompt would use.');
    const record = await this.ladders.read(key);
    if (!record) notes.push(session.status === 'ready' ? "R1's output for this session is no longer stored." : `The session is ${session.status}: R1 has not answered it yet.`);
    const subject: InspectionSubject = { kind: 'session', sessionId, setId: session.origin?.setId, problemId: session.origin?.problemId, problem: session.problem };
    const base: Partial<Awaited<ReturnType<Inspector['fromRecord']>>> = record ? await this.fromRecord(session.problem, key, record, notes) : {};
    const reference = session.reference && base.build ? await this.referenceOf(session.reference, session.authoredHints ?? [], base.build, session.answerOptions ?? {}) : undefined;
    if (session.ladder && base.build && !sameRungs(session.ladder, base.build)) {
      notes.push('The ladder builder has changed since this session was solved: "How the ladder was built" shows what it makes today; "The session" shows what the student got.');
    }
    const warm = session.origin ? await scopedStore(this.deps.store, session.origin.scope).get<WarmResult>(warmKeyOf(session.origin.setId)) : undefined;
    const agreement = warm?.results.find((result) => result.problemId === session.origin?.problemId)?.agreement;
    return { subject, ...base, reference, agreement, session: sessionPart(session), notes };
  }

  /** The ladder students of `space` get for problem `problemId` of set `setId`. */
  async problem(space: Space, setId: string, problemId: string): Promise<LadderInspection> {
    const scoped = scopedStore(this.deps.store, scopeOf(space));
    const set = await new ProblemSetLibrary(scoped).get(setId);
    if (!set) throw new UserFacingError(`There is no problem set "${setId}" here. "stepwise problemset list" shows the sets.`);
    const problem = findProblem(set, problemId);
    if (!problem) throw new UserFacingError(`Set "${setId}" has no problem "${problemId}". Its problems: ${set.problems.map((candidate) => candidate.id).join(', ')}.`);
    const key = this.ladders.keyOf(problem.statement);
    const record = await this.ladders.read(key);
    if (!record) {
      throw new UserFacingError(`Problem "${problemId}" of "${setId}" has not been solved with the current model and prompt yet. Warm the set first ("stepwise problemset warm FILE").`);
    }
    const notes: string[] = [];
    const base = await this.fromRecord(problem.statement, key, record, notes);
    const reference = await this.referenceOf(problem.answer, problem.hints, base.build, problem.answerOptions);
    const warm = await scoped.get<WarmResult>(warmKeyOf(setId));
    const agreement = warm?.results.find((result) => result.problemId === problemId)?.agreement;
    return { subject: { kind: 'problem', setId, problemId, problem: problem.statement }, ...base, reference, agreement, notes };
  }

  private async fromRecord(problem: string, key: string, record: ModelOutput, notes: string[]): Promise<{ request?: LadderInspection['request']; output: InspectedOutput; build: InspectedBuild }> {
    if (!record.request) notes.push('This solve was made before requests were recorded: the request sent is not known.');
    const prices = pricesAt(this.deps.prices, record.solvedAt ? new Date(record.solvedAt) : new Date());
    const output: InspectedOutput = {
      cacheKey: key, reasoning: record.reasoning, answerText: record.answerText, model: record.model, servedModel: record.usage?.servedModel,
      usage: record.usage, costUsd: record.usage ? solveCostUsd(record.usage, prices) : undefined, prices, solvedAt: record.solvedAt, sample: record.sample,
    };
    const { ladder, steps } = await explainHintLadder({ problem, reasoning: record.reasoning, answer: record.answerText });
    const request = record.request ? { ...record.request, promptVersion: record.promptVersion } : undefined;
    return { request, output, build: { source: ladder.source, finalAnswer: ladder.finalAnswer, steps, decisions: ladder.decisions ?? [], rungs: ladder.rungs } };
  }

  private async referenceOf(answer: string, authoredHints: readonly string[], build: InspectedBuild, options: AnswerOptions): Promise<InspectedReference> {
    const agrees = build.finalAnswer !== undefined && (await this.deps.checker(answer, build.finalAnswer, options)).verdict === 'equivalent';
    return { answer, agrees, authoredHints };
  }
}

function sessionPart(session: Session): InspectedSession {
  return {
    owner: session.owner.name ?? `${session.owner.platform}:${session.owner.userId}`, status: session.status,
    source: session.ladder?.source ?? 'answer-only', rungs: session.ladder?.rungs ?? [], revealed: session.revealed,
    answerRevealed: session.answerRevealed, reasoningShown: session.reasoningShown, isSolved: session.isSolved, attempts: session.attempts,
    createdAt: session.createdAt, updatedAt: session.updatedAt, lastHintAt: session.lastHintAt, solvedAt: session.solvedAt,
    failure: session.failure, fromCache: session.fromCache,
    conversation: session.conversation ?? [], conversationCostUsd: conversationCost(session),
  };
}

/** The replies' cost, as each was priced when it was made; undefined when none was priced. */
function conversationCost(session: Session): number | undefined {
  const costs = (session.conversation ?? []).map((exchange) => exchange.usage?.costUsd).filter((cost): cost is number => cost !== undefined);
  return costs.length === 0 ? undefined : costs.reduce((sum, cost) => sum + cost, 0);
}

/** Whether the session's R1 rungs are the ones the builder makes today (authored rungs come first in a set session). */
function sameRungs(ladder: HintLadder, build: InspectedBuild): boolean {
  if (ladder.source === 'authored') return true;
  const tail = ladder.rungs.slice(ladder.rungs.length - build.rungs.length);
  return tail.length === build.rungs.length && tail.every((rung, index) => rung.text === build.rungs[index]?.text);
}
