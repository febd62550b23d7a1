import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INSPECT_INPUTS, INSTRUCTORS_ONLY } from '../../adapters/slack/inspect-shortcuts.ts';
import { INSPECT_GLOBAL_ID, INSPECT_MESSAGE_ID } from '../../adapters/slack/slack-manifest.ts';
import { FakeReasoningModel, LINEAR_EQUATION, r1Events } from '../fakes/fake-reasoning-model.ts';
import { FakeSlack } from '../fakes/fake-slack.ts';
import {
  controlsPosted, directChannelOf, directTexts, filesSent, responses, sendCommand, sessionOf, startTestBot, STUDENT, submitTextModal, TEACHER, useGlobalShortcut,
  useMessageShortcut, waitFor, type TestBot,
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

async function start(model = new FakeReasoningModel([r1Events(LINEAR_EQUATION.reasoning, LINEAR_EQUATION.answer)])) {
  running = await startTestBot(fake, model, { instructorIds: [TEACHER] });
  return { model, ...running };
}

/** A student's /solve, to its first buttons: the parent ts and the buttons message. */
async function solvedSession(test: TestBot) {
  await sendCommand(test.bot, fake, 'solve', LINEAR_EQUATION.problem, STUDENT);
  const controls = await waitFor('the first buttons', () => controlsPosted(fake)[0]);
  const buttons = fake.callsTo('chat.postMessage').find((call) => call.response.ts === controls.ts);
  return { threadTs: controls.threadTs, controls, blocks: (buttons?.body.blocks ?? []) as unknown[] };
}

describe('Slack: Inspect on a session message', () => {
  it("sends the instructor a DM with the inspection as a Markdown file: the prompt verbatim, R1's reasoning, the ladder's build", async () => {
    const test = await start();
    const { threadTs, controls } = await solvedSession(test);
    const sessionId = sessionOf(controls);

    // On the channel message that opened the thread.
    expect(await useMessageShortcut(test.bot, fake, INSPECT_MESSAGE_ID, { ts: threadTs })).toBe(200);
    const file = await waitFor('the inspection file', () => filesSent(fake).find((sent) => sent.name.startsWith('inspect-')));
    expect(file.name).toBe(`inspect-${sessionId}.md`);
    expect(file.channelId).toBe(directChannelOf(TEACHER));
    expect(file.uploaded).toContain('## 1. The request sent');
    expect(test.model.prompts[0]).toContain(LINEAR_EQUATION.problem);
    expect(file.uploaded).toContain(test.model.prompts[0]);
    expect(file.uploaded).toContain(LINEAR_EQUATION.reasoning);
    expect(file.uploaded).toContain('## 3. How the ladder was built');
    expect(file.uploaded).toContain('## 4. The session');
    const complete = fake.callsTo('files.completeUploadExternal').at(-1);
    expect(complete?.body.thread_ts).toBeUndefined();
    expect(String(complete?.body.initial_comment)).toContain('It holds the answer');
    expect(await waitFor('the ephemeral note', () => responses(fake).find((text) => text.includes('in your DM')))).toContain(sessionId);
    // Nothing went to the student's thread.
    expect(fake.callsTo('files.completeUploadExternal').filter((call) => call.body.channel_id !== directChannelOf(TEACHER))
      .every((call) => call.body.thread_ts === threadTs)).toBe(true);
  });

  it('finds the session from a reply in its thread', async () => {
    const test = await start();
    const { threadTs } = await solvedSession(test);
    await useMessageShortcut(test.bot, fake, INSPECT_MESSAGE_ID, { ts: '1700000099.000001', threadTs, text: 'a hint' });
    await waitFor('the inspection file', () => filesSent(fake).find((sent) => sent.name.startsWith('inspect-')));
  });

  it('tells a student in one ephemeral sentence that it is for instructors, and sends nothing', async () => {
    const test = await start();
    const { threadTs } = await solvedSession(test);
    const uploadsBefore = fake.callsTo('files.completeUploadExternal').length;
    await useMessageShortcut(test.bot, fake, INSPECT_MESSAGE_ID, { ts: threadTs }, STUDENT);
    const refusal = await waitFor('the refusal', () => fake.callsTo('response_url')[0]);
    expect(refusal.body).toMatchObject({ response_type: 'ephemeral', text: INSTRUCTORS_ONLY });
    expect(fake.callsTo('files.completeUploadExternal')).toHaveLength(uploadsBefore);
    expect(fake.callsTo('conversations.open')).toEqual([]);
  });

  it('says so when the message is no session of the bot', async () => {
    const test = await start();
    await useMessageShortcut(test.bot, fake, INSPECT_MESSAGE_ID, { ts: '1700000042.000001', text: 'lunch?' });
    expect(await waitFor('the answer', () => responses(fake)[0])).toContain('not part of a Stepwise session');
    expect(fake.callsTo('files.getUploadURLExternal')).toEqual([]);
  });

  it('falls back to the session its buttons carry, for a session whose thread is not recorded both ways', async () => {
    const test = await start();
    const { blocks } = await solvedSession(test);
    // A button message in a thread the records do not know still names its session.
    await useMessageShortcut(test.bot, fake, INSPECT_MESSAGE_ID, { ts: '1700000077.000001', threadTs: '1700000076.000001', blocks });
    await waitFor('the inspection file', () => filesSent(fake).find((sent) => sent.name.startsWith('inspect-')));
  });

  it('names the command that prints the same report when the workspace has uploads off', async () => {
    const test = await start();
    const { threadTs, controls } = await solvedSession(test);
    fake.uploadsDisabled = true;
    await useMessageShortcut(test.bot, fake, INSPECT_MESSAGE_ID, { ts: threadTs });
    expect(await waitFor('the explanation', () => responses(fake).find((text) => text.includes('uploads are off')))).toContain(`npx stepwise inspect ${sessionOf(controls)}`);
  });
});

describe('Slack: Inspect a problem (global shortcut)', () => {
  async function openModal(test: TestBot, userId = TEACHER) {
    expect(await useGlobalShortcut(test.bot, fake, INSPECT_GLOBAL_ID, userId)).toBe(200);
    return waitFor('the inspect modal', () => fake.callsTo('views.open').find((call) => call.response.ok === true));
  }

  it('inspects a warmed problem of a set by its ids, into the DM', async () => {
    const test = await start(new FakeReasoningModel(scriptedR1));
    await test.classroom.upload(SPACE, TEACHER_ACTOR, WEEK_1);
    await test.classroom.warm(SPACE, TEACHER_ACTOR, 'week-1');
    const opened = await openModal(test);
    const response = await submitTextModal(test.bot, opened, { [INSPECT_INPUTS.set]: 'week-1', [INSPECT_INPUTS.problem]: 'tricky' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    const file = await waitFor('the inspection file', () => filesSent(fake).find((sent) => sent.name === 'inspect-week-1-tricky.md'));
    expect(file.channelId).toBe(directChannelOf(TEACHER));
    expect(file.uploaded).toContain('0.1 + 0.2');
    expect(file.uploaded).toContain('## 1. The request sent');
  });

  it('says beside the field what is wrong: a missing problem id, a problem the set does not have', async () => {
    const test = await start(new FakeReasoningModel(scriptedR1));
    await test.classroom.upload(SPACE, TEACHER_ACTOR, WEEK_1);
    const opened = await openModal(test);
    const empty = await submitTextModal(test.bot, opened, { [INSPECT_INPUTS.set]: 'week-1' });
    expect(await empty.json()).toEqual({ response_action: 'errors', errors: { [INSPECT_INPUTS.problem]: expect.stringContaining('Name a set and one of its problems') } });
    const wrong = await submitTextModal(test.bot, opened, { [INSPECT_INPUTS.set]: 'week-1', [INSPECT_INPUTS.problem]: 'nope' });
    expect(await wrong.json()).toEqual({ response_action: 'errors', errors: { [INSPECT_INPUTS.problem]: expect.stringContaining('has no problem "nope"') } });
    const noSet = await submitTextModal(test.bot, opened, { [INSPECT_INPUTS.set]: 'week-9', [INSPECT_INPUTS.problem]: 'linear' });
    expect(await noSet.json()).toEqual({ response_action: 'errors', errors: { [INSPECT_INPUTS.set]: 'There is no problem set "week-9" here. /problemset list shows the sets.' } });
    const cold = await submitTextModal(test.bot, opened, { [INSPECT_INPUTS.set]: 'week-1', [INSPECT_INPUTS.problem]: 'linear' });
    expect(await cold.json()).toEqual({ response_action: 'errors', errors: { [INSPECT_INPUTS.problem]: expect.stringContaining('Warm the set first (/problemset warm week-1)') } });
    const noSession = await submitTextModal(test.bot, opened, { [INSPECT_INPUTS.session]: 'nope' });
    expect(await noSession.json()).toEqual({ response_action: 'errors', errors: { [INSPECT_INPUTS.session]: 'There is no session nope. Use Inspect on a message of the session instead.' } });
    expect(fake.callsTo('files.getUploadURLExternal')).toEqual([]);
  });

  it('refuses a student in the modal once Slack has said they are not an instructor', async () => {
    const test = await start(new FakeReasoningModel(scriptedR1));
    await test.classroom.upload(SPACE, TEACHER_ACTOR, WEEK_1);
    await test.classroom.warm(SPACE, TEACHER_ACTOR, 'week-1');
    const opened = await openModal(test, STUDENT);
    await waitFor('the student looked up', () => fake.callsTo('users.info').find((call) => call.body.user === STUDENT));
    const response = await submitTextModal(test.bot, opened, { [INSPECT_INPUTS.set]: 'week-1', [INSPECT_INPUTS.problem]: 'tricky' }, STUDENT);
    expect(await response.json()).toEqual({ response_action: 'errors', errors: { [INSPECT_INPUTS.set]: INSTRUCTORS_ONLY } });
    expect(fake.callsTo('files.getUploadURLExternal')).toEqual([]);
    expect(directTexts(fake, STUDENT)).toEqual([]);
  });
});
