import { afterEach, describe, expect, it } from 'vitest';
import { GatewayIntentBits } from 'discord.js';
import { FakeDiscord, type RecordedCall } from '../fakes/fake-discord.ts';
import { CLASSMATE, solveInThread, startHarness, STUDENT, type DiscordHarness } from './discord-harness.ts';

describe('answers typed in the thread', () => {
  let harness: DiscordHarness | undefined;

  afterEach(async () => {
    await harness?.bot.stop();
    await harness?.fake.close();
  });

  const verdictsIn = (fake: FakeDiscord, threadId: string) => (call: RecordedCall) =>
    call.method === 'POST' && call.path === `/channels/${threadId}/messages` && /Correct|not correct|could not read/i.test(String(call.body.content));

  it("asks for Guild Messages and Message Content, checks the student's typed answer like /check, and ignores a classmate's", async () => {
    harness = await startHarness();
    const { fake } = harness;
    const intents = fake.identifies.at(-1) ?? 0;
    for (const bit of [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent]) expect(intents & bit).toBe(bit);
    const { threadId, sessionId } = await solveInThread(harness);

    fake.typeMessage('I think x = 5', CLASSMATE, threadId);
    fake.typeMessage('x = 2', STUDENT, threadId);
    const verdict = await fake.waitFor(verdictsIn(fake, threadId), 'the verdict in the thread');
    expect(String(verdict.body.content)).toMatch(/^Correct!/);
    expect(fake.calls.filter(verdictsIn(fake, threadId))).toHaveLength(1);
    const session = await harness.tutor.session(sessionId);
    expect(session?.attempts.map((attempt) => attempt.answer)).toEqual(['x = 2']);
  });

  it('still starts without the privileged intent, and says so', async () => {
    const fake = await FakeDiscord.start();
    fake.isMessageContentIntentEnabled = false;
    harness = await startHarness({ fake });
    expect(harness.bot.isReadingMessages).toBe(false);
    expect(fake.identifies.map((intents) => (intents & GatewayIntentBits.MessageContent) !== 0)).toEqual([true, false]);
    const { threadId } = await solveInThread(harness);
    expect(threadId).not.toBe('');
  });
});
