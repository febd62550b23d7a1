/** A three-problem set and an R1 that gets the last one wrong, for the practice, warm and report tests. */
import type { Actor, Space } from '../../src/index.ts';
import { FakeReasoningModel } from '../fakes/fake-reasoning-model.ts';
import { WEEK_ONE_YAML, weekOneR1 } from '../fixtures/week-one.ts';
import { INSTRUCTOR, type DiscordHarness } from './discord-harness.ts';

export { WEEK_ONE_YAML };

/** R1 by problem: right on the first two, 0.35 on "tricky". */
export function weekOneModel(): FakeReasoningModel {
  return new FakeReasoningModel(weekOneR1);
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
