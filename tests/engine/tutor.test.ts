import { describe, expect, it } from 'vitest';
import { ModelError, UserFacingError, type Actor, type Policy, type View } from '../../src/index.ts';
import { FakeReasoningModel, LINEAR_EQUATION, r1Events } from '../fakes/fake-reasoning-model.ts';
import { createTutorHarness } from '../support/tutor-harness.ts';

const ada: Actor = { platform: 'cli', userId: 'ada', name: 'Ada' };
const bob: Actor = { platform: 'cli', userId: 'bob', name: 'Bob' };
const teacher: Actor = { platform: 'cli', userId: 'tess', name: 'Tess', isInstructor: true };

const linearModel = () => new FakeReasoningModel([r1Events(LINEAR_EQUATION.reasoning, LINEAR_EQUATION.answer)]);
const texts = (view: View) => view.parts.map((part) => ('markdown' in part ? part.markdown : part.name));
const button = (view: View, kind: string) => view.actions.find((action) => action.kind === kind);

async function solved(policy?: Policy, model = linearModel()) {
  const harness = createTutorHarness(model);
  const session = await harness.tutor.open({ problem: LINEAR_EQUATION.problem, owner: ada, policy });
  const view = await harness.tutor.solve(session.id);
  return { ...harness, model, id: session.id, first: view };
}

describe('Tutor: solving', () => {
  it('shows the problem and the first hint once R1 has worked it, with the buttons a student needs', async () => {
    const { first } = await solved();
    expect(first.parts.map((part) => part.type)).toEqual(['problem', 'hint']);
    expect(first.parts[1]).toMatchObject({ kind: 'nudge', index: 1, total: 3 });
    expect(first.actions.map((action) => [action.label, action.enabled])).toEqual([
      ['Next hint (2/3)', true], ['Check answer', true], ['Show reasoning', false], ['Reveal answer', false],
    ]);
    expect(button(first, 'reveal-answer')?.reason).toMatch(/Try an answer first .* or open every hint/);
  });

  it('reports live progress: phase, elapsed time and reasoning tokens so far', async () => {
    const harness = createTutorHarness(linearModel());
    const session = await harness.tutor.open({ problem: LINEAR_EQUATION.problem, owner: ada });
    const progress: { phase: string; reasoningTokens: number }[] = [];
    await harness.tutor.solve(session.id, { onProgress: (update) => progress.push(update) });
    expect(progress[0]?.phase).toBe('waiting');
    expect(progress.some((update) => update.phase === 'thinking')).toBe(true);
    expect(progress.at(-1)?.phase).toBe('answering');
    expect(progress.at(-1)?.reasoningTokens).toBe(Math.ceil(LINEAR_EQUATION.reasoning.length / 8));
  });

  it('asks R1 once per problem: the second student gets the cached ladder at no cost', async () => {
    const { tutor, model } = await solved();
    const other = await tutor.open({ problem: '  Solve   2x + 3 = 7 ', owner: bob });
    const view = await tutor.solve(other.id);
    expect(model.calls).toBe(1);
    expect(view.parts[1]).toMatchObject({ type: 'hint', index: 1 });
    const session = await tutor.session(other.id);
    expect(session?.fromCache).toBe(true);
    expect(session?.usage).toBeUndefined();
  });

  it('stores usage with the session that paid for it', async () => {
    const { tutor, id } = await solved();
    expect((await tutor.session(id))?.usage).toEqual({ promptTokens: 120, cacheHitTokens: 0, cacheMissTokens: 120, reasoningTokens: 300, answerTokens: 90 });
  });

  it('keeps a failed solve with a plain sentence and a Retry that works', async () => {
    const model = new FakeReasoningModel([
      new ModelError('402 from server', "The tutor's model account is out of credit.", false, 402),
      r1Events(LINEAR_EQUATION.reasoning, LINEAR_EQUATION.answer),
    ]);
    const { tutor, id, first } = await solved(undefined, model);
    expect(first.tone).toBe('error');
    expect(texts(first)).toEqual(["The tutor's model account is out of credit."]);
    expect(first.actions).toEqual([expect.objectContaining({ kind: 'retry', enabled: true })]);
    expect((await tutor.session(id))?.problem).toBe(LINEAR_EQUATION.problem);
    const retried = await tutor.solve(id);
    expect(retried.parts.map((part) => part.type)).toEqual(['problem', 'hint']);
  });

  it.each([
    ['', /empty/],
    ['x'.repeat(4001), /4,001 characters long; the limit is 4,000/],
    ['\u0000\u0001\u0002binary', /doesn't look like text/],
  ])('refuses bad input %# with a message that says what to do', async (problem, message) => {
    const { tutor } = createTutorHarness(linearModel());
    await expect(tutor.open({ problem, owner: ada })).rejects.toThrow(UserFacingError);
    await expect(tutor.open({ problem, owner: ada })).rejects.toThrow(message);
  });
});

describe('Tutor: climbing the ladder', () => {
  it('reveals each rung once, in order, ending with the answer', async () => {
    const { tutor, id } = await solved();
    const second = await tutor.nextHint(id, 1, ada);
    expect(second.parts).toEqual([expect.objectContaining({ type: 'hint', kind: 'step', index: 2 })]);
    const third = await tutor.nextHint(id, 2, ada);
    const last = await tutor.nextHint(id, 3, ada);
    expect(third.parts[0]).toMatchObject({ index: 3, kind: 'nudge' });
    expect(last.parts[0]).toMatchObject({ index: 4, kind: 'answer' });
    expect(button(last, 'next-hint')).toMatchObject({ enabled: false, reason: 'You have seen every hint, including the answer.' });
  });

  it('never skips or repeats a rung on a double click', async () => {
    const { tutor, id } = await solved();
    const [one, two] = await Promise.all([tutor.nextHint(id, 1, ada), tutor.nextHint(id, 1, ada)]);
    const revealed = [one, two].filter((view) => view.parts[0]?.type === 'hint');
    expect(revealed).toHaveLength(1);
    expect([one, two].find((view) => view.isPrivate)?.parts[0]).toMatchObject({ markdown: 'You have already seen that hint; you are on hint 2 of 3.' });
    expect((await tutor.session(id))?.revealed).toBe(2);
  });

  it('treats a click on an old message as stale', async () => {
    const { tutor, id } = await solved();
    await tutor.nextHint(id, 1, ada);
    await tutor.nextHint(id, 2, ada);
    const stale = await tutor.nextHint(id, 1, ada);
    expect(stale.isPrivate).toBe(true);
    expect((await tutor.session(id))?.revealed).toBe(3);
  });

  it("lets only the owner (or an instructor) act on a session", async () => {
    const { tutor, id } = await solved();
    await expect(tutor.nextHint(id, 1, bob)).rejects.toThrow("This is Ada's session. Start your own with /solve.");
    await expect(tutor.nextHint(id, 1, teacher)).resolves.toMatchObject({ parts: [expect.objectContaining({ index: 2 })] });
  });

  it('says a session does not exist rather than failing', async () => {
    const { tutor } = await solved();
    await expect(tutor.view('zzzzzzzzzz', ada)).rejects.toThrow(/There is no session zzzzzzzzzz/);
  });

  it('keeps the answer and the reasoning closed until the student has tried, then shows the reasoning as a file', async () => {
    const { tutor, id } = await solved();
    expect(texts(await tutor.revealAnswer(id, ada))).toEqual(['Try an answer first (check <answer>), or open every hint: then you can see the answer.']);
    expect(texts(await tutor.showReasoning(id, ada))).toEqual(['You can see the reasoning once the answer has been shown or you have solved the problem.']);
    await tutor.checkAnswer(id, 'x = 5', ada);
    const answer = await tutor.revealAnswer(id, ada);
    const reasoning = await tutor.showReasoning(id, ada);
    expect(reasoning.parts[1]).toMatchObject({ type: 'file', name: `reasoning-${id}.md`, mediaType: 'text/markdown' });
    expect(reasoning.parts[0]).toMatchObject({ type: 'text' });
    expect(answer.parts[0]).toMatchObject({ kind: 'answer', index: 4 });
    expect((await tutor.session(id))).toMatchObject({ revealed: 1, answerRevealed: true });
    expect((await tutor.view(id, ada)).parts.map((part) => part.type === 'hint' && part.kind)).toEqual([false, 'nudge', 'answer']);
  });

  it('lists and resumes sessions', async () => {
    const { tutor, id } = await solved();
    await tutor.nextHint(id, 1, ada);
    expect(await tutor.sessions(ada)).toEqual([expect.objectContaining({ id, progress: 'hint 2 of 3', problem: 'Solve 2x + 3 = 7' })]);
    const resumed = await tutor.view(id, ada);
    expect(resumed.parts.map((part) => part.type)).toEqual(['problem', 'hint', 'hint']);
    expect(await tutor.sessions(bob)).toEqual([]);
  });
});

describe('Tutor: checking answers', () => {
  it('marks the session solved on an equivalent answer and records every attempt', async () => {
    const { tutor, id } = await solved();
    const wrong = await tutor.checkAnswer(id, 'x = 3', ada);
    expect(wrong.tone).toBe('info');
    const right = await tutor.checkAnswer(id, '4/2', ada);
    expect(right.tone).toBe('success');
    expect(texts(right)[0]).toMatch(/^Correct!/);
    const session = await tutor.session(id);
    expect(session?.attempts.map((attempt) => attempt.verdict)).toEqual(['not-equivalent', 'equivalent']);
    expect(session?.isSolved).toBe(true);
    expect(button(right, 'check-answer')?.enabled).toBe(false);
  });

  it('says it could not read an answer instead of calling it wrong', async () => {
    const { tutor, id } = await solved();
    const view = await tutor.checkAnswer(id, 'banana ))((', ada);
    expect(view.tone).toBe('warning');
    expect((await tutor.session(id))?.attempts[0]?.verdict).toBe('unsure');
  });

  it('takes a list in any order when the problem asks for all solutions, and is unsure when it does not say', async () => {
    const harness = createTutorHarness(linearModel());
    const judge = async (problem: string) => {
      const session = await harness.tutor.open({ problem, owner: ada, reference: '-2, 3' });
      return (await harness.tutor.checkAnswer(session.id, '3, -2', ada)).tone;
    };
    expect(await judge('Find all real solutions of $x^2 - x - 6 = 0$.')).toBe('success');
    expect(await judge('Give the two numbers the table shows.')).toBe('warning');
  });

  it("never puts the reference answer in a wrong answer's feedback", async () => {
    const { tutor, id } = await solved();
    const view = await tutor.checkAnswer(id, '5', ada);
    expect(texts(view).join(' ')).not.toMatch(/\b2\b/);
  });
});

describe('Tutor: policy is enforced in code', () => {
  const strict: Policy = { answer: { when: 'after-attempts', attempts: 2 }, reasoning: { when: 'after-solved' }, maxHints: 2, attemptBeforeNextHint: true, hintCooldownSeconds: 30 };

  it('gates the answer, the reasoning and the hints, saying when each opens', async () => {
    const { tutor, id, first, advance } = await solved(strict);
    expect(button(first, 'reveal-answer')).toMatchObject({ enabled: false, reason: 'You can see the answer after 2 more attempts.' });
    expect(button(first, 'show-reasoning')).toMatchObject({ enabled: false, reason: 'You can see the reasoning once you have solved the problem.' });
    expect(button(first, 'next-hint')).toMatchObject({ enabled: false, reason: 'Try an answer first: the next hint opens after your next attempt.' });
    await expect(tutor.revealAnswer(id, ada)).resolves.toMatchObject({ tone: 'warning', isPrivate: true });
    await expect(tutor.showReasoning(id, ada)).resolves.toMatchObject({ tone: 'warning' });

    await tutor.checkAnswer(id, '7', ada);
    const tooSoon = await tutor.nextHint(id, 1, ada);
    expect(tooSoon.parts[0]).toMatchObject({ markdown: expect.stringMatching(/next one opens in 30 s/) });
    advance(30_000);
    expect((await tutor.nextHint(id, 1, ada)).parts[0]).toMatchObject({ type: 'hint', index: 2 });
    await tutor.checkAnswer(id, '8', ada);
    advance(30_000);
    const capped = await tutor.nextHint(id, 2, ada);
    expect(capped.parts[0]).toMatchObject({ markdown: 'This problem allows 2 hints, and you have opened them all.' });
    expect((await tutor.revealAnswer(id, ada)).parts[0]).toMatchObject({ kind: 'answer' });
  });

  it('never reveals an answer a class may never see, even as the last rung', async () => {
    const never: Policy = { ...strict, answer: { when: 'never' }, maxHints: undefined, attemptBeforeNextHint: false, hintCooldownSeconds: 0 };
    const { tutor, id } = await solved(never);
    await tutor.nextHint(id, 1, ada);
    await tutor.nextHint(id, 2, ada);
    const last = await tutor.nextHint(id, 3, ada);
    expect(last.parts[0]).toMatchObject({ type: 'text', markdown: 'Your instructor has chosen not to show the answer for this problem.' });
    expect((await tutor.session(id))?.revealed).toBe(3);
    await expect(tutor.revealAnswer(id, teacher)).resolves.toMatchObject({ parts: [expect.objectContaining({ kind: 'answer' })] });
  });
});

describe('Tutor: the guarded ad-hoc default', () => {
  it('opens the answer once every hint has been opened, and the reasoning once the answer is shown', async () => {
    const { tutor, id } = await solved();
    await tutor.nextHint(id, 1, ada);
    const third = await tutor.nextHint(id, 2, ada);
    expect(button(third, 'reveal-answer')).toMatchObject({ enabled: true });
    expect(button(third, 'show-reasoning')).toMatchObject({ enabled: false });
    const last = await tutor.nextHint(id, 3, ada);
    expect(last.parts[0]).toMatchObject({ kind: 'answer' });
    expect(button(last, 'show-reasoning')).toMatchObject({ enabled: true });
  });

  it('does not open a one-rung ladder (the bare answer) until the student has tried', async () => {
    const model = new FakeReasoningModel([r1Events('So 6 * 7 = 42.', 'The product is $\\boxed{42}$.')]);
    const harness = createTutorHarness(model);
    const session = await harness.tutor.open({ problem: 'What is 6 times 7?', owner: ada });
    const view = await harness.tutor.solve(session.id);
    expect(view.parts.map((part) => part.type)).toEqual(['problem']);
    expect(button(view, 'next-hint')).toMatchObject({ enabled: false });
    await harness.tutor.checkAnswer(session.id, '40', ada);
    expect((await harness.tutor.revealAnswer(session.id, ada)).parts[0]).toMatchObject({ kind: 'answer' });
  });

  it('counts the hints a student can open: "Hint 1 of 2" when maxHints is 2, not of the whole ladder', async () => {
    const capped: Policy = { answer: { when: 'after-trying' }, reasoning: { when: 'after-answer' }, maxHints: 2, attemptBeforeNextHint: false, hintCooldownSeconds: 0 };
    const { tutor, id, first } = await solved(capped);
    expect(first.parts[1]).toMatchObject({ type: 'hint', index: 1, total: 2 });
    expect(button(first, 'next-hint')?.label).toBe('Next hint (2/2)');
    const second = await tutor.nextHint(id, 1, ada);
    expect(second.parts[0]).toMatchObject({ index: 2, total: 2 });
    expect(button(second, 'next-hint')).toMatchObject({ enabled: false, reason: 'This problem allows 2 hints, and you have opened them all.' });
    expect(button(second, 'reveal-answer')).toMatchObject({ enabled: true });
    expect(await tutor.sessions(ada)).toEqual([expect.objectContaining({ progress: 'hint 2 of 2' })]);
  });
});

describe('Tutor: one model call for a class', () => {
  it('shares one R1 call between students who ask the same problem at the same time', async () => {
    const model = linearModel();
    model.hold();
    const { tutor } = createTutorHarness(model);
    const students = ['s1', 's2', 's3'].map((userId) => ({ platform: 'cli', userId }));
    const sessions = await Promise.all(students.map((owner) => tutor.open({ problem: LINEAR_EQUATION.problem, owner })));
    const solving = sessions.map((session) => tutor.solve(session.id));
    model.resume();
    const views = await Promise.all(solving);
    expect(model.calls).toBe(1);
    expect(views.every((view) => view.parts[1]?.type === 'hint')).toBe(true);
  });

  it('does not start a second solve of a session already being solved', async () => {
    const model = linearModel();
    model.hold();
    const { tutor } = createTutorHarness(model);
    const session = await tutor.open({ problem: LINEAR_EQUATION.problem, owner: ada });
    const first = tutor.solve(session.id);
    const second = await tutor.solve(session.id);
    expect(texts(second)).toContain('R1 is still working on this problem.');
    model.resume();
    await first;
    expect(model.calls).toBe(1);
  });
});

describe('Tutor: bounded answers', () => {
  it('refuses a 50 KB answer with a message, keeps only its start, and still checks the next one', async () => {
    const { tutor, id } = await solved();
    const essay = `x = ${'2'.repeat(50_000)}`;
    const refused = await tutor.checkAnswer(id, essay, ada);
    expect(refused.tone).toBe('warning');
    expect(texts(refused).join(' ')).toContain('1,000 characters');
    expect(button(refused, 'check-answer')).toMatchObject({ enabled: true });
    const session = await tutor.session(id);
    expect(JSON.stringify(session).length).toBeLessThan(10_000);
    expect(session?.attempts[0]?.answer).toContain('50004 characters, cut');
    expect((await tutor.checkAnswer(id, 'x = 2', ada)).tone).toBe('success');
  });
});
