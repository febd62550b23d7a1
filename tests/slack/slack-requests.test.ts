import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeReasoningModel, LINEAR_EQUATION, r1Events } from '../fakes/fake-reasoning-model.ts';
import { FakeSlack } from '../fakes/fake-slack.ts';
import {
  CHANNEL, controlsPosted, fileTitles, postSigned, responses, sendCommand, slashCommandBody, startTestBot, waitFor, type TestBot, type TestBotOptions,
} from './slack-harness.ts';

const SOLVED = r1Events(LINEAR_EQUATION.reasoning, LINEAR_EQUATION.answer);
const TEN_MINUTES_S = 600;
/** What the bot calls on its own at start-up: auth.test (bolt) and users.list (the instructor prefetch). */
const STARTUP_CALLS = ['auth.test', 'users.list'];

let fake: FakeSlack;
let running: TestBot | undefined;

beforeEach(async () => {
  fake = await FakeSlack.start();
});

afterEach(async () => {
  await running?.bot.stop();
  running = undefined;
  await fake.close();
});

async function start(options: TestBotOptions = {}): Promise<TestBot> {
  running = await startTestBot(fake, new FakeReasoningModel([SOLVED]), options);
  return running;
}

describe('Slack request signing', () => {
  it('rejects a request whose signature does not match with 401, and does nothing', async () => {
    const { bot } = await start();
    const response = await postSigned(bot, slashCommandBody(fake, 'solve', '1 + 1'), { secret: 'not-the-signing-secret' });
    expect(response.status).toBe(401);
    expect(fake.calls.filter((call) => !STARTUP_CALLS.includes(call.method))).toEqual([]);
  });

  it('rejects a correctly signed request whose timestamp is ten minutes old with 401', async () => {
    const { bot } = await start();
    const response = await postSigned(bot, slashCommandBody(fake, 'solve', '1 + 1'), { timestampSec: Math.floor(Date.now() / 1000) - TEN_MINUTES_S });
    expect(response.status).toBe(401);
    expect(fake.calls.filter((call) => !STARTUP_CALLS.includes(call.method))).toEqual([]);
  });
});

describe('Slack errors and limits', () => {
  it('answers an empty /solve privately with what to do, posting nothing in the channel', async () => {
    const { bot } = await start();
    expect((await sendCommand(bot, fake, 'solve', '   ')).status).toBe(200);
    const reply = await waitFor('the private reply', () => fake.callsTo('response_url')[0]);
    expect(reply.body).toMatchObject({ response_type: 'ephemeral' });
    expect(String(reply.body.text).length).toBeGreaterThan(0);
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('asks to be invited when it is not in the channel', async () => {
    fake.answerOnce('chat.postMessage', () => ({ body: { ok: false, error: 'not_in_channel' } }));
    const { bot } = await start();
    await sendCommand(bot, fake, 'solve', LINEAR_EQUATION.problem);
    const reply = await waitFor('the private reply', () => responses(fake)[0]);
    expect(reply).toContain('/invite @Stepwise');
  });

  it('backs off on 429 with Retry-After and then posts, once', async () => {
    fake.answerOnce('chat.postMessage', () => ({ status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } }));
    const { bot } = await start();
    await sendCommand(bot, fake, 'solve', LINEAR_EQUATION.problem);
    const controls = await waitFor('the first buttons', () => controlsPosted(fake)[0]);
    const [limited, retried] = fake.callsTo('chat.postMessage');
    expect(limited?.response).toMatchObject({ ok: false, error: 'ratelimited' });
    expect(retried?.body).toEqual(limited?.body);
    expect(fileTitles(fake, controls.threadTs)).toHaveLength(2);
    expect(fake.callsTo('chat.postMessage').filter((call) => call.body.thread_ts === undefined && call.response.ok)).toHaveLength(1);
  });
});

describe('/check from the channel', () => {
  it("checks the answer against the user's latest session in the channel and posts the verdict in its thread", async () => {
    const { bot } = await start();
    await sendCommand(bot, fake, 'solve', LINEAR_EQUATION.problem);
    const controls = await waitFor('the first buttons', () => controlsPosted(fake)[0]);
    await sendCommand(bot, fake, 'check', 'x = 2');
    const verdict = await waitFor('the verdict', () => fake.callsTo('chat.postMessage').find((call) => String(call.body.text).includes('Correct')));
    expect(verdict.body).toMatchObject({ channel: CHANNEL, thread_ts: controls.threadTs });
    const reply = await waitFor('the pointer to the thread', () => responses(fake)[0]);
    expect(reply).toContain('thread');
  });

  it('explains how to use it when the user has no session in the channel', async () => {
    const { bot } = await start();
    await sendCommand(bot, fake, 'check', 'x = 2');
    const reply = await waitFor('the private reply', () => responses(fake)[0]);
    expect(reply).toContain('/solve');
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('asks for the answer when /check is sent empty', async () => {
    const { bot } = await start();
    await sendCommand(bot, fake, 'solve', LINEAR_EQUATION.problem);
    await waitFor('the first buttons', () => controlsPosted(fake)[0]);
    await sendCommand(bot, fake, 'check', '');
    const reply = await waitFor('the private reply', () => responses(fake)[0]);
    expect(reply).toContain('/check x = 2');
  });
});
