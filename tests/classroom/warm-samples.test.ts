import { describe, expect, it } from 'vitest';
import { createAnswerChecker } from '../../src/answer-feedback.ts';
import { Classroom, describeWarm, type Actor, type Space } from '../../src/index.ts';
import type { FakeReasoningModel } from '../fakes/fake-reasoning-model.ts';
import { createTutorHarness } from '../support/tutor-harness.ts';
import { SAMPLED_SET_YAML, samplingModel } from '../fixtures/sampled-set.ts';

const space: Space = { platform: 'discord', id: 'guild-1' };
const teacher: Actor = { platform: 'discord', userId: 't1', name: 'Ms. Noether', isInstructor: true };
const student: Actor = { platform: 'discord', userId: 'ada', name: 'Ada' };

function classroomWith(model: FakeReasoningModel) {
  const harness = createTutorHarness(model);
  const classroom = new Classroom({ tutor: harness.tutor, store: harness.store, checker: createAnswerChecker(), prices: { inputPerMillion: 0.55, outputPerMillion: 2.19 } });
  return { ...harness, classroom };
}

describe('warming with several samples', () => {
  it('estimates every sample, solves each one, keeps the majority and flags disagreement and splits', async () => {
    const model = samplingModel();
    const { classroom, tutor } = classroomWith(model);
    await classroom.upload(space, teacher, SAMPLED_SET_YAML);
    const estimate = await classroom.estimateWarm(space, teacher, 'sampled', 3);
    expect(estimate).toMatchObject({ problems: 3, alreadyWarm: 0, samples: 3, solves: 9 });
    expect(estimate.outputTokens).toBe(9 * 4_000);

    const result = await classroom.warm(space, teacher, 'sampled', { samples: 3, concurrency: 2 });
    expect(model.calls).toBe(9);
    const byId = Object.fromEntries(result.results.map((problem) => [problem.problemId, problem]));
    expect(byId.product).toMatchObject({ status: 'agrees', r1Answer: '42', agreement: { total: 3, agreeing: 2, hasMajority: true } });
    expect(byId.sum).toMatchObject({ status: 'disagrees', r1Answer: '12', agreement: { agreeing: 2, hasMajority: true } });
    expect(byId.split).toMatchObject({ status: 'no-majority', agreement: { agreeing: 1, hasMajority: false } });
    expect(byId.split?.agreement?.groups.map((group) => group.answer).sort()).toEqual(['5', '6', '7']);
    // Usage counts all nine solves, not one per problem.
    expect(result.usage).toMatchObject({ promptTokens: 9 * 120, reasoningTokens: 9 * 300, answerTokens: 9 * 90 });

    const summary = describeWarm(result);
    expect(summary).toContain('- product: 2 of 3 samples agree (on 42; others: 41 ×1)');
    expect(summary).toContain('- sum: the majority of samples answered 12; students get your authored hints and your answer');
    expect(summary).toMatch(/- split: no majority \(1 of 3 samples agree \(on \d; others: \d ×1, \d ×1\)\); the ladder kept is from a sample that answered \d: /);
    // The report kept with the set says the same.
    expect(await classroom.show(space, teacher, 'sampled')).toContain('2 of 3 samples agree (on 42');

    // A student gets the majority's ladder, from the cache, whichever sample came first.
    const practice = await classroom.practice(space, student, { setId: 'sampled' });
    if (practice.kind !== 'new') throw new Error('expected a new session');
    await tutor.solve(practice.session.id);
    const session = await tutor.session(practice.session.id);
    expect(session?.ladder?.finalAnswer).toBe('42');
    expect(session?.fromCache).toBe(true);
    expect(model.calls).toBe(9);
  });

  it('warms again for free, still counting each sample as its own', async () => {
    const model = samplingModel();
    const { classroom } = classroomWith(model);
    await classroom.upload(space, teacher, SAMPLED_SET_YAML);
    await classroom.warm(space, teacher, 'sampled', { samples: 3, concurrency: 1 });
    expect(await classroom.estimateWarm(space, teacher, 'sampled', 3)).toMatchObject({ alreadyWarm: 3, solves: 0 });
    const again = await classroom.warm(space, teacher, 'sampled', { samples: 3 });
    expect(model.calls).toBe(9);
    expect(again.usage).toBeUndefined();
    const product = again.results.find((problem) => problem.problemId === 'product');
    expect(product?.agreement?.groups.map((group) => [group.answer, group.samples.length])).toEqual([['42', 2], ['41', 1]]);
    expect(product?.fromCache).toBe(true);
  });

  it('keeps one sample the default: one solve per problem, on the students’ own cache entry', async () => {
    const model = samplingModel();
    const { classroom } = classroomWith(model);
    await classroom.upload(space, teacher, SAMPLED_SET_YAML);
    const result = await classroom.warm(space, teacher, 'sampled');
    expect(model.calls).toBe(3);
    expect(result.results.every((problem) => problem.agreement === undefined)).toBe(true);
    expect(result.samples).toBeUndefined();
  });
});
