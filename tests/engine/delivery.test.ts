import { describe, expect, it } from 'vitest';
import { DELIVERY_CONFIRM_MS, type Actor, type Policy, type View } from '../../src/index.ts';
import { FakeReasoningModel, LINEAR_EQUATION, r1Events } from '../fakes/fake-reasoning-model.ts';
import { createTutorHarness } from '../support/tutor-harness.ts';

const ada: Actor = { platform: 'cli', userId: 'ada', name: 'Ada' };

/** A surface that records what reached the student, and fails the posts it is told to fail. */
class FlakySurface {
  readonly shown: View[] = [];
  private failures = 0;

  /** Makes the next `count` posts throw, as an upload error or a rate limit would. */
  failNext(count = 1): void {
    this.failures = count;
  }

  readonly post = async (view: View): Promise<void> => {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('429 rate limited');
    }
    this.shown.push(view);
  };

  /** The hint rungs that reached the student, in order. */
  hints(): number[] {
    return this.shown.flatMap((view) => view.parts.flatMap((part) => (part.type === 'hint' ? [part.index] : [])));
  }
}

const nextButton = (view: View) => view.actions.find((action) => action.kind === 'next-hint');
const seenOf = (view: View) => Number(nextButton(view)?.id.split(':')[3]);

async function started(policy?: Policy) {
  const harness = createTutorHarness(new FakeReasoningModel([r1Events(LINEAR_EQUATION.reasoning, LINEAR_EQUATION.answer)]));
  const surface = new FlakySurface();
  const session = await harness.tutor.open({ problem: LINEAR_EQUATION.problem, owner: ada, policy });
  await harness.tutor.deliver(await harness.tutor.solve(session.id), surface.post);
  return { ...harness, surface, id: session.id };
}

describe('Tutor: a hint counts only once it is delivered', () => {
  it('re-delivers a hint whose post failed on the next click, and it arrives once', async () => {
    const { tutor, surface, id } = await started();
    surface.failNext();
    const lost = await tutor.nextHint(id, 1, ada);
    await expect(tutor.deliver(lost, surface.post)).rejects.toThrow('429');
    expect((await tutor.session(id))?.revealed).toBe(1);

    // The student clicks the only live button they have: Next hint on rung 1's message.
    const again = await tutor.nextHint(id, 1, ada);
    await tutor.deliver(again, surface.post);
    expect(surface.hints()).toEqual([1, 2]);
    expect(again.parts[0]).toMatchObject({ type: 'hint', index: 2 });
    expect(nextButton(again)).toMatchObject({ label: 'Next hint (3/3)', enabled: true });

    // A double click on that old button now finds the hint already delivered: nothing repeats.
    const stale = await tutor.nextHint(id, 1, ada);
    expect(stale.isPrivate).toBe(true);
    expect(stale.delivery).toBeUndefined();
    expect(surface.hints()).toEqual([1, 2]);
    expect((await tutor.session(id))?.revealed).toBe(2);
  });

  it('re-delivers the lost hint from a stale button too, instead of saying it was already seen', async () => {
    const { tutor, surface, id } = await started();
    await tutor.deliver(await tutor.nextHint(id, 1, ada), surface.post);
    surface.failNext();
    await expect(tutor.deliver(await tutor.nextHint(id, 2, ada), surface.post)).rejects.toThrow();
    const fromOldMessage = await tutor.nextHint(id, 1, ada);
    await tutor.deliver(fromOldMessage, surface.post);
    expect(surface.hints()).toEqual([1, 2, 3]);
  });

  it('offers a live button after a failure, and a failed hint is not counted against the policy', async () => {
    const { tutor, surface, id, advance } = await started({ answer: { when: 'always' }, reasoning: { when: 'always' }, maxHints: 2, attemptBeforeNextHint: true, hintCooldownSeconds: 60 });
    await tutor.checkAnswer(id, 'x = 5', ada);
    advance(60_000);
    const lost = await tutor.nextHint(id, 1, ada);
    const instead = await tutor.deliveryFailed(id, 2);
    expect(lost.delivery).toEqual({ sessionId: id, rung: 2 });
    expect(instead.parts[0]).toMatchObject({ markdown: expect.stringMatching(/^Hint 2 could not be shown just now/) });
    expect(nextButton(instead)).toMatchObject({ enabled: true, label: 'Next hint (2/2)' });
    // Neither the cooldown nor "try an answer first" holds back a hint the student never got.
    const again = await tutor.nextHint(id, seenOf(instead), ada);
    await tutor.deliver(again, surface.post);
    expect(surface.hints()).toEqual([1, 2]);
  });

  it('re-delivers the problem and first hint when the solved view could not be posted', async () => {
    const harness = createTutorHarness(new FakeReasoningModel([r1Events(LINEAR_EQUATION.reasoning, LINEAR_EQUATION.answer)]));
    const surface = new FlakySurface();
    const session = await harness.tutor.open({ problem: LINEAR_EQUATION.problem, owner: ada });
    surface.failNext();
    await expect(harness.tutor.deliver(await harness.tutor.solve(session.id), surface.post)).rejects.toThrow();
    expect((await harness.tutor.session(session.id))?.revealed).toBe(0);
    const retried = await harness.tutor.solve(session.id);
    await harness.tutor.deliver(retried, surface.post);
    expect(retried.parts.map((part) => part.type)).toEqual(['problem', 'hint']);
    expect(surface.hints()).toEqual([1]);
  });

  it('presumes a hint lost when its post was never confirmed (the process died), and re-delivers it', async () => {
    const { tutor, surface, id, advance } = await started();
    await tutor.nextHint(id, 1, ada); // handed out; the process dies before posting it
    const tooSoon = await tutor.nextHint(id, 1, ada);
    expect(tooSoon.parts[0]).toMatchObject({ markdown: 'You have already seen that hint; you are on hint 2 of 3.' });
    advance(DELIVERY_CONFIRM_MS);
    const again = await tutor.nextHint(id, 1, ada);
    await tutor.deliver(again, surface.post);
    expect(surface.hints()).toEqual([1, 2]);
  });

  it("takes a click on the new hint's own button as proof it arrived", async () => {
    const { tutor, id, advance } = await started();
    const second = await tutor.nextHint(id, 1, ada); // posted, but the confirmation was lost
    advance(DELIVERY_CONFIRM_MS * 2);
    const third = await tutor.nextHint(id, seenOf(second), ada);
    expect(third.parts[0]).toMatchObject({ type: 'hint', index: 3 });
  });

  it('offers the lost hint from the current view (resume) with a live Next button', async () => {
    const { tutor, surface, id } = await started();
    surface.failNext();
    await expect(tutor.deliver(await tutor.nextHint(id, 1, ada), surface.post)).rejects.toThrow();
    const resumed = await tutor.view(id, ada);
    expect(resumed.delivery).toBeUndefined();
    expect(nextButton(resumed)).toMatchObject({ enabled: true, label: 'Next hint (2/3)' });
  });
});
