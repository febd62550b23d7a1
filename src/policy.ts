/** Who may see what, when: the instructor's rules, enforced here rather than in any prompt. */

/** When something gated (the answer, the reasoning) may be shown to a student. */
export type Gate =
  | { readonly when: 'always' }
  | { readonly when: 'after-attempts'; readonly attempts: number }
  | { readonly when: 'after-solved' }
  /** After one attempt, or once every hint the student may open is open (or when solved). */
  | { readonly when: 'after-trying' }
  /** Once the answer has been shown, or the problem solved. */
  | { readonly when: 'after-answer' }
  | { readonly when: 'never' };

/** The rules for one problem. */
export interface Policy {
  /** When the final answer (the last rung, or Reveal answer) may be shown. */
  readonly answer: Gate;
  /** When R1's chain of thought may be shown; it contains the answer, so gate it like one. */
  readonly reasoning: Gate;
  /** The most hint rungs (before the answer) a student may open; unset means all. */
  readonly maxHints?: number;
  /** Whether the student must try an answer before each hint after the first. */
  readonly attemptBeforeNextHint: boolean;
  /** Seconds a student must wait between two hints. */
  readonly hintCooldownSeconds: number;
  /** Whether the student may talk to the tutor in the thread (questions answered by the model); unset means yes. */
  readonly conversation?: boolean;
}

/**
 * Ad-hoc `/solve`, guarded: the answer opens after an attempt or once every hint is open, R1's
 * reasoning (which contains the answer) once the answer is shown or the problem solved. Learners
 * given unguarded answers scored 17% worse on a later exam (Bastani et al., PNAS 2025). A space's
 * `/policy` (and the terminal's `policy` command) can loosen it; problem sets keep their own.
 */
export const AD_HOC_POLICY: Policy = {
  answer: { when: 'after-trying' },
  reasoning: { when: 'after-answer' },
  attemptBeforeNextHint: false,
  hintCooldownSeconds: 0,
};

/** What the policy needs to know about a session. */
export interface PolicyState {
  /** Answers tried so far. */
  readonly attempts: number;
  /** Whether one of them was right. */
  readonly isSolved: boolean;
  /** Hint rungs (not the answer) opened so far. */
  readonly hintsOpened: number;
  /** Attempts made when the last hint was opened. */
  readonly attemptsAtLastHint: number;
  /** When the last hint was opened (ms since epoch), if ever. */
  readonly lastHintAtMs?: number;
  /** Hint rungs the student may open in all (the ladder's, capped by `maxHints`). */
  readonly hintsAvailable: number;
  /** Whether the final answer has been shown. */
  readonly isAnswerShown: boolean;
}

/** A yes, or a no with the sentence that tells the student when it will be a yes. */
export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

const YES: Decision = { allowed: true };

/** May the final answer be shown now? */
export function mayRevealAnswer(policy: Policy, state: PolicyState): Decision {
  return passes(policy.answer, state, 'the answer');
}

/** May R1's reasoning be shown now? */
export function mayShowReasoning(policy: Policy, state: PolicyState): Decision {
  return passes(policy.reasoning, state, 'the reasoning');
}

/** May the next hint rung (not the answer) be opened now? */
export function mayOpenHint(policy: Policy, state: PolicyState, nowMs: number): Decision {
  if (policy.maxHints !== undefined && state.hintsOpened >= policy.maxHints) {
    return { allowed: false, reason: `This problem allows ${plural(policy.maxHints, 'hint')}, and you have opened them all.` };
  }
  if (policy.attemptBeforeNextHint && state.hintsOpened > 0 && state.attempts <= state.attemptsAtLastHint) {
    return { allowed: false, reason: 'Try an answer first: the next hint opens after your next attempt.' };
  }
  if (policy.hintCooldownSeconds > 0 && state.lastHintAtMs !== undefined) {
    const waitMs = state.lastHintAtMs + policy.hintCooldownSeconds * 1000 - nowMs;
    if (waitMs > 0) return { allowed: false, reason: `Take a moment with this hint: the next one opens in ${Math.ceil(waitMs / 1000)} s.` };
  }
  return YES;
}

/** May the student ask the tutor questions in the thread? */
export function mayConverse(policy: Policy): Decision {
  return policy.conversation === false
    ? { allowed: false, reason: 'Your instructor has turned off questions to the tutor for this problem. Use the hints, or type your answer to check it.' }
    : YES;
}

function passes(gate: Gate, state: PolicyState, what: string): Decision {
  switch (gate.when) {
    case 'always':
      return YES;
    case 'never':
      return { allowed: false, reason: `Your instructor has chosen not to show ${what} for this problem.` };
    case 'after-solved':
      return state.isSolved ? YES : { allowed: false, reason: `You can see ${what} once you have solved the problem.` };
    case 'after-trying':
      // With no hint to open, only an attempt opens it: a one-rung ladder must not open on its own.
      if (state.isSolved || state.attempts > 0 || (state.hintsAvailable > 0 && state.hintsOpened >= state.hintsAvailable)) return YES;
      return { allowed: false, reason: `Try an answer first (check <answer>), or open every hint: then you can see ${what}.` };
    case 'after-answer':
      if (state.isSolved || state.isAnswerShown) return YES;
      return { allowed: false, reason: `You can see ${what} once the answer has been shown or you have solved the problem.` };
    case 'after-attempts': {
      const left = gate.attempts - state.attempts;
      if (state.isSolved || left <= 0) return YES;
      return { allowed: false, reason: `You can see ${what} after ${plural(left, 'more attempt')}.` };
    }
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
