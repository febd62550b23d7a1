import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject, RecordedCall } from '../fakes/fake-discord.ts';
import { callbackFor, customIdsOf, INSTRUCTOR, startHarness, STUDENT, type DiscordHarness } from './discord-harness.ts';
import { spaceOfHarness, uploadWeekOne, WEEK_ONE_YAML, weekOneModel } from './week-one-set.ts';

const TOKEN_LIFETIME_MS = 15 * 60_000;
const SUMMARY = [
  'Warmed: R1 agrees on 2 of 3 problems. Check these:',
  '- tricky: R1 answered 0.35; students get your authored hints and your answer',
].join('\n');

describe('warming a problem set on Discord', () => {
  let harness: DiscordHarness;

  beforeEach(async () => {
    harness = await startHarness({ model: weekOneModel() });
    await uploadWeekOne(harness);
  });

  afterEach(async () => {
    harness.model.resume();
    await harness.bot.stop();
    await harness.fake.close();
  });

  /** Sends /problemset warm and resolves with the private estimate message and its two buttons. */
  async function estimate(setId = 'week-1'): Promise<{ message: JsonObject; confirm: string; cancel: string }> {
    const { fake } = harness;
    const command = fake.slashCommand('problemset warm', { set: setId }, INSTRUCTOR);
    const reply = await callbackFor(fake, command.token);
    expect(reply.body).toMatchObject({ type: 4, data: { flags: 64 } });
    const message = [...fake.messages.values()].find((candidate) => customIdsOf(candidate).some((id) => id.startsWith('sw-warm:go:')) && candidate.flags === 64);
    if (!message) throw new Error('no estimate message');
    const [confirm = '', cancel = ''] = customIdsOf(message);
    return { message, confirm, cancel };
  }

  /** Edits of the message the bot posted in the instructor's DMs, in order. */
  function directMessageEdits(): RecordedCall[] {
    const dm = harness.fake.directMessageChannelOf(INSTRUCTOR.id);
    return harness.fake.calls.filter((call) => call.method === 'PATCH' && dm !== undefined && call.path.startsWith(`/channels/${dm}/messages/`));
  }

  it('shows the cost first, then Confirm warms every problem in a DM and names the one R1 disagrees on', async () => {
    const { fake, model } = harness;
    const { message, confirm, cancel } = await estimate();
    expect(String(message.content)).toMatch(/^Warming \*\*week-1\*\* has R1 solve 3 of its 3 problems now \(0 already warm\)/);
    expect(String(message.content)).toMatch(/Estimate: [\d,]+ input and 12,000 output tokens, (about|under) \$0\.\d\d/);
    expect([confirm, cancel]).toEqual([expect.stringMatching(/^sw-warm:go:/), expect.stringMatching(/^sw-warm:cancel:/)]);
    expect(model.calls).toBe(0);

    const click = fake.clickButton(confirm, String(message.id), INSTRUCTOR);
    expect((await callbackFor(fake, click.token)).body).toEqual({ type: 6 });
    const note = await fake.waitFor((call) => call.method === 'PATCH' && call.path.includes(click.token), 'the note in the estimate');
    expect(note.body).toMatchObject({ content: expect.stringMatching(/^Warming \*\*week-1\*\*\. Progress and the summary are in your direct messages with me/), components: [] });
    const summary = await fake.waitFor((call) => directMessageEdits().includes(call) && String(call.body.content).startsWith('Warmed'), 'the warm summary');
    expect(summary.body.content).toBe(SUMMARY);
    const edits = directMessageEdits().map((call) => String(call.body.content));
    expect(edits.slice(0, -1).every((content) => /^Warming week-1: [1-3]\/3 …$/.test(content))).toBe(true);
    expect(model.calls).toBe(3);
    expect(fake.refusals).toEqual([]);
  });

  it('still delivers the summary when warming outlives the 15-minute token', async () => {
    const { fake, model } = harness;
    const { message, confirm } = await estimate();
    model.hold();
    const click = fake.clickButton(confirm, String(message.id), INSTRUCTOR);
    await fake.waitFor((call) => call.method === 'PATCH' && call.path.includes(click.token), 'the note in the estimate');
    harness.advanceClock(TOKEN_LIFETIME_MS + 60_000);
    model.resume();

    const summary = await fake.waitFor((call) => directMessageEdits().includes(call) && String(call.body.content).startsWith('Warmed'), 'the warm summary');
    expect(summary.body.content).toBe(SUMMARY);
    expect(summary.isBotAuthorized).toBe(true);
    expect(fake.refusals).toEqual([]);
    expect(fake.callsFor(click.token).every((call) => call.status < 400)).toBe(true);
  });

  it('posts progress in the channel when the instructor does not accept DMs', async () => {
    const { fake } = harness;
    fake.closeDirectMessages(INSTRUCTOR.id);
    const { message, confirm } = await estimate();
    const click = fake.clickButton(confirm, String(message.id), INSTRUCTOR);
    const note = await fake.waitFor((call) => call.method === 'PATCH' && call.path.includes(click.token), 'the note in the estimate');
    expect(String(note.body.content)).toContain('Progress and the summary are in a message below');
    const summary = await fake.waitFor((call) => call.method === 'PATCH' && call.path.startsWith(`/channels/${fake.channelId}/messages/`) && String(call.body.content).startsWith('Warmed'), 'the summary in the channel');
    expect(summary.body.content).toBe(SUMMARY);
  });

  it('offers Confirm and Cancel within Discord\'s 100-character ids for a set id of 120 characters', async () => {
    const { fake, classroom } = harness;
    const longId = `week-1-${'x'.repeat(113)}`;
    await classroom.upload(spaceOfHarness(harness), { platform: 'discord', userId: INSTRUCTOR.id, name: INSTRUCTOR.username, isInstructor: true }, WEEK_ONE_YAML.replace('id: week-1', `id: ${longId}`));
    const { confirm, cancel } = await estimate(longId);
    for (const id of [confirm, cancel]) expect(id.length).toBeLessThanOrEqual(100);
    expect(fake.refusals).toEqual([]);
  });

  it('spends nothing when the instructor cancels, and refuses a student who clicks Confirm', async () => {
    const { fake, model } = harness;
    const { message, confirm, cancel } = await estimate();
    const student = fake.clickButton(confirm, String(message.id), STUDENT);
    expect((await callbackFor(fake, student.token)).body).toMatchObject({ type: 4, data: { content: 'Only instructors can warm problem sets.', flags: 64 } });

    const cancelled = fake.clickButton(cancel, String(message.id), INSTRUCTOR);
    expect((await callbackFor(fake, cancelled.token)).body).toMatchObject({ type: 7, data: { content: 'Cancelled: nothing was warmed or spent.', components: [] } });
    expect(model.calls).toBe(0);
  });
});
