import { afterEach, describe, expect, it } from 'vitest';
import { ModelError, type ModelEvent, type SolveRequest } from '../../src/index.ts';
import { FakeReasoningModel, LINEAR_EQUATION } from '../fakes/fake-reasoning-model.ts';
import { customIdsOf, startHarness, STUDENT, type DiscordHarness } from './discord-harness.ts';

/** Thinks until its solve is aborted, then fails as the real model does. */
class UntilAbortedModel extends FakeReasoningModel {
  override async *solve(request: SolveRequest, signal?: AbortSignal): AsyncIterable<ModelEvent> {
    this.prompts.push(request.prompt);
    yield { type: 'reasoning', text: 'Let me think' };
    await new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(new ModelError('aborted', 'The solve was interrupted. Press Retry to try again.', true))));
  }
}

describe('stopping the Discord bot', () => {
  let harness: DiscordHarness | undefined;

  afterEach(async () => {
    await harness?.fake.close();
  });

  it('aborts a running solve, leaves Retry in its thread, then disconnects', async () => {
    harness = await startHarness({ model: new UntilAbortedModel([[]]) });
    const { fake, bot } = harness;
    fake.slashCommand('solve', { problem: LINEAR_EQUATION.problem }, STUDENT);
    await fake.waitFor((call) => call.method === 'PATCH' && String(call.body.content).includes('R1 is thinking'), 'a progress edit');

    await bot.stop();

    const thread = fake.calls.find((call) => call.path.endsWith('/threads'));
    const threadId = thread?.path.split('/')[4];
    const failure = fake.calls.find((call) => call.path === `/channels/${threadId}/messages`);
    expect(failure?.body.content).toBe('The solve was interrupted. Press Retry to try again.');
    expect(customIdsOf(failure?.body ?? {})[0]).toMatch(/^sw:retry:/);
    expect(bot.client.isReady()).toBe(false);
  });
});
