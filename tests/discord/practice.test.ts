import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeUser } from '../fakes/fake-discord.ts';
import { callbackFor, INSTRUCTOR, replyEditFor, startHarness, STUDENT, threadStartedBy, type DiscordHarness, type ThreadStart } from './discord-harness.ts';
import { uploadWeekOne, weekOneModel } from './week-one-set.ts';

describe('a student practising a problem set on Discord', () => {
  let harness: DiscordHarness;

  beforeEach(async () => {
    harness = await startHarness({ model: weekOneModel() });
    await uploadWeekOne(harness);
  });

  afterEach(async () => {
    await harness.bot.stop();
    await harness.fake.close();
    // The strict fake refused nothing: every payload was within Discord's limits and rules.
    expect(harness.fake.refusals.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([]);
  });

  async function practise(options: Record<string, string> = { set: 'week-1' }, user: FakeUser = STUDENT): Promise<ThreadStart> {
    return threadStartedBy(harness.fake, harness.fake.slashCommand('practice', options, user));
  }

  async function check(threadId: string, answer: string): Promise<string> {
    const command = harness.fake.slashCommand('check', { answer }, STUDENT, threadId);
    return String((await replyEditFor(harness.fake, command.token, /./)).body.content);
  }

  function problemOf(start: ThreadStart): string {
    return String((start.card.body.attachments as { description: string }[])[0]?.description);
  }

  it('gives problem 1 in a thread, and after a correct /check gives problem 2', async () => {
    const { fake } = harness;
    const first = await practise();
    expect(problemOf(first)).toBe('Solve $2x + 3 = 7$.');
    expect((await callbackFor(fake, first.token)).body).toEqual({ type: 5, data: { flags: 0 } });
    await replyEditFor(fake, first.token, /^\*\*ada is practising\.\*\* Problem 1 of 3 in Week 1\.\nDone\. The hints are in the thread\.$/);
    expect(await check(first.threadId, 'x = 2')).toMatch(/^Correct!/);

    const second = await practise();
    expect(problemOf(second)).toBe('What is $7^2$?');
    expect(second.threadId).not.toBe(first.threadId);
  });

  it("practises the channel's set when none is named, and shows a student only their own progress", async () => {
    const { fake } = harness;
    const assign = fake.slashCommand('problemset assign', { set: 'week-1' }, INSTRUCTOR);
    expect(String((await replyEditFor(fake, assign.token, /practises/)).body.content)).toBe(`<#${fake.channelId}> now practises \`week-1\`: students there can type /practice without naming a set.`);

    const first = await practise({});
    expect(problemOf(first)).toBe('Solve $2x + 3 = 7$.');
    await check(first.threadId, 'x = 2');

    const progress = fake.slashCommand('progress', {}, STUDENT);
    expect((await callbackFor(fake, progress.token)).body).toEqual({ type: 5, data: { flags: 64 } });
    const reply = String((await replyEditFor(fake, progress.token, /Week 1/)).body.content);
    expect(reply).toMatch(/^\*\*Week 1\*\*: 1 of 3 solved\nlinear ✓/);
  });

  it('shows a set problem in its thread before R1 answers, and adds what R1 brings to the same thread', async () => {
    const { fake, model } = harness;
    model.hold();
    const command = fake.slashCommand('practice', { set: 'week-1' }, STUDENT);
    const thread = await fake.waitFor((call) => call.path.endsWith('/threads') && call.atMs >= command.sentAtMs, 'the thread');
    const threadId = thread.path.split('/')[4] ?? '';
    const card = await fake.waitFor((call) => call.method === 'POST' && call.path === `/channels/${threadId}/messages`, 'the problem before R1 answers');
    expect((card.body.attachments as { description: string }[])[0]?.description).toBe('Solve $2x + 3 = 7$.');
    model.resume(); // R1 was held: the problem came without waiting for it

    await replyEditFor(fake, command.token, /Done\. The hints are in the thread\.$/);
    expect(fake.calls.filter((call) => call.path.endsWith('/threads') && call.atMs >= command.sentAtMs)).toHaveLength(1);
    expect(fake.calls.filter((call) => call.method === 'POST' && call.path === `/channels/${threadId}/messages`).length).toBeGreaterThanOrEqual(2);
  });

  it('says so when every problem is solved', async () => {
    const { fake } = harness;
    for (const answer of ['x = 2', '49', '0.3']) {
      const start = await practise();
      expect(await check(start.threadId, answer)).toMatch(/^Correct!/);
    }
    const done = fake.slashCommand('practice', { set: 'week-1' }, STUDENT);
    expect(String((await replyEditFor(fake, done.token, /./)).body.content)).toBe('You have solved every problem in Week 1. Well done!');
  });
});
