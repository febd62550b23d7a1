/** Turns the policy an instructor wrote (set-wide, then per problem) into the engine's `Policy`. */
import type { Policy } from '../policy.ts';
import type { PolicySettings, Problem, ProblemSet } from './problem-set.ts';

/** What a practice set does where its file is silent: answer and reasoning once solved, no limits. */
export const PRACTICE_SET_POLICY: Policy = {
  answer: { when: 'after-solved' },
  reasoning: { when: 'after-solved' },
  attemptBeforeNextHint: false,
  hintCooldownSeconds: 0,
};

/** The effective policy of `problem`: the practice defaults, then the set's policy, then the problem's overrides. */
export function resolvePolicy(set: Pick<ProblemSet, 'policy'>, problem: Pick<Problem, 'policy'>): Policy {
  return applySettings(applySettings(PRACTICE_SET_POLICY, set.policy), problem.policy);
}

function applySettings(base: Policy, settings: PolicySettings): Policy {
  const maxHints = settings.maxHints === undefined ? base.maxHints : settings.maxHints === 'unlimited' ? undefined : settings.maxHints;
  const policy: Policy = {
    answer: settings.revealAnswer ?? base.answer,
    reasoning: settings.showReasoning ?? base.reasoning,
    attemptBeforeNextHint: settings.attemptBeforeNextHint ?? base.attemptBeforeNextHint,
    hintCooldownSeconds: settings.hintCooldownSeconds ?? base.hintCooldownSeconds,
    ...((settings.conversation ?? base.conversation) === false ? { conversation: false } : {}),
  };
  return maxHints === undefined ? policy : { ...policy, maxHints };
}
