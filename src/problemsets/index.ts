/** Problem sets: the YAML file format, its validation, its policy, and its storage. */
export { describePolicy, describeProblemSet, type DescribeOptions } from './describe-problem-set.ts';
export { describeGate, GATE_CHOICES, parseGate } from './gate-text.ts';
export { parseProblemSet } from './parse-problem-set.ts';
export { formatIssue, ProblemSetError, type ProblemSetIssue } from './problem-set-error.ts';
export { ProblemSetLibrary } from './problem-set-library.ts';
export { MAX_FILE_BYTES, MAX_PROBLEMS, MAX_STATEMENT_CHARS } from './problem-set-limits.ts';
export { findProblem, type PolicySettings, type Problem, type ProblemSet } from './problem-set.ts';
export { PRACTICE_SET_POLICY, resolvePolicy } from './resolve-policy.ts';
export type { ProblemInSet, ProblemSetSummary, SaveResult, StoredProblemSet } from './stored-problem-set.ts';
