import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePolicyChange } from '../../adapters/slack/policy-command.ts';
import { FakeReasoningModel, LINEAR_EQUATION, r1Events } from '../fakes/fake-reasoning-model.ts';
import { FakeSlack } from '../fakes/fake-slack.ts';
import {
  CHANNEL, controlsPosted, directChannelOf, fileTitles, filesSent, OTHER_STUDENT, responseTexts, sendCommand, startTestBot, STUDENT, TEACHER, waitFor, type TestBot,
} from './slack-harness.ts';
import { scriptedR1, SPACE, TEACHER_ACTOR, WEEK_1 } from './week-one-set.ts';


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

async function start(model = new FakeReasoningModel(scriptedR1)) {
  running = await startTestBot(fake, model, { instructorIds: [TEACHER] });
  await running.classroom.upload(SPACE, TEACHER_ACTOR, WEEK_1);
  return running;
}

/** The thread opened for the `count`-th new practice or solve (1-based), once its buttons are posted. */
async function nthThread(count: number) {
  const parent = await waitFor(`thread ${count}`, () => fake.callsTo('chat.postMessage').filter((call) => call.body.thread_ts === undefined && call.body.channel === CHANNEL)[count - 1]);
  const threadTs = String(parent.response.ts);
  await waitFor(`the buttons of thread ${count}`, () => controlsPosted(fake).find((controls) => controls.threadTs === threadTs));
  return { threadTs, text: String(parent.body.text) };
}

/** Sends `/check answer` and waits for the verdict in the thread. */
async function check(test: TestBot, threadTs: string, answer: string, userId: string, verdict: RegExp) {
  await sendCommand(test.bot, fake, 'check', answer, userId);
  await waitFor(`the verdict on ${answer}`, () => fake.callsTo('chat.postMessage').find((call) => {
    const blocks = JSON.stringify(call.body.blocks);
    return call.body.thread_ts === threadTs && blocks.includes(`answered: ${answer}`) && verdict.test(blocks);
  }));
}

describe('Slack: /practice and /progress', () => {
  it('gives problem 1 in a thread, and after a correct answer problem 2; /progress shows it privately', async () => {
    const test = await start();
    await sendCommand(test.bot, fake, 'practice', 'week-1');
    const first = await nthThread(1);
    expect(first.text).toContain('is practising *linear* from *week-1*');
    expect(first.text).toContain('Solve $2x + 3 = 7$.');
    expect(fileTitles(fake, first.threadTs)[0]).toBe('Problem');
    expect(responseTexts(fake)).toEqual([expect.stringContaining('Problem 1 of 3 in Week 1.')]);

    await check(test, first.threadTs, 'x = 2', STUDENT, /Correct/);
    await sendCommand(test.bot, fake, 'practice', 'set:week-1');
    const second = await nthThread(2);
    expect(second.text).toContain('is practising *square*');

    await sendCommand(test.bot, fake, 'progress', '');
    const progress = await waitFor('the progress', () => responseTexts(fake).find((text) => text.includes('1 of 3 solved')));
    expect(progress).toContain('*Week 1*');
    expect(fake.callsTo('response_url').every((call) => call.body.response_type === 'ephemeral')).toBe(true);
  });

  it('hands an unsolved problem back in its own thread instead of opening another', async () => {
    const test = await start();
    await sendCommand(test.bot, fake, 'practice', 'week-1');
    const first = await nthThread(1);
    const titles = fileTitles(fake, first.threadTs).length;
    await sendCommand(test.bot, fake, 'practice', 'week-1');
    await waitFor('the reminder', () => responseTexts(fake).find((text) => text.includes('not solved this one yet')));
    await waitFor('the problem again in its thread', () => controlsPosted(fake).filter((controls) => controls.threadTs === first.threadTs).length === 2);
    expect(fileTitles(fake, first.threadTs).length).toBeGreaterThan(titles);
    expect(fake.callsTo('chat.postMessage').filter((call) => call.body.thread_ts === undefined)).toHaveLength(1);
  });

  it('practises the set assigned to the channel, and says so when every problem is solved', async () => {
    const test = await start();
    await test.classroom.upload(SPACE, TEACHER_ACTOR, 'id: one-more\ntitle: One more\nproblems:\n  - id: square\n    statement: What is $7^2$?\n    answer: 49\n');
    await sendCommand(test.bot, fake, 'practice', '');
    await waitFor('the missing-set note', () => responseTexts(fake).find((text) => text.includes('Name a problem set')));
    await sendCommand(test.bot, fake, 'problemset', 'assign one-more', TEACHER);
    await waitFor('the assignment', () => responseTexts(fake).find((text) => text.includes('This channel now practises from one-more')));

    await sendCommand(test.bot, fake, 'practice', '');
    const thread = await nthThread(1);
    await check(test, thread.threadTs, '49', STUDENT, /Correct/);
    await sendCommand(test.bot, fake, 'practice', '');
    await waitFor('the done message', () => responseTexts(fake).find((text) => text.includes('You have solved every problem in One more')));
  });
});

describe('Slack: /report', () => {
  it('shows the class table privately and sends the CSV to the instructor with the right numbers', async () => {
    const test = await start();
    await sendCommand(test.bot, fake, 'practice', 'week-1', STUDENT);
    const ada = await nthThread(1);
    test.advance(45_000);
    await check(test, ada.threadTs, 'x = 5', STUDENT, /./);
    await check(test, ada.threadTs, 'x = 2', STUDENT, /Correct/);
    await sendCommand(test.bot, fake, 'practice', 'week-1', OTHER_STUDENT);
    const bob = await nthThread(2);
    await check(test, bob.threadTs, 'x = 5', OTHER_STUDENT, /./);

    await sendCommand(test.bot, fake, 'report', 'week-1', TEACHER);
    const csvFile = await waitFor('the CSV', () => filesSent(fake).find((file) => file.name === 'week-1-report.csv'));
    expect(csvFile.channelId).toBe(directChannelOf(TEACHER));
    expect(csvFile.uploaded).toContain('student,student_id,problem,solved,attempts,hints_opened,answer_revealed,seconds_to_solve,questions\r\n');
    expect(csvFile.uploaded).toContain(`u0student,slack:${STUDENT},linear,yes,2,1,no,45,0\r\n`);
    expect(csvFile.uploaded).toContain(`u0other,slack:${OTHER_STUDENT},linear,no,1,1,no,,0\r\n`);

    const table = responseTexts(fake).find((text) => text.includes('Class report for'));
    expect(table).toContain('```');
    expect(table).toMatch(/linear\s+2\s+50%\s+1\s+x = 5 \(2\)/);
    expect(table).toContain('u0student: linear ✓ 1h 2a');
  });
});

describe('Slack: /policy', () => {
  it('reads "answer: after 2 attempts reasoning: never" and "answer=never", and refuses what it cannot read', () => {
    expect(parsePolicyChange('answer: after 2 attempts reasoning: never')).toEqual({ answer: { when: 'after-attempts', attempts: 2 }, reasoning: { when: 'never' } });
    expect(parsePolicyChange('answer=never')).toEqual({ answer: { when: 'never' } });
    expect(parsePolicyChange('Reasoning:after solved')).toEqual({ reasoning: { when: 'after-solved' } });
    expect(() => parsePolicyChange('answer: sometimes')).toThrow('"sometimes" is not a choice for answer');
    expect(() => parsePolicyChange('never')).toThrow('Write the policy as');
  });

  it('sets the ad-hoc policy: after /policy answer:never, /solve offers no Reveal answer and says why', async () => {
    const test = await start(new FakeReasoningModel([r1Events(LINEAR_EQUATION.reasoning, LINEAR_EQUATION.answer)]));
    await sendCommand(test.bot, fake, 'policy', 'answer:never', TEACHER);
    const reply = await waitFor('the policy in words', () => responseTexts(fake).find((text) => text.includes('From now on')));
    expect(reply).toContain('answer never');

    await sendCommand(test.bot, fake, 'solve', LINEAR_EQUATION.problem, STUDENT);
    const controls = await waitFor('the buttons', () => controlsPosted(fake)[0]);
    expect(controls.labels).not.toContain('Reveal answer');
    expect(controls.reasons).toContain('Your instructor has chosen not to show the answer');
  });
});
