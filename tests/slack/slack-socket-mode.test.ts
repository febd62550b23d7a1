import { afterEach, expect, it } from 'vitest';
import { silentLogger } from '../../src/index.ts';
import { startSlackBot, type SlackBot } from '../../adapters/slack/main.ts';
import { FakeMathRenderer } from '../fakes/fake-math-renderer.ts';
import { FakeReasoningModel, LINEAR_EQUATION, r1Events } from '../fakes/fake-reasoning-model.ts';
import { FakeSlack } from '../fakes/fake-slack.ts';
import { createTutorHarness } from '../support/tutor-harness.ts';
import { CHANNEL, controlsPosted, createTestClassroom, createTestInspector, fileTitles, STUDENT, waitFor } from './slack-harness.ts';

const running: { fake?: FakeSlack; bot?: SlackBot } = {};

afterEach(async () => {
  await running.bot?.stop();
  await running.fake?.close();
});

it('runs in Socket Mode: connects with the app token, acks the /solve envelope, and solves into the thread', async () => {
  const fake = await FakeSlack.start();
  running.fake = fake;
  const model = new FakeReasoningModel([r1Events(LINEAR_EQUATION.reasoning, LINEAR_EQUATION.answer)]);
  const { tutor, store } = createTutorHarness(model);
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
});
