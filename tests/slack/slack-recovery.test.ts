import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/index.ts';
import { FakeReasoningModel, LINEAR_EQUATION, r1Events, type FakeScript } from '../fakes/fake-reasoning-model.ts';
import { FakeSlack } from '../fakes/fake-slack.ts';
import {
  actionOf, CHANNEL, clickButton, controlsPosted, ephemeralTo, fileTitles, sendCommand, startTestBot, STUDENT, waitFor, type TestBot, type TestBotOptions,
} from './slack-harness.ts';

// No dead ends: a hint whose post failed is delivered by the next click; a crash mid-solve leaves a Retry.
const SOLVED = r1Events(LINEAR_EQUATION.reasoning, LINEAR_EQUATION.answer);
const INTERNAL_ERROR = () => ({ body: { ok: false, error: 'internal_error' } });
const PASS = () => undefined;

let fake: FakeSlack;
const running: TestBot[] = [];
const models: FakeReasoningModel[] = [];

beforeEach(async () => {
  fake = await FakeSlack.start();
});

afterEach(async () => {
  for (const model of models.splice(0)) model.resume();
  for (const test of running.splice(0).reverse()) await test.bot.stop();
  await fake.close();
});

async function start(scripts: readonly FakeScript[] = [SOLVED], options: TestBotOptions = {}) {
  const model = new FakeReasoningModel(scripts);
  models.push(model);
  const test = await startTestBot(fake, model, options);
  running.push(test);
  return { model, ...test };
}

const parentsOk = () => fake.callsTo('chat.postMessage').filter((call) => call.body.thread_ts === undefined && call.body.channel === CHANNEL && call.response.ok);
const hintsIn = (threadTs: string) => [
  ...fileTitles(fake, threadTs),
  ...fake.callsTo('chat.postMessage').filter((call) => call.body.thread_ts === threadTs && call.response.ok).flatMap((call) => String(call.body.text).match(/Hint \d+ of \d+/g) ?? []),
].filter((title) => title.startsWith('Hint'));

describe('Slack: a hint counts only once it is delivered', () => {
  it('rolls back a hint whose post failed (upload internal_error, then the text fallback too), and the same Next hint button delivers it', async () => {
    const test = await start();
    await sendCommand(test.bot, fake, 'solve', LINEAR_EQUATION.problem);
    const first = await waitFor('the first buttons', () => controlsPosted(fake)[0]);
    fake.answerOnce('files.completeUploadExternal', INTERNAL_ERROR);
    fake.answerOnce('chat.postMessage', INTERNAL_ERROR);
    const next = { actionId: actionOf(first, 'next'), messageTs: first.ts, threadTs: first.threadTs };
    await clickButton(test.bot, fake, next);
    const notice = await waitFor('the notice', () => ephemeralTo(fake, STUDENT).find((text) => text.includes('could not be posted')));
    expect(notice).toContain('Hint 2');
    expect(hintsIn(first.threadTs).filter((title) => title.startsWith('Hint 2'))).toEqual([]);

    await clickButton(test.bot, fake, next);
    await waitFor('hint 2, delivered by the second click', () => hintsIn(first.threadTs).find((title) => title.startsWith('Hint 2')));
    expect(ephemeralTo(fake, STUDENT).filter((text) => text.includes('already seen'))).toEqual([]);
  });

  it("after one internal_error from files.completeUploadExternal the hint still arrives (as text), and the next click moves on instead of saying 'already seen'", async () => {
    const test = await start();
    await sendCommand(test.bot, fake, 'solve', LINEAR_EQUATION.problem);
    const first = await waitFor('the first buttons', () => controlsPosted(fake)[0]);
    fake.answerOnce('files.completeUploadExternal', INTERNAL_ERROR);
    await clickButton(test.bot, fake, { actionId: actionOf(first, 'next'), messageTs: first.ts, threadTs: first.threadTs });
    const second = await waitFor('the second buttons', () => controlsPosted(fake)[1]);
    await clickButton(test.bot, fake, { actionId: actionOf(second, 'next'), messageTs: second.ts, threadTs: first.threadTs });
    await waitFor('hint 3', () => hintsIn(first.threadTs).find((title) => title.startsWith('Hint 3')));
    expect(ephemeralTo(fake, STUDENT).filter((text) => text.includes('already seen'))).toEqual([]);
  });

  it("never claims the first hint is in an empty thread: the channel message says so and carries a Retry that delivers it", async () => {
    const test = await start();
    fake.answerOnce('chat.postMessage', PASS);
    fake.answerOnce('files.completeUploadExternal', INTERNAL_ERROR);
    fake.answerOnce('chat.postMessage', INTERNAL_ERROR);
    await sendCommand(test.bot, fake, 'solve', LINEAR_EQUATION.problem);
    const parent = await waitFor('the thinking message', () => parentsOk()[0]);
    const threadTs = String(parent.response.ts);
    const failed = await waitFor('the undelivered status', () => fake.callsTo('chat.update').find((call) => String(call.body.text).includes('could not post the hint')));
    expect(fake.callsTo('chat.update').some((call) => String(call.body.text).includes('are in the thread'))).toBe(false);
    const retry = JSON.stringify(failed.body.blocks).match(/"action_id":"(sw:[^"]+)"/)?.[1] ?? '';
    expect(retry).toMatch(/^sw:/);
    expect(controlsPosted(fake)).toEqual([]);

    await clickButton(test.bot, fake, { actionId: retry, messageTs: threadTs, threadTs });
    const controls = await waitFor('the buttons after Retry', () => controlsPosted(fake)[0]);
    expect(controls.threadTs).toBe(threadTs);
    expect(hintsIn(threadTs)).toEqual([expect.stringMatching(/^Hint 1 of/)]);
    expect(test.model.calls).toBe(1);
  });
});

describe('Slack start-up sweep', () => {
  it("edits a crashed solve's 'R1 is thinking…' message into the failure with a Retry that solves it", async () => {
    const store = createMemoryStore();
    const crashed = await start([SOLVED], { store });
    crashed.model.hold();
    await sendCommand(crashed.bot, fake, 'solve', LINEAR_EQUATION.problem);
    const parent = await waitFor('the thinking message', () => parentsOk()[0]);
    const threadTs = String(parent.response.ts);
    await waitFor('a progress edit', () => fake.callsTo('chat.update').find((call) => String(call.body.text).includes('R1 is thinking')));

    // A new process starts a minute later, long after the dead one's lease ran out.
    const restarted = await start([SOLVED], { store, clockAheadMs: 60_000 });
    const swept = await waitFor('the failure edit', () => fake.callsTo('chat.update').find((call) => call.body.ts === threadTs && String(call.body.text).includes('restarted')));
    const retry = JSON.stringify(swept.body.blocks).match(/"action_id":"(sw:[^"]+)"/)?.[1] ?? '';
    expect(retry).toMatch(/^sw:[^:]+:/);

    const sessionId = retry.split(':')[2] ?? '';
    expect((await restarted.tutor.session(sessionId))?.status).toBe('failed');

    // Retry claims the solve again in the new process. (The crashed one is only simulated here: it
    // still holds R1's in-flight marker, so the new solve waits on it; the engine's crash-recovery
    // test kills a real process and covers the takeover.)
    await clickButton(restarted.bot, fake, { actionId: retry, messageTs: threadTs, threadTs });
    await waitFor('the session solving again', async () => (await restarted.tutor.session(sessionId))?.status === 'solving');
  });
});
