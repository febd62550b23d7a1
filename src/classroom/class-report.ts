/** Where each student got stuck: per student and problem, and per problem across the class. */
import type { ProblemSet } from '../problemsets/index.ts';
import { hintsOpened, isAnswerShown, type Session } from '../session.ts';
import { questionsAsked } from '../conversation/conversation-limits.ts';

const TOP_WRONG_ANSWERS = 3;

/** One student's work on one problem (all their sessions for it). */
export interface StudentProblemRow {
  /** The student's display name (or id). */
  readonly student: string;
  /** `platform:userId`. */
  readonly studentId: string;
  /** The problem. */
  readonly problemId: string;
  /** Whether any attempt was right. */
  readonly isSolved: boolean;
  /** Answers tried. */
  readonly attempts: number;
  /** Hint rungs opened (not counting the answer). */
  readonly hintsOpened: number;
  /** Whether the final answer was shown to them. */
  readonly answerRevealed: boolean;
  /** Seconds from first opening the problem to solving it. */
  readonly secondsToSolve?: number;
  /** Questions they asked the tutor in the thread (replies that failed not counted). */
  readonly questions: number;
}

/** One problem across the class. */
export interface ProblemSummary {
  /** The problem. */
  readonly problemId: string;
  /** Students who opened it. */
  readonly students: number;
  /** Share of them who solved it (0..1). */
  readonly solveRate: number;
  /** Median hints opened. */
  readonly medianHints: number;
  /** The most common wrong answers, most frequent first. */
  readonly commonWrongAnswers: readonly { readonly answer: string; readonly count: number }[];
}

/** A set's report. */
export interface ClassReport {
  /** The set. */
  readonly setId: string;
  /** Its title. */
  readonly title: string;
  /** Student x problem rows, by student then set order. */
  readonly rows: readonly StudentProblemRow[];
  /** Per problem, in set order. */
  readonly problems: readonly ProblemSummary[];
}

/** Builds the report of `set` from its practice sessions. */
export function buildClassReport(set: ProblemSet, sessions: readonly Session[]): ClassReport {
  const order = new Map(set.problems.map((problem, index) => [problem.id, index]));
  const groups = new Map<string, Session[]>();
  for (const session of sessions) {
    const problemId = session.origin?.problemId;
    if (!problemId || !order.has(problemId)) continue; // problems removed from the set drop out
    const key = `${session.owner.platform}:${session.owner.userId}\u0000${problemId}`;
    groups.set(key, [...(groups.get(key) ?? []), session]);
  }
  const rows = [...groups.values()].map(rowOf).sort((a, b) =>
    a.student.localeCompare(b.student) || (order.get(a.problemId) ?? 0) - (order.get(b.problemId) ?? 0));
  const problems = set.problems.map((problem) => summarize(problem.id, rows, sessions));
  return { setId: set.id, title: set.title, rows, problems };
}

function rowOf(sessions: Session[]): StudentProblemRow {
  const first = sessions.reduce((a, b) => (a.createdAt <= b.createdAt ? a : b));
  const solvedAt = sessions.map((session) => session.solvedAt).filter((at): at is string => !!at).sort()[0];
  return {
    student: first.owner.name ?? first.owner.userId,
    studentId: `${first.owner.platform}:${first.owner.userId}`,
    problemId: first.origin?.problemId ?? '',
    isSolved: sessions.some((session) => session.isSolved),
    attempts: sessions.reduce((sum, session) => sum + session.attempts.length, 0),
    hintsOpened: Math.max(...sessions.map(hintsOpened)),
    answerRevealed: sessions.some((session) => session.answerRevealed || isAnswerShown(session)),
    questions: sessions.reduce((sum, session) => sum + questionsAsked(session.conversation ?? [], session.owner.userId).length, 0),
    ...(solvedAt ? { secondsToSolve: Math.round((Date.parse(solvedAt) - Date.parse(first.createdAt)) / 1000) } : {}),
  };
}

function summarize(problemId: string, rows: readonly StudentProblemRow[], sessions: readonly Session[]): ProblemSummary {
  const mine = rows.filter((row) => row.problemId === problemId);
  const wrong = new Map<string, number>();
  for (const session of sessions.filter((candidate) => candidate.origin?.problemId === problemId)) {
    for (const attempt of session.attempts) {
      if (attempt.verdict !== 'not-equivalent') continue;
      const answer = attempt.answer.replace(/\s+/g, ' ').trim();
      wrong.set(answer, (wrong.get(answer) ?? 0) + 1);
    }
  }
  return {
    problemId,
    students: mine.length,
    solveRate: mine.length === 0 ? 0 : mine.filter((row) => row.isSolved).length / mine.length,
    medianHints: median(mine.map((row) => row.hintsOpened)),
    commonWrongAnswers: [...wrong].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP_WRONG_ANSWERS).map(([answer, count]) => ({ answer, count })),
  };
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
