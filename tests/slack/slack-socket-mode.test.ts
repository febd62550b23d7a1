import { afterEach, expect, it } from 'vitest';
import { silentLogger } from '../../src/index.ts';
import { startSlackBot, type SlackBot } from '../../adapters/slack/main.ts';
import { FakeMathRenderer } from '../fakes/fake-math-renderer.ts';
import { FakeReasoningModel, LINEAR_EQUATION, r1Events } from '../fakes/fake-reasoning-model.ts';
import { FakeSlack } from '../fakes/fake-slack.ts';
import { createTutorHarness } from '../support/tutor-harness.ts';
import { THINKING_TEXT } from '../../adapters/slack/reply-poster.ts';
import { CHANNEL, controlsPosted, createTestClassroom, createTestInspector, eventBody, fileTitles, sessionOf, STUDENT, waitFor } from './slack-harness.ts';

const running: { fake?: FakeSlack; bot?: SlackBot } = {};

afterEach(async () => {
  await running.bot?.stop();
  await running.fake?.close();
});

it('runs in Socket Mode: connects with the app token, acks the /solve envelope, solves into the thread, and answers a question there once', async () => {
  const fake = await FakeSlack.start();
  running.fake = fake;
  const model = new FakeReasoningModel([r1Events(LINEAR_EQUATION.reasoning, LINEAR_EQUATION.answer)]);
  const replyModel = new FakeReasoningModel([[{ type: 'answer', text: 'What is left on the left once the 3 is gone?' }, { type: 'finish', reason: 'stop' }]]);
  const { tutor, store } = createTutorHarness(model, { replyModel, conversationLimits: { maxQuestions: 10, cooldownSeconds: 0, maxReplyChars: 600 } });
  running.bot = await startSlackBot({
    tutor, classroom: createTestClassroom(tutor, store), inspector: createTestInspector(tutor, store, model), store, renderer: new FakeMathRenderer(), logger: silentLogger, botToken: 'xoxb-fake',
    connection: { mode: 'socket', appToken: 'xapp-fake' },
    slackApiUrl: fake.apiUrl,
  });
  expect(fake.callsTo('apps.connections.open')[0]?.authorization).toBe('Bearer xapp-fake');

  const ack = await fake.deliver('slash_commands', {
    token: 'legacy', team_id: 'T1', channel_id: CHANNEL, user_id: STUDENT, user_name: 'student', command: '/solve', text: LINEAR_EQUATION.problem,
    api_app_id: 'A1', response_url: fake.responseUrl(), trigger_id: fake.issueTrigger(),
  });
  expect(ack).toEqual({});
  const controls = await waitFor('the first buttons', () => controlsPosted(fake)[0]);
  expect(fileTitles(fake, controls.threadTs)).toEqual(['Problem', expect.stringMatching(/^Hint 1 of/)]);

  // A question typed in the thread arrives as an events_api envelope; Slack's redelivery of it
  // (retry_attempt 1, a new envelope, the same event) is not answered again.
  const sessionId = sessionOf(controls);
  const asked = async (text: string, ts: string, retry?: { attempt: number; reason: string }) => {
    expect(await fake.deliver('events_api', eventBody({ user: STUDENT, text, threadTs: controls.threadTs, ts }), retry)).toEqual({});
  };
  const answered = (count: number) => waitFor(`${count} replies`, async () => (await tutor.session(sessionId))?.conversation?.length === count && controlsPosted(fake).length === count + 1);
  await asked('why do we subtract 3 first?', '1700003000.000001');
  await answered(1);
  await asked('why do we subtract 3 first?', '1700003000.000001', { attempt: 1, reason: 'timeout' });
  await asked('and then?', '1700003001.000001');
  await answered(2);
  expect((await tutor.session(sessionId))?.conversation?.map((exchange) => exchange.question)).toEqual(['why do we subtract 3 first?', 'and then?']);
  expect(fake.callsTo('chat.postMessage').filter((call) => call.body.text === THINKING_TEXT)).toHaveLength(2);
  expect(replyModel.calls).toBe(2);
});
