import { afterEach, describe, expect, it } from 'vitest';
import { ModelError } from '../../src/index.ts';
import { LINEAR_EQUATION } from '../fakes/fake-reasoning-model.ts';
import { callbackFor, customIdsOf, followUpFor, isEphemeral, LINEAR_SCRIPT, replyEditFor, solveInThread, startHarness, STUDENT, type DiscordHarness } from './discord-harness.ts';

const TOKEN_LIFETIME_MS = 15 * 60_000;
const OUT_OF_CREDIT = new ModelError('402 Insufficient Balance', 'The tutor is out of model credit; your instructor has been told.', false, 402);

describe('when things go wrong on Discord', () => {
  let harness: DiscordHarness | undefined;

  afterEach(async () => {
    harness?.model.resume();
    await harness?.bot.stop();
    await harness?.fake.close();
  });

  it('leaves a Retry button in the thread when R1 fails, and Retry solves it', async () => {
    harness = await startHarness({ scripts: [OUT_OF_CREDIT, LINEAR_SCRIPT] });
    const { fake } = harness;
    fake.slashCommand('solve', { problem: LINEAR_EQUATION.problem }, STUDENT);
    const thread = await fake.waitFor((call) => call.path.endsWith('/threads'), 'the thread');
    const threadId = thread.path.split('/')[4] ?? '';
    const failure = await fake.waitFor((call) => call.path === `/channels/${threadId}/messages`, 'the failure');
    expect(failure.body.content).toBe(OUT_OF_CREDIT.userMessage);
    const [retryId] = customIdsOf(failure.body);
    expect(retryId).toMatch(/^sw:retry:[a-z0-9]+$/);
    await fake.waitFor((call) => call.method === 'PATCH' && String(call.body.content).includes('Retry button'), 'the thinking message saying so');

    const failureMessage = [...fake.messages.values()].find((message) => message.channel_id === threadId);
    const click = fake.clickButton(String(retryId), String(failureMessage?.id), STUDENT);
    expect((await callbackFor(fake, click.token)).body).toEqual({ type: 6 });
    const solved = await fake.waitFor((call) => call.path === `/channels/${threadId}/messages` && call.files.length === 2, 'the hints after Retry');
    expect(customIdsOf(solved.body)[0]).toMatch(/^sw:next:[a-z0-9]+:1$/);
    const cleared = await fake.waitFor((call) => call.method === 'PATCH' && call.path.includes(click.token) && String(call.body.content).includes('Done.'), 'the retried message');
    expect(cleared.body.content).toBe('**Trying again.**\nDone. The hints are in the thread.');
  });

  it('takes back the public reply and says privately what to fix for an empty problem', async () => {
    harness = await startHarness();
    const { fake } = harness;
    const command = fake.slashCommand('solve', { problem: '   ' }, STUDENT);

    expect((await callbackFor(fake, command.token)).body).toMatchObject({ type: 5 });
    const note = await followUpFor(fake, command.token);
    expect(isEphemeral(note)).toBe(true);
    expect(note.body.content).toMatch(/^The problem is empty\./);
    expect(fake.callsFor(command.token).map((call) => call.method)).toEqual(['POST', 'DELETE', 'POST']);
  });

  it('answers /check outside a session thread at once and privately', async () => {
    harness = await startHarness();
    const { fake } = harness;
    const command = fake.slashCommand('check', { answer: 'x = 2' }, STUDENT);

    const callback = await callbackFor(fake, command.token);
    expect(callback.body).toMatchObject({ type: 4, data: { flags: 64, content: 'Use /check inside the thread of the problem you are working on (the one /solve opened), or the Check answer button under its hint.' } });
  });

  it('finishes a solve that outlives the 15-minute interaction token through the bot token', async () => {
    harness = await startHarness();
    const { fake, model } = harness;
    model.hold();
    const command = fake.slashCommand('solve', { problem: LINEAR_EQUATION.problem }, STUDENT);
    await fake.waitFor((call) => call.method === 'PATCH' && String(call.body.content).includes('R1 is thinking'), 'a progress edit');
    harness.advanceClock(TOKEN_LIFETIME_MS);
    fake.expireToken(command.token);
    const expiredAtMs = performance.now();
    model.resume();

    const done = await fake.waitFor((call) => call.method === 'PATCH' && String(call.body.content).includes('Done.'), 'the final edit');
    const replyId = done.path.split('/').at(-1);
    expect(done.path).toBe(`/channels/${fake.channelId}/messages/${replyId}`);
    expect(done.isBotAuthorized).toBe(true);
    expect(fake.calls.some((call) => call.path === `/channels/${replyId}/messages` && call.files.length === 2)).toBe(true);
    expect(fake.callsFor(command.token).filter((call) => call.atMs >= expiredAtMs)).toEqual([]);
  });

  it('waits out a 429 on the thread post and a global 429, then posts the hints', async () => {
    harness = await startHarness();
    const { fake } = harness;
    fake.rateLimitNext({ method: 'POST', path: /^\/channels\/\d+\/messages\/\d+\/threads$/, retryAfterSeconds: 0.2 });
    fake.rateLimitNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/, retryAfterSeconds: 0.2, isGlobal: true });
    fake.slashCommand('solve', { problem: LINEAR_EQUATION.problem }, STUDENT);

    const card = await fake.waitFor((call) => call.status === 200 && /^\/channels\/\d+\/messages$/.test(call.path) && customIdsOf(call.body).length > 0, 'the hints after the 429s');
    expect(customIdsOf(card.body)[0]).toMatch(/^sw:next:[a-z0-9]+:1$/);
    expect(fake.refusals.map((call) => call.status)).toEqual([429, 429]);
  });

  it("keeps an error private when a command's public reply was never edited", async () => {
    harness = await startHarness();
    const { fake } = harness;
    const start = await solveInThread(harness);
    await replyEditFor(fake, start.token, /Done\./);
    fake.failNext('PATCH', /^\/webhooks\/\d+\/tok-\d+\/messages\/@original$/, 400, { code: 50035, message: 'Invalid Form Body', errors: {} });
    const command = fake.slashCommand('check', { answer: 'x = 2' }, STUDENT, start.threadId);

    const note = await followUpFor(fake, command.token);
    expect(Number((note.response as { flags: number }).flags) & 64).toBe(64); // what Discord stored, not just what was asked
    expect(fake.callsFor(command.token).map((call) => call.method)).toEqual(['POST', 'PATCH', 'GET', 'DELETE', 'POST']);
    const original = fake.callsFor(command.token)[2]?.response as { id: string };
    expect(fake.messages.has(original.id)).toBe(false);
  });
});
