import { describe, expect, it } from 'vitest';
import { ModelError, PRACTICE_SET_POLICY, type Actor, type View } from '../../src/index.ts';
import { FakeReasoningModel, LINEAR_EQUATION, r1Events } from '../fakes/fake-reasoning-model.ts';
import { createTutorHarness } from '../support/tutor-harness.ts';

const ada: Actor = { platform: 'discord', userId: 'ada', name: 'Ada' };
const texts = (view: View) => view.parts.map((part) => ('markdown' in part ? part.markdown : part.name));
const button = (view: View, kind: string) => view.actions.find((action) => action.kind === kind);
const AUTHORED = ['What do you do first to isolate $2x$?'];

async function setProblem(model: FakeReasoningModel) {
  const harness = createTutorHarness(model);
  const session = await harness.tutor.open({
    problem: LINEAR_EQUATION.problem, owner: ada, policy: PRACTICE_SET_POLICY, reference: 'x = 2', authoredHints: AUTHORED,
    origin: { setId: 'week-1', problemId: 'linear', scope: 'space:discord:g1' },
  });
  return { ...harness, id: session.id };
}

describe('Tutor: practice never waits on R1 to show the problem', () => {
  it("shows the statement and the instructor's hint at once, checks answers meanwhile, and adds R1's rungs when they come", async () => {
    const model = new FakeReasoningModel([r1Events(LINEAR_EQUATION.reasoning, LINEAR_EQUATION.answer)]);
    model.hold();
    const { tutor, id } = await setProblem(model);
    let early: View | undefined;
    let markShown = () => {};
    const shown = new Promise<void>((resolve) => (markShown = resolve));
    const solving = tutor.solve(id, { onShown: (view) => { early = view; markShown(); } });
    await shown; // R1 is still held mid-stream
    expect(early?.parts.map((part) => part.type)).toEqual(['problem', 'hint']);
    expect(early?.parts[1]).toMatchObject({ markdown: AUTHORED[0], index: 1, total: 1 });
    expect(early?.delivery).toEqual({ sessionId: id, rung: 1 });
    expect(button(early as View, 'next-hint')).toMatchObject({ enabled: false, reason: expect.stringMatching(/^More hints are on the way/) });
    expect((await tutor.checkAnswer(id, 'x = 2', ada)).tone).toBe('success');

    model.resume();
    const joined = await solving;
    expect(texts(joined)).toEqual(['R1 has added 3 hints to this problem.']);
    expect(button(joined, 'next-hint')).toMatchObject({ enabled: true, label: 'Next hint (2/4)' });
    expect((await tutor.nextHint(id, 1, ada)).parts[0]).toMatchObject({ type: 'hint', index: 2, kind: 'nudge', markdown: expect.stringContaining('both sides') });
    expect(model.calls).toBe(1);
  });

  it("keeps the statement, the instructor's hints and checking when R1 fails, with a line that more hints are unavailable", async () => {
    const model = new FakeReasoningModel([new ModelError('503 from server', 'R1 is overloaded right now.', true, 503)]);
    const { tutor, id } = await setProblem(model);
    let early: View | undefined;
    const failed = await tutor.solve(id, { onShown: (view) => { early = view; } });
    expect(texts(early as View)).toEqual([LINEAR_EQUATION.problem, AUTHORED[0]]);
    expect(failed).toMatchObject({ tone: 'warning', parts: [{ markdown: "More hints are unavailable for now. Your instructor's hints and answer checking still work." }] });
    expect(button(failed, 'check-answer')).toMatchObject({ enabled: true });
    const resumed = await tutor.view(id, ada);
    expect(texts(resumed)).toEqual([LINEAR_EQUATION.problem, AUTHORED[0], "More hints are unavailable for now. Your instructor's hints and answer checking still work."]);
    expect((await tutor.checkAnswer(id, 'x = 3', ada)).tone).toBe('info');
    expect((await tutor.checkAnswer(id, '2', ada)).tone).toBe('success');
  });

  it('does not hand out the answer unasked when R1 joins a problem the student already solved', async () => {
    const model = new FakeReasoningModel([r1Events('7 times 7 is 49.', 'Final answer: $\\boxed{48}$')]);
    model.hold();
    const harness = createTutorHarness(model);
    const session = await harness.tutor.open({ problem: 'What is $7^2$?', owner: ada, policy: PRACTICE_SET_POLICY, reference: '49', origin: { setId: 'week-1', problemId: 'square', scope: 'space:discord:g1' } });
    let markShown = () => {};
    const shown = new Promise<void>((resolve) => (markShown = resolve));
    const solving = harness.tutor.solve(session.id, { onShown: () => markShown() });
    await shown;
    expect((await harness.tutor.checkAnswer(session.id, '49', ada)).tone).toBe('success');
    model.resume();
    await solving;
    const stored = await harness.tutor.session(session.id);
    expect([stored?.revealed, stored?.answerRevealed]).toEqual([0, false]);
  });

  it('shows a warmed problem in one step, with R1\'s rungs already in place', async () => {
    const model = new FakeReasoningModel([r1Events(LINEAR_EQUATION.reasoning, LINEAR_EQUATION.answer)]);
    const { tutor, id } = await setProblem(model);
    await tutor.prepare(LINEAR_EQUATION.problem);
    let early: View | undefined;
    const view = await tutor.solve(id, { onShown: (shown) => { early = shown; } });
    expect(early).toBeUndefined();
    expect(view.parts.map((part) => part.type)).toEqual(['problem', 'hint']);
    expect(view.parts[1]).toMatchObject({ markdown: AUTHORED[0], total: 4 });
    expect(model.calls).toBe(1);
  });

  it('gives a surface that does not show early the problem and first hint when solve returns, as before', async () => {
    const { tutor, id } = await setProblem(new FakeReasoningModel([r1Events(LINEAR_EQUATION.reasoning, LINEAR_EQUATION.answer)]));
    const view = await tutor.solve(id);
    expect(view.parts.map((part) => part.type)).toEqual(['problem', 'hint']);
    expect(view.parts[1]).toMatchObject({ markdown: AUTHORED[0], total: 4 });
  });
});
