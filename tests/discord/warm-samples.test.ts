import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/index.ts';
import type { JsonObject, RecordedCall } from '../fakes/fake-discord.ts';
import { SAMPLED_SET_YAML, samplingModel } from '../fixtures/sampled-set.ts';
import { callbackFor, customIdsOf, INSTRUCTOR, startHarness, type DiscordHarness } from './discord-harness.ts';
import { spaceOfHarness } from './week-one-set.ts';

const instructor: Actor = { platform: 'discord', userId: INSTRUCTOR.id, name: INSTRUCTOR.username, isInstructor: true };

describe('warming a problem set with several samples on Discord', () => {
  let harness: DiscordHarness;

  afterEach(async () => {
    await harness.bot.stop();
    await harness.fake.close();
  });

  async function startWithSampledSet(): Promise<void> {
    harness = await startHarness({ model: samplingModel() });
    await harness.classroom.upload(spaceOfHarness(harness), instructor, SAMPLED_SET_YAML);
  }

  /** The private estimate for `/problemset warm` with these options, and its Confirm button. */
  async function estimate(options: Record<string, string | number>): Promise<{ message: JsonObject; confirm: string }> {
    const { fake } = harness;
    const command = fake.slashCommand('problemset warm', options, INSTRUCTOR);
    expect((await callbackFor(fake, command.token)).body).toMatchObject({ type: 4, data: { flags: 64 } });
    const message = [...fake.messages.values()].find((candidate) => customIdsOf(candidate).some((id) => id.startsWith('sw-warm:go:')));
    if (!message) throw new Error('no estimate message');
    return { message, confirm: customIdsOf(message)[0] ?? '' };
  }

  function directMessageEdits(): RecordedCall[] {
    const dm = harness.fake.directMessageChannelOf(INSTRUCTOR.id);
    return harness.fake.calls.filter((call) => call.method === 'PATCH' && dm !== undefined && call.path.startsWith(`/channels/${dm}/messages/`));
  }

  it('estimates every sample first, then solves each one and shows agreement per problem, flagging a disagreeing majority and a split', async () => {
    await startWithSampledSet();
    const { fake, model } = harness;
    const { message, confirm } = await estimate({ set: 'sampled', samples: 3 });
    const content = String(message.content);
    expect(content).toMatch(/^Warming \*\*sampled\*\* has R1 solve 3 of its 3 problems now 3 times each \(9 solves to pay for\) \(0 already warm\)/);
    // Nine solves of 4,000 output tokens each: the estimate covers every sample.
    expect(content).toMatch(/Estimate, every sample counted: [\d,]+ input and 36,000 output tokens/);
    expect(model.calls).toBe(0);

    fake.clickButton(confirm, String(message.id), INSTRUCTOR);
    const summary = await fake.waitFor((call) => directMessageEdits().includes(call) && String(call.body.content).startsWith('Warmed'), 'the warm summary');
    expect(model.calls).toBe(9);
    const text = String(summary.body.content);
    expect(text).toMatch(/^Warmed: R1 agrees on 1 of 3 problems\. Check these:/);
    expect(text).toContain('- sum: the majority of samples answered 12; students get your authored hints and your answer');
    expect(text).toMatch(/- split: no majority \(1 of 3 samples agree/);
    expect(text).toContain('Samples (3 per problem):');
    expect(text).toContain('- product: 2 of 3 samples agree (on 42; others: 41 ×1)');
    expect(text).toMatch(/- sum: 2 of 3 samples agree \(on 12; others: 10 ×1\)/);
    const progress = directMessageEdits().map((call) => String(call.body.content)).filter((edit) => !edit.startsWith('Warmed'));
    expect(progress.every((edit) => edit.startsWith('Warming sampled (3 samples per problem)'))).toBe(true);
    expect(fake.refusals).toEqual([]);
  });

  it('takes one sample when none is given', async () => {
    await startWithSampledSet();
    const { fake, model } = harness;
    const { message, confirm } = await estimate({ set: 'sampled' });
    expect(String(message.content)).toMatch(/has R1 solve 3 of its 3 problems now \(0 already warm\)/);
    expect(String(message.content)).toContain('12,000 output tokens');
    fake.clickButton(confirm, String(message.id), INSTRUCTOR);
    const summary = await fake.waitFor((call) => directMessageEdits().includes(call) && String(call.body.content).startsWith('Warmed'), 'the warm summary');
    expect(model.calls).toBe(3);
    expect(String(summary.body.content)).not.toContain('samples agree');
  });

  it('refuses a number of samples out of bounds without estimating or spending', async () => {
    await startWithSampledSet();
    const { fake, model } = harness;
    const command = fake.slashCommand('problemset warm', { set: 'sampled', samples: 11 }, INSTRUCTOR);
    expect((await callbackFor(fake, command.token)).body).toEqual({ type: 4, data: expect.objectContaining({ content: 'samples must be a whole number from 1 to 10.', flags: 64 }) });
    expect(model.calls).toBe(0);
  });
});
