/**
 * The instructor's and the class's use cases: problem sets (upload, list, show, remove, export),
 * warming, practice, progress, reports and space-wide defaults. Sessions themselves stay the Tutor's.
 */
import type { AnswerChecker } from '../answer-checker.ts';
import { UserFacingError } from '../errors.ts';
import { AD_HOC_POLICY, type Policy } from '../policy.ts';
import { describePolicy, describeProblemSet, ProblemSetLibrary, resolvePolicy, type ProblemSetSummary, type SaveResult, type StoredProblemSet } from '../problemsets/index.ts';
import type { Actor, Session } from '../session.ts';
import { scopedStore } from '../store/scoped-store.ts';
import type { Store } from '../store/store.ts';
import type { Tutor } from '../tutor.ts';
import { messageView, type View } from '../views.ts';
import { buildClassReport, type ClassReport } from './class-report.ts';
import { readPractice, readSetSessions, recordPracticeSession } from './practice-record.ts';
import { reportCsv, reportTable } from './report-format.ts';
import { scopeOf, type Space } from './space.ts';
import { changeSpaceSettings, readSpaceSettings } from './space-settings.ts';
import { estimateWarm, warmKeyOf, warmSet, type TokenPrices, type WarmEstimate, type WarmOptions, type WarmProblemResult, type WarmResult } from './warm-set.ts';

/** What a classroom is built from. */
export interface ClassroomDependencies {
  /** Sessions and solving. */
  readonly tutor: Tutor;
  /** The shared store; each space gets its own scope in it. */
  readonly store: Store;
  /** Compares R1's answers with the instructor's when warming. */
  readonly checker: AnswerChecker;
  /** For warm cost estimates. */
  readonly prices: TokenPrices | ((at: Date) => TokenPrices);
}

/** A report in the forms instructors read it. */
export interface RenderedReport {
  /** The numbers. */
  readonly report: ClassReport;
  /** A compact monospace table for chat. */
  readonly table: string;
  /** One line per student and problem. */
  readonly csv: string;
}

/** What `/practice` gives. */
export type PracticeResult =
  /** A new session: solve it next (tutor.solve, with progress) exactly as for /solve. */
  | { readonly kind: 'new'; readonly session: Session; readonly intro: string }
  /** The student's unsolved session for this problem: show its view. */
  | { readonly kind: 'continue'; readonly session: Session; readonly view: View }
  /** Every problem is solved. */
  | { readonly kind: 'done'; readonly view: View };

/** Problem sets and the class around them, per space. */
export class Classroom {
  constructor(private readonly deps: ClassroomDependencies) {}

  /** Validates and stores a set (instructors only); replaces a set with the same id atomically. */
  async upload(space: Space, actor: Actor, text: string): Promise<SaveResult> {
    requireInstructor(actor, 'upload problem sets');
    return this.library(space).save(text, `${actor.platform}:${actor.userId}`);
  }

  /** The space's sets. */
  async list(space: Space): Promise<ProblemSetSummary[]> {
    return this.library(space).list();
  }

  /** A set in words; reference answers and authored hints only for instructors. */
  async show(space: Space, actor: Actor, setId: string): Promise<string> {
    const set = await this.requireSet(space, setId);
    const text = describeProblemSet(set, { includeAnswers: actor.isInstructor === true });
    const warm = actor.isInstructor ? await this.store(space).get<WarmResult>(warmKeyOf(setId)) : undefined;
    return warm ? `${text}\n\n${describeWarm(warm)}` : text;
  }

  /** Removes a set (instructors only). Students' sessions stay in the store. */
  async remove(space: Space, actor: Actor, setId: string): Promise<boolean> {
    requireInstructor(actor, 'remove problem sets');
    return this.library(space).remove(setId);
  }

  /** The set's file exactly as uploaded (instructors only: it holds the answers). */
  async export(space: Space, actor: Actor, setId: string): Promise<string> {
    requireInstructor(actor, 'export problem sets');
    const text = await this.library(space).export(setId);
    if (text === undefined) throw missingSet(setId);
    return text;
  }

  /** What warming the set would cost, `samples` solves per problem (instructors only). */
  async estimateWarm(space: Space, actor: Actor, setId: string, samples = 1): Promise<WarmEstimate> {
    requireInstructor(actor, 'warm problem sets');
    const prices = typeof this.deps.prices === 'function' ? this.deps.prices(new Date()) : this.deps.prices;
    return estimateWarm(await this.requireSet(space, setId), this.deps.tutor, prices, samples);
  }

  /** Solves every problem ahead of class and records which ones R1 disagrees on (instructors only). */
  async warm(space: Space, actor: Actor, setId: string, options: WarmOptions = {}): Promise<WarmResult> {
    requireInstructor(actor, 'warm problem sets');
    const set = await this.requireSet(space, setId);
    const result = await warmSet(set, this.deps.tutor, this.deps.checker, options);
    await this.store(space).set(warmKeyOf(setId), result);
    return result;
  }

  /**
   * The student's next unsolved problem of the set (named, else the channel's): an open session
   * of theirs is continued; otherwise a new one is opened with the set's policy and reference.
   */
  async practice(space: Space, actor: Actor, request: { setId?: string; channelId?: string; place?: Record<string, string> }): Promise<PracticeResult> {
    const setId = request.setId ?? (request.channelId ? (await readSpaceSettings(this.store(space))).channelSets[request.channelId] : undefined);
    if (!setId) throw new UserFacingError('Name a problem set to practise (for example /practice set:algebra-basics); no set is assigned to this channel.');
    const set = await this.requireSet(space, setId);
    const record = await readPractice(this.store(space), setId, actor);
    for (const problem of set.problems) {
      const sessionIds = record.sessions[problem.id] ?? [];
      const sessions = (await Promise.all(sessionIds.map((id) => this.deps.tutor.session(id)))).filter((session): session is Session => !!session);
      if (sessions.some((session) => session.isSolved)) continue;
      const open = sessions.at(-1);
      if (open) return { kind: 'continue', session: open, view: await this.deps.tutor.view(open.id, actor) };
      const session = await this.deps.tutor.open({
        problem: problem.statement, owner: actor, place: request.place, policy: resolvePolicy(set, problem), reference: problem.answer,
        answerOptions: problem.answerOptions, authoredHints: problem.hints, origin: { setId, problemId: problem.id, scope: scopeOf(space) },
      });
      await recordPracticeSession(this.store(space), setId, problem.id, actor, session.id);
      return { kind: 'new', session, intro: `Problem ${set.problems.indexOf(problem) + 1} of ${set.problems.length} in ${set.title}.` };
    }
    return { kind: 'done', view: messageView(`You have solved every problem in ${set.title}. Well done!`, 'success') };
  }

  /** The student's own progress in every set of the space. */
  async progress(space: Space, actor: Actor): Promise<View> {
    const lines: string[] = [];
    for (const summary of await this.list(space)) {
      const set = await this.library(space).get(summary.id);
      const record = await readPractice(this.store(space), summary.id, actor);
      if (!set || Object.keys(record.sessions).length === 0) continue;
      const sessions = await this.sessionsOf(Object.values(record.sessions).flat());
      const report = buildClassReport(set, sessions);
      const solved = report.rows.filter((row) => row.isSolved).length;
      const cells = report.rows.map((row) => `${row.problemId} ${row.isSolved ? '✓' : '…'} (${row.hintsOpened} hints, ${row.attempts} attempts)`);
      lines.push(`**${set.title}**: ${solved} of ${set.problems.length} solved\n${cells.join('\n')}`);
    }
    return messageView(lines.length > 0 ? lines.join('\n\n') : 'You have not practised any problem set here yet. Try /practice.', 'info', true);
  }

  /** The class report for a set (instructors only). */
  async report(space: Space, actor: Actor, setId: string): Promise<RenderedReport> {
    requireInstructor(actor, "read the class's reports");
    const set = await this.requireSet(space, setId);
    const report = buildClassReport(set, await this.sessionsOf(await readSetSessions(this.store(space), setId)));
    return { report, table: reportTable(report), csv: reportCsv(report) };
  }

  /** The policy for ad-hoc /solve in this space. */
  async adHocPolicy(space: Space): Promise<Policy> {
    return (await readSpaceSettings(this.store(space))).adHocPolicy;
  }

  /** Sets the ad-hoc policy (instructors only); returns it in words. */
  async setAdHocPolicy(space: Space, actor: Actor, change: Partial<Policy>): Promise<string> {
    requireInstructor(actor, 'change the class policy');
    const settings = await changeSpaceSettings(this.store(space), (current) => ({ ...current, adHocPolicy: { ...AD_HOC_POLICY, ...current.adHocPolicy, ...change } }));
    return describePolicy(settings.adHocPolicy);
  }

  /** Makes `setId` the set `/practice` uses in a channel (instructors only). */
  async assignChannel(space: Space, actor: Actor, channelId: string, setId: string): Promise<void> {
    requireInstructor(actor, 'assign problem sets to channels');
    await this.requireSet(space, setId);
    await changeSpaceSettings(this.store(space), (current) => ({ ...current, channelSets: { ...current.channelSets, [channelId]: setId } }));
  }

  private async requireSet(space: Space, setId: string): Promise<StoredProblemSet> {
    const set = await this.library(space).get(setId);
    if (!set) throw missingSet(setId);
    return set;
  }

  private async sessionsOf(ids: readonly string[]): Promise<Session[]> {
    const sessions = await Promise.all(ids.map((id) => this.deps.tutor.session(id)));
    return sessions.filter((session): session is Session => !!session);
  }

  private library(space: Space): ProblemSetLibrary {
    return new ProblemSetLibrary(this.store(space));
  }

  private store(space: Space): Store {
    return scopedStore(this.deps.store, scopeOf(space));
  }
}

function requireInstructor(actor: Actor, what: string): void {
  if (!actor.isInstructor) throw new UserFacingError(`Only instructors can ${what}.`);
}

function missingSet(setId: string): UserFacingError {
  return new UserFacingError(`There is no problem set "${setId}" here. /problemset list shows the sets.`);
}

/** Which problems R1 disagreed on when the set was last warmed (and, with samples, how they agreed). */
export function describeWarm(warm: WarmResult): string {
  const trouble = warm.results.filter((result) => result.status !== 'agrees');
  const agreement = warm.samples ? `\n${warm.results.map((result) => `- ${result.problemId}: ${describeAgreement(result)}`).join('\n')}` : '';
  if (trouble.length === 0) return `Warmed: R1 agrees with your answer on all ${warm.results.length} problems.${agreement}`;
  const lines = trouble.map((result) => `- ${result.problemId}: ${describeTrouble(result)}`);
  const samples = warm.samples ? `\nSamples (${warm.samples} per problem):${agreement}` : '';
  return `Warmed: R1 agrees on ${warm.results.length - trouble.length} of ${warm.results.length} problems. Check these:\n${lines.join('\n')}${samples}`;
}

function describeTrouble(result: WarmProblemResult): string {
  switch (result.status) {
    case 'failed':
      return `not warmed (${result.message ?? 'model failure'})`;
    case 'no-answer':
      return 'R1 gave no final answer; students get your authored hints and your answer';
    case 'no-majority': {
      const kept = result.r1Answer === undefined ? 'gave no final answer' : `is from a sample that answered ${result.r1Answer}`;
      const students = result.agreesWithReference ? "as you did, so students get R1's hints from it: read them first" : 'students get your authored hints and your answer';
      return `no majority (${describeAgreement(result)}); the ladder kept ${kept}: ${students}`;
    }
    default:
      return `${result.agreement ? 'the majority of samples answered' : 'R1 answered'} ${result.r1Answer ?? '?'}; students get your authored hints and your answer`;
  }
}

/** "4 of 5 samples agree (on 18; others: 17 ×1)". */
function describeAgreement(result: WarmProblemResult): string {
  const agreement = result.agreement;
  if (!agreement) return result.status;
  const [largest, ...others] = agreement.groups;
  const named = (answer: string | undefined) => answer ?? 'no answer';
  const rest = others.map((group) => `${named(group.answer)} ×${group.samples.length}`);
  if (agreement.failed > 0) rest.push(`failed ×${agreement.failed}`);
  return `${agreement.agreeing} of ${agreement.total} samples agree${largest ? ` (on ${named(largest.answer)}${rest.length > 0 ? `; others: ${rest.join(', ')}` : ''})` : ''}`;
}
