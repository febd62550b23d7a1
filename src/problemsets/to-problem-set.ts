/** From the schema's output (file-shaped) to the engine's `ProblemSet`. */
import type { AnswerOptions } from '../answer-checker.ts';
import type { ProblemSetFile } from './problem-set-schema.ts';
import type { PolicySettings, Problem, ProblemSet } from './problem-set.ts';

type ProblemFile = ProblemSetFile['problems'][number];
type PolicyFile = NonNullable<ProblemSetFile['policy']>;

/** Builds the set; only the options and policy fields the file wrote are present. */
export function toProblemSet(file: ProblemSetFile): ProblemSet {
  return {
    id: file.id,
    title: file.title,
    ...(file.description === undefined ? {} : { description: file.description }),
    policy: toPolicy(file.policy),
    problems: file.problems.map(toProblem),
  };
}

function toProblem(problem: ProblemFile): Problem {
  return {
    id: problem.id,
    statement: problem.statement,
    answer: problem.answer,
    answerOptions: definedOnly<AnswerOptions>({
      ordered: problem.ordered,
      requireForm: problem.requireForm,
      allowDecimal: problem.allowDecimal,
      unitsRequired: problem.unitsRequired,
    }),
    hints: problem.hints ?? [],
    ...(problem.topic === undefined ? {} : { topic: problem.topic }),
    policy: toPolicy(problem.policy),
  };
}

function toPolicy(policy: PolicyFile | undefined): PolicySettings {
  if (!policy) return {};
  return definedOnly<PolicySettings>({
    revealAnswer: policy.revealAnswer,
    showReasoning: policy.showReasoning,
    maxHints: policy.maxHints,
    attemptBeforeNextHint: policy.attemptBeforeNextHint,
    hintCooldownSeconds: policy.hintCooldownSeconds,
    conversation: policy.conversation,
  });
}

function definedOnly<T extends object>(fields: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}
