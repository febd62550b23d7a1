import { describe, expect, it } from 'vitest';
import { createAnswerChecker } from '../../src/answer-feedback.ts';
import { Classroom, describeWarm, type Actor, type Space } from '../../src/index.ts';
import { FakeReasoningModel, r1Events } from '../fakes/fake-reasoning-model.ts';
import { createTutorHarness } from '../support/tutor-harness.ts';

const space: Space = { platform: 'discord', id: 'guild-1' };
const teacher: Actor = { platform: 'discord', userId: 't1', name: 'Ms. Noether', isInstructor: true };
const student: Actor = { platform: 'discord', userId: 'ada', name: 'Ada' };

const SET = `
id: samples
title: Sampled
problems:
  - id: product
    statement: What is $6 \\times 7$?
    answer: 42
  - id: sum
    statement: What is $4 + 6$?
    answer: 10
  - id: split
    statement: What is $10 \\div 2$?
    answer: 5
`;

/** Answers per problem, one per call in order: the first sample of "product" is the odd one out. */
const ANSWERS: Record<string, string[]> = { '6 \\times 7': ['41', '42', '42'], '4 + 6': ['12', '12', '10'], '10 \\div 2': ['5', '6', '7'] };

function samplingModel() {
  const calls = new Map<string, number>();
  return new FakeReasoningModel((prompt) => {
    const [problem, answers] = Object.entries(ANSWERS).find(([text]) => prompt.includes(text)) ?? ['', ['0']];
    const call = calls.get(problem) ?? 0;
    calls.set(problem, call + 1);
    const answer = answers[call % answers.length] ?? '0';
    return r1Events(`I work it out and get ${answer}.`, `Step 1\nHint: Work it out.\nWork: Compute it.\n\nFinal answer: $\\boxed{${answer}}$`);
  });
}

function classroomWith(model: FakeReasoningModel) {
  const harness = createTutorHarness(model);
  const classroom = new Classroom({ tutor: harness.tutor, store: harness.store, checker: createAnswerChecker(), prices: { inputPerMillion: 0.55, outputPerMillion: 2.19 } });
  return { ...harness, classroom };
}

describe('warming with several samples', () => {
  it('estimates every sample, solves each one, keeps the majority and flags disagreement and splits', async () => {
    const model = samplingModel();
    const { classroom, tutor } = classroomWith(model);
    await classroom.upload(space, teacher, SET);
    const estimate = await classroom.estimateWarm(space, teacher, 'samples', 3);
    expect(estimate).toMatchObject({ problems: 3, alreadyWarm: 0, samples: 3, solves: 9 });
    expect(estimate.outputTokens).toBe(9 * 4_000);

    const result = await classroom.warm(space, teacher, 'samples', { samples: 3, concurrency: 2 });
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
    expect(await classroom.show(space, teacher, 'samples')).toContain('2 of 3 samples agree (on 42');

    // A student gets the majority's ladder, from the cache, whichever sample came first.
    const practice = await classroom.practice(space, student, { setId: 'samples' });
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
    await classroom.upload(space, teacher, SET);
    await classroom.warm(space, teacher, 'samples', { samples: 3, concurrency: 1 });
    expect(await classroom.estimateWarm(space, teacher, 'samples', 3)).toMatchObject({ alreadyWarm: 3, solves: 0 });
    const again = await classroom.warm(space, teacher, 'samples', { samples: 3 });
    expect(model.calls).toBe(9);
    expect(again.usage).toBeUndefined();
    const product = again.results.find((problem) => problem.problemId === 'product');
    expect(product?.agreement?.groups.map((group) => [group.answer, group.samples.length])).toEqual([['42', 2], ['41', 1]]);
    expect(product?.fromCache).toBe(true);
  });

  it('keeps one sample the default: one solve per problem, on the students’ own cache entry', async () => {
    const model = samplingModel();
    const { classroom } = classroomWith(model);
    await classroom.upload(space, teacher, SET);
    const result = await classroom.warm(space, teacher, 'samples');
    expect(model.calls).toBe(3);
    expect(result.results.every((problem) => problem.agreement === undefined)).toBe(true);
    expect(result.samples).toBeUndefined();
  });
});
