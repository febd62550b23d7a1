import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelError } from '../../src/index.ts';
import { MAX_BLOCKS_PER_MESSAGE, MESSAGE_TEXT_LIMIT, SECTION_TEXT_LIMIT } from '../../adapters/slack/slack-blocks.ts';
import { FakeReasoningModel, LINEAR_EQUATION, r1Events, type FakeScript } from '../fakes/fake-reasoning-model.ts';
import { FakeSlack } from '../fakes/fake-slack.ts';
import {
  actionOf, CHANNEL, clickButton, controlsPosted, ephemeralTo, fileTitles, OTHER_STUDENT, sendCommand, sessionOf, startTestBot, STUDENT,
  submitModal, TEACHER, waitFor, type TestBot, type TestBotOptions,
} from './slack-harness.ts';

const SOLVED = r1Events(LINEAR_EQUATION.reasoning, LINEAR_EQUATION.answer);
const ackTimesMs: number[] = [];

let fake: FakeSlack;
let running: TestBot | undefined;

beforeEach(async () => {
  fake = await FakeSlack.start();
});

afterEach(async () => {
  await running?.bot.stop();
  running = undefined;
  expectWithinSlackLimits(fake);
  await fake.close();
});

afterAll(() => {
  if (ackTimesMs.length > 0) console.info(`slash command ack over HTTP: median ${median(ackTimesMs).toFixed(1)} ms, max ${Math.max(...ackTimesMs).toFixed(1)} ms (n=${ackTimesMs.length})`);
});

async function start(scripts: readonly FakeScript[] = [SOLVED], options: TestBotOptions = {}) {
  const model = new FakeReasoningModel(scripts);
  running = await startTestBot(fake, model, options);
  return { model, ...running };
}

/** /solve, then wait for the thread's first buttons; returns the parent ts and those buttons. */
async function solveInThread(test: TestBot, problem = LINEAR_EQUATION.problem) {
  const { status, ackMs } = await sendCommand(test.bot, fake, 'solve', problem);
  expect(status).toBe(200);
  ackTimesMs.push(ackMs);
  const parent = await waitFor('the thinking message', () => fake.callsTo('chat.postMessage').find((call) => call.body.thread_ts === undefined));
  const threadTs = String(parent.response.ts);
  const controls = await waitFor('the first buttons', () => controlsPosted(fake).find((posted) => posted.threadTs === threadTs));
  return { threadTs, controls };
}

describe('Slack: /solve to the answer, through the real bolt App', () => {
  it('acks /solve, shows R1 thinking, then posts the problem and first hint as images in the thread with buttons', async () => {
    const { model, bot } = await start();
    model.hold();
    const { status, ackMs } = await sendCommand(bot, fake, 'solve', '2x + 3 = 7 &amp; x &gt; 0');
    expect(status).toBe(200);
    ackTimesMs.push(ackMs);

    const parent = await waitFor('the thinking message', () => fake.callsTo('chat.postMessage')[0]);
    expect(parent.body).toMatchObject({ channel: CHANNEL });
    expect(parent.body.thread_ts).toBeUndefined();
    expect(String(parent.body.text)).toContain('2x + 3 = 7 & x > 0');
    const threadTs = String(parent.response.ts);
    await waitFor('a progress edit', () => fake.callsTo('chat.update').find((call) => call.body.ts === threadTs && String(call.body.text).includes('R1 is thinking')));
    model.resume();

    const controls = await waitFor('the first buttons', () => controlsPosted(fake)[0]);
    expect(controls.threadTs).toBe(threadTs);
    expect(fileTitles(fake, threadTs)).toEqual(['Problem', expect.stringMatching(/^Hint 1 of \d+$/)]);
    const altTexts = fake.callsTo('files.getUploadURLExternal').map((call) => String(call.body.alt_text));
    expect(altTexts[0]).toContain('2x + 3 = 7 & x > 0');
    expect(altTexts[1]).toContain('both sides');
    expect(fake.callsTo('upload')).toHaveLength(2);
    // The guarded default: the answer and R1's reasoning open only after the student has tried.
    expect(controls.labels).toEqual([expect.stringMatching(/^Next hint \(2\/\d+\)$/), 'Check answer']);
    const lastEdit = fake.callsTo('chat.update').at(-1);
    expect(lastEdit?.body.ts).toBe(threadTs);
    expect(String(lastEdit?.body.text)).toContain('in the thread');
  });

  it('climbs a hint, checks an answer through the modal, and reveals the answer', async () => {
    const test = await start();
    const { threadTs, controls } = await solveInThread(test);
    const sessionId = sessionOf(controls);
    const total = Number(/\/(\d+)\)/.exec(controls.labels[0] ?? '')?.[1]);

    expect(await clickButton(test.bot, fake, { actionId: actionOf(controls, 'next'), messageTs: controls.ts, threadTs })).toBe(200);
    const second = await waitFor('the second buttons', () => controlsPosted(fake)[1]);
    expect(fileTitles(fake, threadTs)).toEqual(['Problem', `Hint 1 of ${total}`, `Hint 2 of ${total}`]);
    expect(second.actionIds[0]).toBe(`sw:next:${sessionId}:2`);
    await waitFor('the old buttons removed', () => fake.callsTo('chat.delete').find((call) => call.body.ts === controls.ts));

    await clickButton(test.bot, fake, { actionId: actionOf(second, 'check'), messageTs: second.ts, threadTs, triggerId: 'trigger-check-1' });
    const opened = await waitFor('the modal', () => fake.callsTo('views.open')[0]);
    expect(opened.body.trigger_id).toBe('trigger-check-1');
    expect(opened.body.view).toMatchObject({ type: 'modal', callback_id: 'sw-check-answer' });
    expect(await submitModal(test.bot, opened, 'x = 2')).toBe(200);
    const verdict = await waitFor('the verdict', () => fake.callsTo('chat.postMessage').find((call) => String(call.body.text).includes('Correct')));
    expect(verdict.body.thread_ts).toBe(threadTs);
    expect(JSON.stringify(verdict.body.blocks)).toContain(`<@${STUDENT}> answered: x = 2`);

    const afterCheck = await waitFor('buttons after the verdict', () => controlsPosted(fake)[2]);
    expect(afterCheck.labels).not.toContain('Check answer');
    expect(afterCheck.reasons).toContain('Solved!');
    await clickButton(test.bot, fake, { actionId: actionOf(afterCheck, 'reveal'), messageTs: afterCheck.ts, threadTs });
    await waitFor('the answer card', () => fileTitles(fake, threadTs).find((title) => title.startsWith('Answer')));
    expect(fileTitles(fake, threadTs).at(-1)).toBe('Answer');
  });

  it('reveals exactly one rung when Next hint is clicked twice at once', async () => {
    const test = await start();
    const { threadTs, controls } = await solveInThread(test);
    const click = { actionId: actionOf(controls, 'next'), messageTs: controls.ts, threadTs };
    await Promise.all([clickButton(test.bot, fake, click), clickButton(test.bot, fake, click)]);
    await waitFor('the stale-click note', () => ephemeralTo(fake, STUDENT).find((text) => text.includes('already seen')));
    await waitFor('the second buttons', () => controlsPosted(fake)[1]);
    const hints = fileTitles(fake, threadTs).filter((title) => title.startsWith('Hint'));
    expect(hints).toEqual([expect.stringMatching(/^Hint 1 of/), expect.stringMatching(/^Hint 2 of/)]);
  });

  it("tells another student privately that the session is not theirs, and lets an instructor advance it", async () => {
    const test = await start([SOLVED], { instructorIds: [TEACHER] });
    const { threadTs, controls } = await solveInThread(test);
    await clickButton(test.bot, fake, { actionId: actionOf(controls, 'next'), messageTs: controls.ts, threadTs, userId: OTHER_STUDENT });
    const note = await waitFor('a note to the other student', () => ephemeralTo(fake, OTHER_STUDENT)[0]);
    expect(note).toContain("u0student's session");
    expect(fake.callsTo('users.info').map((call) => call.body.user)).toContain(OTHER_STUDENT);
    expect(fileTitles(fake, threadTs).filter((title) => title.startsWith('Hint'))).toHaveLength(1);
    expect(fake.callsTo('chat.postEphemeral').filter((call) => call.body.user === STUDENT)).toHaveLength(0);

    await clickButton(test.bot, fake, { actionId: actionOf(controls, 'next'), messageTs: controls.ts, threadTs, userId: TEACHER });
    await waitFor('the hint the instructor opened', () => fileTitles(fake, threadTs).find((title) => title.startsWith('Hint 2')));
  });

  it('treats workspace admins as instructors', async () => {
    fake.admins.add(TEACHER);
    const test = await start();
    const { threadTs, controls } = await solveInThread(test);
    await clickButton(test.bot, fake, { actionId: actionOf(controls, 'next'), messageTs: controls.ts, threadTs, userId: TEACHER });
    await waitFor('the hint the admin opened', () => fileTitles(fake, threadTs).find((title) => title.startsWith('Hint 2')));
    expect(ephemeralTo(fake, TEACHER)).toEqual([]);
  });

  it('treats members of a configured user group as instructors', async () => {
    fake.userGroups.set('S0TEACHERS', [TEACHER]);
    const test = await start([SOLVED], { instructorIds: ['S0TEACHERS'] });
    const { threadTs, controls } = await solveInThread(test);
    // The student's buttons do not offer Reveal answer yet; an instructor may use it anyway.
    await clickButton(test.bot, fake, { actionId: `sw:reveal:${sessionOf(controls)}`, messageTs: controls.ts, threadTs, userId: TEACHER });
    await waitFor('the answer the instructor revealed', () => fileTitles(fake, threadTs).find((title) => title.startsWith('Answer')));
    expect(fake.callsTo('usergroups.users.list').map((call) => call.body.usergroup)).toEqual(['S0TEACHERS']);
  });

  it('leaves a Retry button when R1 fails, and Retry solves into the same thread', async () => {
    const failure = new ModelError('upstream 503', 'R1 is busy right now. Please try again in a minute.', true, 503);
    const test = await start([failure, SOLVED]);
    const { threadTs, controls } = await solveInThread(test);
    expect(controls.labels).toEqual(['Retry']);
    const apology = fake.callsTo('chat.postMessage').find((call) => call.body.thread_ts === threadTs && String(call.body.text).includes('R1 is busy'));
    expect(apology).toBeDefined();
    expect(String(fake.callsTo('chat.update').at(-1)?.body.text)).toContain('Retry');

    await clickButton(test.bot, fake, { actionId: actionOf(controls, 'retry'), messageTs: controls.ts, threadTs });
    const after = await waitFor('the buttons after Retry', () => controlsPosted(fake)[1]);
    expect(after.threadTs).toBe(threadTs);
    expect(fileTitles(fake, threadTs)).toEqual(['Problem', expect.stringMatching(/^Hint 1 of/)]);
    expect(String(fake.callsTo('chat.update').at(-1)?.body.text)).toContain('in the thread');

    await clickButton(test.bot, fake, { actionId: actionOf(controls, 'retry'), messageTs: controls.ts, threadTs });
    await waitFor('the already-solved note', () => ephemeralTo(fake, STUDENT).find((text) => text.includes('already solved')));
    expect(fileTitles(fake, threadTs)).toHaveLength(2);
  });

  it('uploads the reasoning into the thread when Show reasoning is clicked, once the student has solved it', async () => {
    const test = await start();
    const { threadTs, controls } = await solveInThread(test);
    await clickButton(test.bot, fake, { actionId: actionOf(controls, 'check'), messageTs: controls.ts, threadTs, triggerId: 'trigger-check-r' });
    const opened = await waitFor('the modal', () => fake.callsTo('views.open')[0]);
    expect(await submitModal(test.bot, opened, 'x = 2')).toBe(200);
    const afterCheck = await waitFor('buttons after the verdict', () => controlsPosted(fake)[1]);
    await clickButton(test.bot, fake, { actionId: actionOf(afterCheck, 'reason'), messageTs: afterCheck.ts, threadTs });
    const reasoningFile = await waitFor('the reasoning file', () => fake.callsTo('files.getUploadURLExternal').find((call) => String(call.body.filename).startsWith('reasoning-')));
    expect(Number(reasoningFile.body.length)).toBeGreaterThan(LINEAR_EQUATION.reasoning.length);
    await waitFor('the reasoning in the thread', () => fileTitles(fake, threadTs).find((title) => title === "R1's full chain of thought"));
    const excerpt = fake.callsTo('chat.postMessage').find((call) => String(call.body.text).includes('How R1 thought about it'));
    expect(excerpt?.body.thread_ts).toBe(threadTs);
  });
});

function expectWithinSlackLimits(slack: FakeSlack): void {
  for (const call of slack.calls.filter((recorded) => recorded.method.startsWith('chat.'))) {
    const blocks = (call.body.blocks ?? []) as { text?: { text: string } }[];
    expect(blocks.length).toBeLessThanOrEqual(MAX_BLOCKS_PER_MESSAGE);
    for (const block of blocks) expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(SECTION_TEXT_LIMIT);
    expect(String(call.body.text ?? '').length).toBeLessThanOrEqual(MESSAGE_TEXT_LIMIT);
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((first, second) => first - second);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
