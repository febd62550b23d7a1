/** A problem-set file that was refused, with every problem in it located and explained. */
import { UserFacingError } from '../errors.ts';

/** One thing wrong with a file. */
export interface ProblemSetIssue {
  /** 1-based line in the file. */
  readonly line: number;
  /** 1-based column in the file. */
  readonly column: number;
  /** Where in the set, e.g. `problems[2].answer`; empty for the file as a whole. */
  readonly path: string;
  /** What is wrong and what to write instead. */
  readonly message: string;
}

/** Thrown when a file is refused; nothing was saved. The message lists every issue, one per line. */
export class ProblemSetError extends UserFacingError {
  constructor(readonly issues: readonly ProblemSetIssue[]) {
    super(describeIssues(issues));
  }
}

/** One issue as a line: `line 14, column 5 (problems[2]): "answer" is missing: add …`. */
export function formatIssue(issue: ProblemSetIssue): string {
  const context = issue.path.replace(/\.[^.[\]]+$|^[^.[\]]+$/, '');
  return `line ${issue.line}, column ${issue.column}${context ? ` (${context})` : ''}: ${issue.message}`;
}

function describeIssues(issues: readonly ProblemSetIssue[]): string {
  const count = issues.length === 1 ? '1 issue' : `${issues.length} issues`;
  return `This problem set has ${count} to fix; nothing was saved:\n${issues.map((issue) => `- ${formatIssue(issue)}`).join('\n')}`;
}
