import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../fakes/fake-discord.ts';
import { callbackFor, customIdsOf, INSTRUCTOR, startHarness, STUDENT, type DiscordHarness } from './discord-harness.ts';
import { uploadWeekOne, weekOneModel } from './week-one-set.ts';

describe('warming a problem set on Discord', () => {
  let harness: DiscordHarness;

  beforeEach(async () => {
    harness = await startHarness({ model: weekOneModel() });
    await uploadWeekOne(harness);
  });

  afterEach(async () => {
    await harness.bot.stop();
    await harness.fake.close();
  });

  /** Sends /problemset warm and resolves with the private estimate message. */
  async function estimate(): Promise<JsonObject> {
    const { fake } = harness;
    const command = fake.slashCommand('problemset warm', { set: 'week-1' }, INSTRUCTOR);
    const reply = await callbackFor(fake, command.token);
    expect(reply.body).toMatchObject({ type: 4, data: { flags: 64 } });
    const message = [...fake.messages.values()].find((candidate) => customIdsOf(candidate).includes('sw-warm:go:week-1'));
    if (!message) throw new Error('no estimate message');
    return message;
  }

  it('shows the cost first, then Confirm warms every problem and names the one R1 disagrees on', async () => {
    const { fake, model } = harness;
    const message = await estimate();
    expect(String(message.content)).toMatch(/^Warming \*\*week-1\*\* has R1 solve 3 of its 3 problems now \(0 already warm\)/);
    expect(String(message.content)).toMatch(/Estimate: [\d,]+ input and 12,000 output tokens, (about|under) \$0\.\d\d/);
    expect(customIdsOf(message)).toEqual(['sw-warm:go:week-1', 'sw-warm:cancel:week-1']);
    expect(model.calls).toBe(0);

    const click = fake.clickButton('sw-warm:go:week-1', String(message.id), INSTRUCTOR);
    expect((await callbackFor(fake, click.token)).body).toEqual({ type: 6 });
    const summary = await fake.waitFor((call) => call.method === 'PATCH' && call.path.includes(click.token) && String(call.body.content).startsWith('Warmed'), 'the warm summary');
    expect(summary.body.content).toBe([
      'Warmed: R1 agrees on 2 of 3 problems. Check these:',
      '- tricky: R1 answered 0.35; students get your authored hints and your answer',
    ].join('\n'));
    const edits = fake.callsFor(click.token).filter((call) => call.method === 'PATCH').map((call) => String(call.body.content));
    expect(edits[0]).toBe('Warming week-1: starting…');
    expect(edits.slice(1, -1).every((content) => /^Warming week-1: [1-3]\/3 …$/.test(content))).toBe(true);
    expect(model.calls).toBe(3);
  });

  it('spends nothing when the instructor cancels, and refuses a student who clicks Confirm', async () => {
    const { fake, model } = harness;
    const message = await estimate();
    const student = fake.clickButton('sw-warm:go:week-1', String(message.id), STUDENT);
    expect((await callbackFor(fake, student.token)).body).toMatchObject({ type: 4, data: { content: 'Only instructors can warm problem sets.', flags: 64 } });

    const cancel = fake.clickButton('sw-warm:cancel:week-1', String(message.id), INSTRUCTOR);
    expect((await callbackFor(fake, cancel.token)).body).toMatchObject({ type: 7, data: { content: 'Cancelled: nothing was warmed or spent.', components: [] } });
    expect(model.calls).toBe(0);
  });
});
