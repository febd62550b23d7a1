/** A small problem set and a scripted R1 that disagrees with the instructor on one of its problems. */
import type { Actor, Space } from '../../src/index.ts';
import { r1Events } from '../fakes/fake-reasoning-model.ts';
import { TEACHER } from './slack-harness.ts';

/** The fake workspace every test command comes from. */
export const SPACE: Space = { platform: 'slack', id: 'T1' };
/** The instructor, as the engine sees them, for setting up sets without Slack. */
export const TEACHER_ACTOR: Actor = { platform: 'slack', userId: TEACHER, name: 'teacher', isInstructor: true };

/** Three problems; R1 gets the third wrong. */
export const WEEK_1 = `id: week-1
title: Week 1
policy:
  revealAnswer: after 2 attempts
problems:
  - id: linear
    statement: Solve $2x + 3 = 7$.
    answer: x = 2
  - id: square
    statement: What is $7^2$?
    answer: 49
  - id: tricky
    statement: What is $0.1 + 0.2$?
    answer: 0.3
`;

/** R1 by problem: right on the first two of week-1, wrong on "tricky" (0.35 instead of 0.3). */
export function scriptedR1(prompt: string) {
  if (prompt.includes('2x + 3 = 7')) return r1Events('2x = 4 so x = 2.', 'Step 1\nHint: Subtract 3.\nWork: $2x = 4$.\n\nStep 2\nHint: Divide by 2.\nWork: $x = 2$.\n\nFinal answer: $\\boxed{x = 2}$');
  if (prompt.includes('7^2')) return r1Events('7 times 7 is 49.', 'Step 1\nHint: Multiply 7 by itself.\nWork: $7 \\times 7 = 49$.\n\nFinal answer: $\\boxed{49}$');
  return r1Events('Floating point...', 'Step 1\nHint: Add the tenths.\nWork: $0.1 + 0.2$.\n\nFinal answer: $\\boxed{0.35}$');
}
