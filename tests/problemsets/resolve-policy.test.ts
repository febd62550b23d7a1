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

  it('turns conversation off for a set, and lets a problem turn it back on', async () => {
    const { parseProblemSet, describePolicy } = await import('../../src/index.ts');
    const set = parseProblemSet('id: s\ntitle: T\npolicy:\n  conversation: false\nproblems:\n  - id: p1\n    statement: a\n    answer: 1\n  - id: p2\n    statement: b\n    answer: 2\n    policy:\n      conversation: true\n');
    const [first, second] = set.problems;
    expect(resolvePolicy(set, first ?? { policy: {} }).conversation).toBe(false);
    expect(describePolicy(resolvePolicy(set, first ?? { policy: {} }))).toContain('no questions to the tutor');
    expect(resolvePolicy(set, second ?? { policy: {} })).not.toHaveProperty('conversation');
    expect(() => parseProblemSet('id: s\ntitle: T\npolicy:\n  conversation: nope\nproblems:\n  - id: p1\n    statement: a\n    answer: 1\n'))
      .toThrow('- line 4, column 17 (policy): "conversation" must be true or false (got "nope"): write conversation: true');
  });
});
