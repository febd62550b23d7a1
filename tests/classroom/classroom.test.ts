import { describe, expect, it } from 'vitest';
import { createAnswerChecker } from '../../src/answer-feedback.ts';
import { Classroom, type Actor, type Space } from '../../src/index.ts';
import { FakeReasoningModel, r1Events } from '../fakes/fake-reasoning-model.ts';
import { createTutorHarness } from '../support/tutor-harness.ts';

const space: Space = { platform: 'discord', id: 'guild-1' };
const teacher: Actor = { platform: 'discord', userId: 't1', name: 'Ms. Noether', isInstructor: true };
const students: Actor[] = ['Ada', 'Bob', 'Cy'].map((name) => ({ platform: 'discord', userId: name.toLowerCase(), name }));
const [ada, bob, cy] = students as [Actor, Actor, Actor];

const SET = `
id: week-1
title: Week 1
policy:
  revealAnswer: after 2 attempts
problems:
  - id: linear
    statement: Solve $2x + 3 = 7$.
    answer: x = 2
    hints:
      - What do you do first to isolate $2x$?
  - id: square
    statement: What is $7^2$?
    answer: 49
  - id: tricky
    statement: What is $0.1 + 0.2$?
    answer: 0.3
    policy:
      revealAnswer: never
`;

/** R1 answers by problem: right on the first two, wrong on "tricky" (so it must not be trusted there). */
function r1(prompt: string) {
  if (prompt.includes('2x + 3 = 7')) return r1Events('2x = 4 so x = 2.', 'Step 1\nHint: Subtract 3.\nWork: $2x = 4$.\n\nStep 2\nHint: Divide.\nWork: $x = 2$.\n\nFinal answer: $\\boxed{x = 2}$');
  if (prompt.includes('7^2')) return r1Events('7 times 7 is 49.', 'Step 1\nHint: Multiply 7 by itself.\nWork: $7 \\times 7 = 49$.\n\nFinal answer: $\\boxed{49}$');
  return r1Events('Floating point...', 'Step 1\nHint: Add the tenths.\nWork: $0.1 + 0.2$.\n\nFinal answer: $\\boxed{0.35}$');
}

function classroomWith(model = new FakeReasoningModel(r1)) {
  const harness = createTutorHarness(model);
  const classroom = new Classroom({ tutor: harness.tutor, store: harness.store, checker: createAnswerChecker(), prices: { inputPerMillion: 0.55, outputPerMillion: 2.19 } });
  return { ...harness, classroom, model };
}

async function practiseToSessionId(classroom: Classroom, tutor: ReturnType<typeof classroomWith>['tutor'], student: Actor): Promise<string> {
  const result = await classroom.practice(space, student, { setId: 'week-1' });
  if (result.kind === 'done') throw new Error('set already done');
  if (result.kind === 'new') await tutor.solve(result.session.id);
  return result.session.id;
}

describe('Classroom: problem sets', () => {
  it('lets only instructors upload, remove and export; students see statements, not answers', async () => {
    const { classroom } = classroomWith();
    await expect(classroom.upload(space, ada, SET)).rejects.toThrow('Only instructors can upload problem sets.');
    const saved = await classroom.upload(space, teacher, SET);
    expect(saved.set.problemIds).toEqual(['linear', 'square', 'tricky']);
    expect(await classroom.list(space)).toEqual([expect.objectContaining({ id: 'week-1', title: 'Week 1', problemCount: 3 })]);
    const forStudent = await classroom.show(space, ada, 'week-1');
    expect(forStudent).toContain('Solve $2x + 3 = 7$.');
    expect(forStudent).not.toContain('answer: x = 2');
    expect(await classroom.show(space, teacher, 'week-1')).toContain('answer: x = 2');
    await expect(classroom.export(space, ada, 'week-1')).rejects.toThrow(/Only instructors/);
    expect(await classroom.export(space, teacher, 'week-1')).toBe(SET);
    await expect(classroom.remove(space, bob, 'week-1')).rejects.toThrow(/Only instructors/);
  });

  it("keeps one server's sets out of another's", async () => {
    const { classroom } = classroomWith();
    await classroom.upload(space, teacher, SET);
    expect(await classroom.list({ platform: 'discord', id: 'guild-2' })).toEqual([]);
    await expect(classroom.practice({ platform: 'discord', id: 'guild-2' }, ada, { setId: 'week-1' })).rejects.toThrow('There is no problem set "week-1" here.');
  });
});

describe('Classroom: warming', () => {
  it('estimates the cost first, then reports the problem R1 disagrees on', async () => {
    const { classroom, model } = classroomWith();
    await classroom.upload(space, teacher, SET);
    const estimate = await classroom.estimateWarm(space, teacher, 'week-1');
    expect(estimate).toMatchObject({ problems: 3, alreadyWarm: 0, outputTokens: 12_000 });
    expect(estimate.costUsd).toBeGreaterThan(0.02);
    const progress: number[] = [];
    const result = await classroom.warm(space, teacher, 'week-1', { concurrency: 2, onProgress: (update) => progress.push(update.done) });
    expect(progress.sort()).toEqual([1, 2, 3]);
    expect(result.results.map((problem) => [problem.problemId, problem.status])).toEqual([['linear', 'agrees'], ['square', 'agrees'], ['tricky', 'disagrees']]);
    expect(await classroom.show(space, teacher, 'week-1')).toContain('tricky: R1 answered 0.35');
    expect((await classroom.estimateWarm(space, teacher, 'week-1')).alreadyWarm).toBe(3);
    expect(model.calls).toBe(3);
  });

  it('gives students of a warmed set their hints without another model call', async () => {
    const { classroom, tutor, model } = classroomWith();
    await classroom.upload(space, teacher, SET);
    await classroom.warm(space, teacher, 'week-1');
    const id = await practiseToSessionId(classroom, tutor, ada);
    expect(model.calls).toBe(3);
    expect((await tutor.session(id))?.fromCache).toBe(true);
  });
});

describe('Classroom: practice', () => {
  it('hands out problems in order, continues an unsolved one, and moves on once solved', async () => {
    const { classroom, tutor } = classroomWith();
    await classroom.upload(space, teacher, SET);
    const first = await practiseToSessionId(classroom, tutor, ada);
    expect((await tutor.session(first))?.origin?.problemId).toBe('linear');
    expect(await practiseToSessionId(classroom, tutor, ada)).toBe(first);
    await tutor.checkAnswer(first, '2', ada);
    const second = await practiseToSessionId(classroom, tutor, ada);
    expect((await tutor.session(second))?.origin?.problemId).toBe('square');
  });

  it("puts the instructor's hints first and judges against the instructor's answer", async () => {
    const { classroom, tutor } = classroomWith();
    await classroom.upload(space, teacher, SET);
    const id = await practiseToSessionId(classroom, tutor, ada);
    const session = await tutor.session(id);
    expect(session?.ladder?.rungs[0]).toEqual({ kind: 'nudge', text: 'What do you do first to isolate $2x$?' });
    expect(session?.ladder?.rungs.at(-1)?.kind).toBe('answer');
    expect((await tutor.checkAnswer(id, 'x=2', ada)).tone).toBe('success');
  });

  it("never shows R1's answer where it disagrees with the instructor's", async () => {
    const { classroom, tutor } = classroomWith();
    await classroom.upload(space, teacher, SET);
    for (const answer of ['2', '49']) {
      const id = await practiseToSessionId(classroom, tutor, ada);
      await tutor.checkAnswer(id, answer, ada);
    }
    const id = await practiseToSessionId(classroom, tutor, ada);
    const session = await tutor.session(id);
    expect(session?.origin?.problemId).toBe('tricky');
    expect(JSON.stringify(session?.ladder)).not.toContain('0.35');
    expect(session?.ladder?.rungs).toEqual([{ kind: 'answer', text: '**Answer:** $0.3$' }]);
    expect((await tutor.showReasoning(id, ada)).parts[0]).toMatchObject({ markdown: 'R1 gave no reasoning for this problem.' });
  });

  it('enforces the set policy: no early reveal, and never where the problem says never', async () => {
    const { classroom, tutor } = classroomWith();
    await classroom.upload(space, teacher, SET);
    const id = await practiseToSessionId(classroom, tutor, bob);
    expect((await tutor.revealAnswer(id, bob)).parts[0]).toMatchObject({ markdown: 'You can see the answer after 2 more attempts.' });
    await tutor.checkAnswer(id, '5', bob);
    await tutor.checkAnswer(id, '6', bob);
    expect((await tutor.revealAnswer(id, bob)).parts[0]).toMatchObject({ kind: 'answer' });
    await expect(tutor.view(id, cy)).rejects.toThrow("This is Bob's session.");
  });

  it('uses the set the instructor assigned to the channel', async () => {
    const { classroom } = classroomWith();
    await classroom.upload(space, teacher, SET);
    await expect(classroom.practice(space, ada, { channelId: 'c1' })).rejects.toThrow(/Name a problem set/);
    await expect(classroom.assignChannel(space, ada, 'c1', 'week-1')).rejects.toThrow(/Only instructors/);
    await classroom.assignChannel(space, teacher, 'c1', 'week-1');
    expect(await classroom.practice(space, ada, { channelId: 'c1' })).toMatchObject({ kind: 'new' });
  });
});

describe('Classroom: reports', () => {
  it('adds up a scripted class: solved, attempts, hints, reveals, time, solve rate, common wrong answers', async () => {
    const { classroom, tutor, advance } = classroomWith();
    await classroom.upload(space, teacher, SET);
    const adaLinear = await practiseToSessionId(classroom, tutor, ada);
    advance(30_000);
    await tutor.checkAnswer(adaLinear, 'x = 5', ada);
    await tutor.nextHint(adaLinear, 1, ada);
    advance(60_000);
    await tutor.checkAnswer(adaLinear, 'x = 2', ada);
    const bobLinear = await practiseToSessionId(classroom, tutor, bob);
    await tutor.checkAnswer(bobLinear, 'x = 5', bob);
    await tutor.checkAnswer(bobLinear, 'x = 4', bob);
    await tutor.revealAnswer(bobLinear, bob);
    const cyLinear = await practiseToSessionId(classroom, tutor, cy);
    await tutor.checkAnswer(cyLinear, '2', cy);
    const adaSquare = await practiseToSessionId(classroom, tutor, ada);
    await tutor.checkAnswer(adaSquare, '14', ada);

    await expect(classroom.report(space, ada, 'week-1')).rejects.toThrow(/Only instructors/);
    const { report, csv, table } = await classroom.report(space, teacher, 'week-1');
    const linear = report.problems[0];
    expect(linear).toMatchObject({ problemId: 'linear', students: 3, medianHints: 1 });
    expect(linear?.solveRate).toBeCloseTo(2 / 3);
    expect(linear?.commonWrongAnswers).toEqual([{ answer: 'x = 5', count: 2 }, { answer: 'x = 4', count: 1 }]);
    expect(report.problems[1]).toMatchObject({ problemId: 'square', students: 1, solveRate: 0, commonWrongAnswers: [{ answer: '14', count: 1 }] });
    expect(report.rows.find((row) => row.student === 'Ada' && row.problemId === 'linear')).toMatchObject({ isSolved: true, attempts: 2, hintsOpened: 2, answerRevealed: false, secondsToSolve: 90 });
    expect(report.rows.find((row) => row.student === 'Bob')).toMatchObject({ isSolved: false, attempts: 2, answerRevealed: true });
    expect(csv.split('\r\n')[0]).toBe('student,student_id,problem,solved,attempts,hints_opened,answer_revealed,seconds_to_solve,questions');
    expect(csv).toContain('Ada,discord:ada,linear,yes,2,2,no,90');
    expect(table).toContain('x = 5 (2)');
    const progress = await classroom.progress(space, ada);
    expect(progress.isPrivate).toBe(true);
    expect(progress.parts[0]).toMatchObject({ markdown: expect.stringContaining('**Week 1**: 1 of 3 solved') });
  });

  it('counts the questions each student asked the tutor, and honours a set that turns questions off', async () => {
    const { classroom, tutor } = classroomWith();
    await classroom.upload(space, teacher, SET);
    const adaLinear = await practiseToSessionId(classroom, tutor, ada);
    const bobLinear = await practiseToSessionId(classroom, tutor, bob);
    await tutor.reply(adaLinear, ada, 'why do we subtract 3 first?');
    expect((await tutor.reply(adaLinear, ada, 'I got x = 2')).kind).toBe('attempt');
    await tutor.reply(bobLinear, bob, 'just tell me');
    // An instructor's question in Bob's thread is not Bob's.
    await tutor.reply(bobLinear, teacher, 'how is Bob doing?');
    const { report, csv, table } = await classroom.report(space, teacher, 'week-1');
    expect(report.rows.map((row) => [row.student, row.questions, row.attempts])).toEqual([['Ada', 1, 1], ['Bob', 1, 0]]);
    expect(csv).toContain('Ada,discord:ada,linear,yes,1,1,no,0,1\r\n');
    expect(table).toContain('Bob: linear ✗ 1h 0a 1q');

    await classroom.upload(space, teacher, SET.replace('  revealAnswer: after 2 attempts', '  revealAnswer: after 2 attempts\n  conversation: false'));
    const { session } = await classroom.practice(space, cy, { setId: 'week-1' }) as { session: { id: string } };
    await tutor.solve(session.id);
    const refused = await tutor.reply(session.id, cy, 'why?');
    expect(refused).toMatchObject({ kind: 'reply', view: { tone: 'warning', parts: [{ markdown: expect.stringMatching(/turned off questions/) }] } });
  });

  it("keeps students' progress on problems whose id survives a re-upload", async () => {
    const { classroom, tutor } = classroomWith();
    await classroom.upload(space, teacher, SET);
    const id = await practiseToSessionId(classroom, tutor, ada);
    await tutor.checkAnswer(id, '2', ada);
    const replaced = await classroom.upload(space, teacher, SET.replace('id: square', 'id: cube').replace('What is $7^2$?', 'What is $2^3$?').replace('answer: 49', 'answer: 8'));
    expect(replaced).toMatchObject({ replaced: true, kept: ['linear', 'tricky'], added: ['cube'], removed: ['square'] });
    const { report } = await classroom.report(space, teacher, 'week-1');
    expect(report.rows).toEqual([expect.objectContaining({ student: 'Ada', problemId: 'linear', isSolved: true })]);
    const next = await classroom.practice(space, ada, { setId: 'week-1' });
    expect(next.kind === 'new' && next.session.origin?.problemId).toBe('cube');
  });
});

describe('Classroom: space defaults', () => {
  it("lets an instructor set the ad-hoc policy for the server", async () => {
    const { classroom } = classroomWith();
    expect((await classroom.adHocPolicy(space)).answer).toEqual({ when: 'after-trying' });
    await expect(classroom.setAdHocPolicy(space, ada, { answer: { when: 'never' } })).rejects.toThrow(/Only instructors/);
    expect(await classroom.setAdHocPolicy(space, teacher, { answer: { when: 'never' } })).toContain('answer never');
    expect((await classroom.adHocPolicy(space)).answer).toEqual({ when: 'never' });
  });
});
