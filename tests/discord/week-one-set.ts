/** A three-problem set and an R1 that gets the last one wrong, for the practice, warm and report tests. */
import type { Actor, Space } from '../../src/index.ts';
import { FakeReasoningModel, r1Events } from '../fakes/fake-reasoning-model.ts';
import { INSTRUCTOR, type DiscordHarness } from './discord-harness.ts';

export const WEEK_ONE_YAML = `
id: week-1
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

/** R1 by problem: right on the first two, 0.35 on "tricky". */
export function weekOneModel(): FakeReasoningModel {
  return new FakeReasoningModel((prompt) => {
    if (prompt.includes('2x + 3 = 7')) return r1Events('2x = 4 so x = 2.', 'Step 1\nHint: Subtract 3.\nWork: $2x = 4$.\n\nStep 2\nHint: Divide by 2.\nWork: $x = 2$.\n\nFinal answer: $\\boxed{x = 2}$');
    if (prompt.includes('7^2')) return r1Events('7 times 7 is 49.', 'Step 1\nHint: Multiply 7 by itself.\nWork: $7 \\times 7 = 49$.\n\nFinal answer: $\\boxed{49}$');
    return r1Events('Adding tenths.', 'Step 1\nHint: Add the tenths.\nWork: $0.1 + 0.2$.\n\nFinal answer: $\\boxed{0.35}$');
  });
}

/** The fake's server as the engine names it. */
export function spaceOfHarness(harness: DiscordHarness): Space {
  return { platform: 'discord', id: harness.fake.guildId };
}

/** Uploads week 1 straight through the engine (these tests are not about uploading). */
export async function uploadWeekOne(harness: DiscordHarness): Promise<void> {
  const instructor: Actor = { platform: 'discord', userId: INSTRUCTOR.id, name: INSTRUCTOR.username, isInstructor: true };
  await harness.classroom.upload(spaceOfHarness(harness), instructor, WEEK_ONE_YAML);
}
