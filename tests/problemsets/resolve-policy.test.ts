import { describe, expect, it } from 'vitest';
import { PRACTICE_SET_POLICY, resolvePolicy } from '../../src/index.ts';

describe('resolvePolicy', () => {
  it('gives a practice set answer and reasoning after solved, no cap, no attempt rule and no cooldown by default', () => {
    expect(resolvePolicy({ policy: {} }, { policy: {} })).toEqual({
      answer: { when: 'after-solved' },
      reasoning: { when: 'after-solved' },
      attemptBeforeNextHint: false,
      hintCooldownSeconds: 0,
    });
    expect(PRACTICE_SET_POLICY.maxHints).toBeUndefined();
  });

  it('applies the set policy, then the problem overrides field by field', () => {
    const set = { policy: { revealAnswer: { when: 'after-attempts', attempts: 3 }, maxHints: 4, attemptBeforeNextHint: true } } as const;
    const problem = { policy: { showReasoning: { when: 'never' }, hintCooldownSeconds: 20 } } as const;
    expect(resolvePolicy(set, problem)).toEqual({
      answer: { when: 'after-attempts', attempts: 3 },
      reasoning: { when: 'never' },
      maxHints: 4,
      attemptBeforeNextHint: true,
      hintCooldownSeconds: 20,
    });
  });

  it('lets a problem lift the set hint cap with "unlimited" and set its own', () => {
    const set = { policy: { maxHints: 2 } };
    expect(resolvePolicy(set, { policy: { maxHints: 'unlimited' } })).not.toHaveProperty('maxHints');
    expect(resolvePolicy(set, { policy: { maxHints: 0 } }).maxHints).toBe(0);
    expect(resolvePolicy({ policy: { attemptBeforeNextHint: true } }, { policy: { attemptBeforeNextHint: false } }).attemptBeforeNextHint).toBe(false);
  });
});
