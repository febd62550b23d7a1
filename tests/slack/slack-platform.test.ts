import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore, ModelError, type Store } from '../../src/index.ts';
import { FakeReasoningModel, LINEAR_EQUATION, r1Events, type FakeScript } from '../fakes/fake-reasoning-model.ts';
import { FakeSlack, type RecordedCall } from '../fakes/fake-slack.ts';
import {
  actionOf, CHANNEL, clickButton, controlsPosted, ephemeralTo, fileTitles, OTHER_STUDENT, postSigned, responses, sendCommand, slashCommandBody,
  startTestBot, STUDENT, submitModal, TEACHER, waitFor, type TestBot, type TestBotOptions,
} from './slack-harness.ts';

// Slack as it really behaves: the strict fake, production's retry policy and progress pace.
const SOLVED = r1Events(LINEAR_EQUATION.reasoning, LINEAR_EQUATION.answer);
const SECONDS = 1000;
/** A different problem solved after a replay: once its thread is up, a replay that ran would have shown. */
const BARRIER_PROBLEM = 'Solve 3x = 12 for x.';

let fake: FakeSlack;
const running: TestBot[] = [];
const models: FakeReasoningModel[] = [];

beforeEach(async () => {
  fake = await FakeSlack.start();
});

afterEach(async () => {
  for (const model of models.splice(0)) model.resume();
  for (const test of running.splice(0)) await test.bot.stop();
  await fake.close();
});

async function start(scripts: readonly FakeScript[] = [SOLVED], options: TestBotOptions = {}) {
  const model = new FakeReasoningModel(scripts);
  models.push(model);
  const test = await startTestBot(fake, model, options);
  running.push(test);
  return { model, ...test };
}

const parents = () => fake.callsTo('chat.postMessage').filter((call) => call.body.thread_ts === undefined && call.body.channel === CHANNEL);
const threadPosts = (threadTs: string) => fake.callsTo('chat.postMessage').filter((call) => call.body.thread_ts === threadTs && call.response.ok);

async function solveFirst(test: TestBot, problem: string, userId = STUDENT) {
  const before = parents().length;
  expect((await sendCommand(test.bot, fake, 'solve', problem, userId)).status).toBe(200);
  const parent = await waitFor('the thinking message', () => parents().filter((call) => call.response.ok)[before]);
  const threadTs = String(parent.response.ts);
  const controls = await waitFor('the first buttons', () => controlsPosted(fake).find((posted) => posted.threadTs === threadTs));
  return { threadTs, controls };
}

describe('Slack lanes: a 429 on background traffic never holds up a click', () => {
  it("opens another student's Check answer modal inside its 3-second trigger while progress edits wait out Retry-After: 5", async () => {
    const test = await start();
    const theirs = await solveFirst(test, LINEAR_EQUATION.problem, OTHER_STUDENT);
    test.model.hold();
    fake.answerOnce('chat.update', () => ({ status: 429, headers: { 'retry-after': '5' }, body: { ok: false, error: 'ratelimited' } }));
    await sendCommand(test.bot, fake, 'solve', 'Solve 3x = 12 for x.');
    await waitFor('the rate-limited progress edit', () => fake.callsTo('chat.update').find((call) => call.response.error === 'ratelimited'));

    await clickButton(test.bot, fake, { actionId: actionOf(theirs.controls, 'check'), messageTs: theirs.controls.ts, threadTs: theirs.threadTs, userId: OTHER_STUDENT });
    const opened = await waitFor('the modal', () => fake.callsTo('views.open')[0]);
    expect(opened.response).toMatchObject({ ok: true });
    await clickButton(test.bot, fake, { actionId: actionOf(theirs.controls, 'next'), messageTs: theirs.controls.ts, threadTs: theirs.threadTs, userId: OTHER_STUDENT });
    await waitFor('the next hint, posted while progress edits are paused', () => fileTitles(fake, theirs.threadTs).find((title) => title.startsWith('Hint 2')));
    expect(fake.callsTo('chat.update').filter((call) => call.response.error === 'ratelimited')).toHaveLength(1);
    test.model.resume();
  }, 20_000);

  it('acks eight /solve at once within the 3-second deadline and posts each thread exactly once through the 429s of a busy channel', async () => {
    const test = await start();
    const problems = Array.from({ length: 8 }, (_, index) => `Solve ${index + 2}x = ${2 * (index + 2)} for x.`);
    const acks = await Promise.all(problems.map((problem, index) => sendCommand(test.bot, fake, 'solve', problem, `U0STUDENT${index}`)));
    // 200 means acked in time: bolt answers 404 to a request not acknowledged within 3 s (its 3,001 ms timeout).
    expect(acks.map((ack) => ack.status)).toEqual(Array.from({ length: 8 }, () => 200));
    console.info(`8 /solve at once over HTTP: slowest ack ${Math.max(...acks.map((ack) => ack.ackMs)).toFixed(0)} ms`);
    await waitFor('eight threads with buttons', () => new Set(controlsPosted(fake).map((controls) => controls.threadTs)).size === 8, 40_000);
    expect(parents().filter((call) => call.response.ok)).toHaveLength(8);
    expect(controlsPosted(fake)).toHaveLength(8);
    const limited = fake.calls.filter((call) => call.response.error === 'ratelimited');
    expect(limited.length).toBeGreaterThan(0);
    expect(fake.calls.filter((call) => call.response.ok === false && call.response.error !== 'ratelimited')).toEqual([]);
  }, 60_000);
});

describe('Slack instructor lookups stay off the trigger path', () => {
  it("opens an admin's Check answer modal on a student's session from the prefetched cache, with no users.info before views.open", async () => {
    fake.admins.add(TEACHER);
    const test = await start();
    await waitFor('the instructor prefetch', () => fake.callsTo('users.list')[0]);
    const { controls, threadTs } = await solveFirst(test, LINEAR_EQUATION.problem);
    const before = fake.calls.length;
    await clickButton(test.bot, fake, { actionId: actionOf(controls, 'check'), messageTs: controls.ts, threadTs, userId: TEACHER });
    const opened = await waitFor('the modal', () => fake.callsTo('views.open')[0]);
    expect(opened.response).toMatchObject({ ok: true });
    const onTheWay = fake.calls.slice(before, fake.calls.indexOf(opened));
    expect(onTheWay.filter((call) => call.method.startsWith('users') || call.method.startsWith('usergroups'))).toEqual([]);
  });
});

describe('Slack replay protection (HTTP mode)', () => {
  it('acknowledges and drops a signed /solve replayed within five minutes', async () => {
    const test = await start();
    const body = slashCommandBody(fake, 'solve', LINEAR_EQUATION.problem);
    const timestampSec = Math.floor(Date.now() / SECONDS);
    expect((await postSigned(test.bot, body, { timestampSec })).status).toBe(200);
    await waitFor('the first buttons', () => controlsPosted(fake)[0]);
    expect((await postSigned(test.bot, body, { timestampSec })).status).toBe(200);
    expect((await postSigned(test.bot, body)).status).toBe(200);
    await solveFirst(test, BARRIER_PROBLEM);
    expect(parents()).toHaveLength(2);
  });

  it('does not count a replayed wrong answer as a second attempt', async () => {
    const test = await start();
    const { controls, threadTs } = await solveFirst(test, LINEAR_EQUATION.problem);
    await clickButton(test.bot, fake, { actionId: actionOf(controls, 'check'), messageTs: controls.ts, threadTs });
    const opened = await waitFor('the modal', () => fake.callsTo('views.open')[0]);
    const payload = await captureSubmission(test, opened, 'x = 5');
    expect((await postSigned(test.bot, payload.body, { timestampSec: payload.timestampSec })).status).toBe(200);
    await waitFor('the verdict', () => threadPosts(threadTs).find((call) => JSON.stringify(call.body.blocks).includes('answered: x = 5')));
    // A later, different answer: once its verdict is in, the replay would have been counted too.
    await clickButton(test.bot, fake, { actionId: actionOf(controls, 'check'), messageTs: controls.ts, threadTs });
    const again = await waitFor('the second modal', () => fake.callsTo('views.open')[1]);
    await submitModal(test.bot, again, 'x = 7');
    await waitFor('the second verdict', () => threadPosts(threadTs).find((call) => JSON.stringify(call.body.blocks).includes('answered: x = 7')));
    expect((await test.tutor.session(sessionOfControls(controls)))?.attempts.map((attempt) => attempt.answer)).toEqual(['x = 5', 'x = 7']);
  });

  it('refuses an unsigned request with 401, and does nothing', async () => {
    const test = await start();
    const response = await fetch(`http://127.0.0.1:${test.bot.port}/slack/events`, {
      method: 'POST', body: slashCommandBody(fake, 'solve', '1 + 1'), headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(401);
    await solveFirst(test, BARRIER_PROBLEM);
    expect(parents()).toHaveLength(1);
  });

  it('refuses a correctly signed request dated ten minutes in the future, like a stale one', async () => {
    const test = await start();
    const response = await postSigned(test.bot, slashCommandBody(fake, 'solve', '1 + 1'), { timestampSec: Math.floor(Date.now() / SECONDS) + 600 });
    expect(response.status).toBe(401);
    expect(fake.calls.filter((call) => !['auth.test', 'users.list'].includes(call.method))).toEqual([]);
  });

  it("recognises Slack's own retry (X-Slack-Retry-Num, same body, new signature) and does not run it twice", async () => {
    const test = await start();
    const body = slashCommandBody(fake, 'solve', LINEAR_EQUATION.problem);
    expect((await postSigned(test.bot, body)).status).toBe(200);
    expect((await postSigned(test.bot, body, { timestampSec: Math.floor(Date.now() / SECONDS) + 1, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })).status).toBe(200);
    await waitFor('the first buttons', () => controlsPosted(fake)[0]);
    await solveFirst(test, BARRIER_PROBLEM);
    expect(parents()).toHaveLength(2);
  });

  it('keeps the seen set in the store, so a replay to a second instance is dropped too', async () => {
    const store: Store = createMemoryStore();
    const first = await start([SOLVED], { store });
    const second = await start([SOLVED], { store });
    const body = slashCommandBody(fake, 'solve', LINEAR_EQUATION.problem);
    const timestampSec = Math.floor(Date.now() / SECONDS);
    await postSigned(first.bot, body, { timestampSec });
    expect((await postSigned(second.bot, body, { timestampSec })).status).toBe(200);
    await waitFor('the first buttons', () => controlsPosted(fake)[0]);
    await solveFirst(second, BARRIER_PROBLEM);
    expect(parents()).toHaveLength(2);
  });
});

describe('Slack without uploads', () => {
  it('posts the problem and hints as text with the same buttons when the workspace has uploads disabled, and says so once', async () => {
    fake.uploadsDisabled = true;
    const test = await start();
    const { threadTs, controls } = await solveFirst(test, LINEAR_EQUATION.problem);
    expect(controls.labels).toEqual([expect.stringMatching(/^Next hint \(2\/\d+\)$/), 'Check answer']);
    const texts = threadPosts(threadTs).map((call) => String(call.body.text));
    expect(texts.join('\n')).toMatch(/\*Problem\*/);
    expect(texts.join('\n')).toMatch(/\*Hint 1 of \d+\*/);
    expect(texts.filter((text) => text.includes('Images are off in this workspace'))).toHaveLength(1);
    await waitFor('the solved status', () => String(fake.callsTo('chat.update').at(-1)?.body.text).includes('in the thread'));

    await clickButton(test.bot, fake, { actionId: actionOf(controls, 'next'), messageTs: controls.ts, threadTs });
    await waitFor('the second buttons', () => controlsPosted(fake)[1]);
    const after = threadPosts(threadTs).map((call) => String(call.body.text));
    expect(after.join('\n')).toMatch(/\*Hint 2 of \d+\*/);
    expect(after.filter((text) => text.includes('Images are off'))).toHaveLength(1);
    expect(fake.callsTo('files.getUploadURLExternal')).toHaveLength(1);
  });

  it('splits a 4,000-character problem posted as text within Slack\'s section limit, which the fake would refuse otherwise', async () => {
    fake.uploadsDisabled = true;
    const test = await start();
    const long = `Solve $2x + 3 = 7$. ${'Consider every step carefully and explain it. '.repeat(85)}`.slice(0, 3990);
    const { threadTs } = await solveFirst(test, long);
    const posts = threadPosts(threadTs);
    expect(posts.length).toBeGreaterThan(2);
    expect(fake.calls.filter((call) => call.response.error === 'invalid_blocks')).toEqual([]);
  });

  it('keeps TeX readable in the text fallback: formulas in code, not mangled by mrkdwn', async () => {
    fake.uploadsDisabled = true;
    const test = await start();
    const { threadTs } = await solveFirst(test, 'Solve $x_1 * 2 = 8$ for $x_1$.');
    const problem = threadPosts(threadTs).map((call) => String(call.body.text)).find((text) => text.includes('*Problem*'));
    expect(problem).toContain('`x_1 * 2 = 8`');
  });

  it('falls back to text when an upload fails with internal_error, and the thread still gets its buttons', async () => {
    fake.answerOnce('files.completeUploadExternal', () => ({ body: { ok: false, error: 'internal_error' } }));
    const test = await start();
    const { threadTs, controls } = await solveFirst(test, LINEAR_EQUATION.problem);
    expect(controls.labels[0]).toMatch(/^Next hint/);
    expect(threadPosts(threadTs).map((call) => String(call.body.text)).join('\n')).toMatch(/\*Hint 1 of \d+\*/);
    await clickButton(test.bot, fake, { actionId: actionOf(controls, 'next'), messageTs: controls.ts, threadTs });
    await waitFor('hint 2 as an image again', () => fileTitles(fake, threadTs).find((title) => title.startsWith('Hint 2')));
  });
});

describe('Slack escaping and what students see', () => {
  const HOSTILE = '<!channel> see <https://evil.example|your grade> & 2 > 1';

  it('escapes student text in the fallback text, blocks, answers and replies: no <!channel> or disguised link goes out raw', async () => {
    const test = await start();
    const { controls, threadTs } = await solveFirst(test, HOSTILE.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    await clickButton(test.bot, fake, { actionId: actionOf(controls, 'check'), messageTs: controls.ts, threadTs });
    const opened = await waitFor('the modal', () => fake.callsTo('views.open')[0]);
    await submitModal(test.bot, opened, HOSTILE);
    await waitFor('the verdict', () => threadPosts(threadTs).find((call) => String(call.body.text).includes('answered') || JSON.stringify(call.body.blocks).includes('answered')));
    await sendCommand(test.bot, fake, 'check', HOSTILE);
    await waitFor('the /check reply', () => responses(fake)[0]);
    const outgoing = fake.calls.filter((call) => call.method.startsWith('chat.') || call.method === 'response_url' || call.method === 'files.completeUploadExternal');
    for (const call of outgoing) {
      const sent = JSON.stringify(call.body);
      expect(sent).not.toContain('<!channel>');
      expect(sent).not.toContain('<https://evil.example');
    }
    expect(String(parents()[0]?.body.text)).toContain('&lt;!channel&gt;');
  });

  it("keeps the model server's host and port out of the thread when R1 cannot be reached", async () => {
    const unreachable = new ModelError('Connection to the model server at 10.1.2.3:8000 failed: ECONNREFUSED', "I couldn't reach the model server (10.1.2.3:8000). Please try again in a moment.", true);
    const test = await start([unreachable]);
    const { threadTs } = await solveFirst(test, LINEAR_EQUATION.problem);
    const seen = [...threadPosts(threadTs), ...fake.callsTo('chat.update')].map((call) => JSON.stringify(call.body)).join('\n');
    expect(seen).toContain("couldn't reach the model server");
    expect(seen).not.toMatch(/10\.1\.2\.3|:8000/);
  });

  it('asks to be invited when the bot is not a member of the channel', async () => {
    fake.channelsWithoutBot.add(CHANNEL);
    const test = await start();
    await sendCommand(test.bot, fake, 'solve', LINEAR_EQUATION.problem);
    const reply = await waitFor('the private reply', () => responses(fake)[0]);
    expect(reply).toContain('/invite @Stepwise');
    expect(ephemeralTo(fake, STUDENT)).toEqual([]);
  });
});

function sessionOfControls(controls: { actionIds: string[] }): string {
  return String(controls.actionIds[0]?.split(':')[2]);
}

/** Submits the modal once and returns exactly what was signed, for a replay. */
async function captureSubmission(test: TestBot, opened: RecordedCall, answer: string): Promise<{ body: string; timestampSec: number }> {
  const captured: { body?: string; timestampSec?: number } = {};
  await submitModal(test.bot, opened, answer, STUDENT, (body, timestampSec) => Object.assign(captured, { body, timestampSec }));
  return { body: captured.body ?? '', timestampSec: captured.timestampSec ?? 0 };
}
