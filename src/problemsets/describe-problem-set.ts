/** A set as readable text, for `show`: the policy in words and one paragraph per problem. */
import type { Policy } from '../policy.ts';
import { describeGate } from './gate-text.ts';
import type { ProblemSet } from './problem-set.ts';
import { resolvePolicy } from './resolve-policy.ts';

/** What to include; reference answers only for instructors. */
export interface DescribeOptions {
  /** Include each problem's reference answer and authored hints (never for a student's view). */
  readonly includeAnswers: boolean;
}

/** A policy in one line: `answer after solved; reasoning never; hints: at most 3; …`. */
export function describePolicy(policy: Policy): string {
  return [
    `answer ${describeGate(policy.answer)}`,
    `reasoning ${describeGate(policy.reasoning)}`,
    `hints: ${policy.maxHints === undefined ? 'no limit' : `at most ${policy.maxHints}`}`,
    policy.attemptBeforeNextHint ? 'an attempt before each next hint' : 'no attempt needed for a hint',
    policy.hintCooldownSeconds > 0 ? `${policy.hintCooldownSeconds} s between hints` : 'no cooldown',
    ...(policy.conversation === false ? ['no questions to the tutor'] : []),
  ].join('; ');
}

/** The set as Markdown-friendly text. */
export function describeProblemSet(set: ProblemSet, options: DescribeOptions): string {
  const setPolicy = resolvePolicy(set, { policy: {} });
  const header = [`${set.id}: ${set.title} (${set.problems.length} problem${set.problems.length === 1 ? '' : 's'})`];
  if (set.description) header.push(set.description);
  header.push(`Policy: ${describePolicy(setPolicy)}`);
  const problems = set.problems.map((problem, index) => {
    const lines = [`${index + 1}. ${problem.id}${problem.topic ? ` [${problem.topic}]` : ''}: ${problem.statement}`];
    const policy = describePolicy(resolvePolicy(set, problem));
    if (policy !== describePolicy(setPolicy)) lines.push(`   policy: ${policy}`);
    const checks = Object.entries(problem.answerOptions).map(([name, value]) => `${name}: ${String(value)}`);
    if (checks.length > 0) lines.push(`   checking: ${checks.join(', ')}`);
    if (options.includeAnswers) {
      lines.push(`   answer: ${problem.answer}`);
      problem.hints.forEach((hint, number) => lines.push(`   hint ${number + 1}: ${hint}`));
    } else if (problem.hints.length > 0) {
      lines.push(`   ${problem.hints.length} authored hint${problem.hints.length === 1 ? '' : 's'}`);
    }
    return lines.join('\n');
  });
  return [...header, '', ...problems].join('\n');
}
