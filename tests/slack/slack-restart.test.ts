import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createStore, ModelError, type Store } from '../../src/index.ts';
import { FakeReasoningModel, LINEAR_EQUATION, r1Events } from '../fakes/fake-reasoning-model.ts';
import { FakeSlack } from '../fakes/fake-slack.ts';
import { actionOf, clickButton, controlsPosted, ephemeralTo, fileTitles, sendCommand, startTestBot, STUDENT, waitFor, type TestBot } from './slack-harness.ts';

let fake: FakeSlack;
let dataDir: string;
const open: { bot?: TestBot; store?: Store } = {};

beforeEach(async () => {
  fake = await FakeSlack.start();
  dataDir = await mkdtemp(join(tmpdir(), 'stepwise-slack-'));
});

afterEach(async () => {
  await open.bot?.bot.stop();
  await open.store?.close();
  await fake.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function startOverSqlite(model: FakeReasoningModel): Promise<TestBot> {
  open.store = await createStore({ kind: 'sqlite', dataDir });
  open.bot = await startTestBot(fake, model, { store: open.store });
  return open.bot;
}

async function shutDown(): Promise<void> {
  await open.bot?.bot.stop();
  await open.store?.close();
  open.bot = undefined;
  open.store = undefined;
}

it('keeps a thread working across a restart: the buttons posted before it still advance the same session', async () => {
  const model = new FakeReasoningModel([r1Events(LINEAR_EQUATION.reasoning, LINEAR_EQUATION.answer)]);
  const before = await startOverSqlite(model);
  await sendCommand(before.bot, fake, 'solve', LINEAR_EQUATION.problem);
  const first = await waitFor('the first buttons', () => controlsPosted(fake)[0]);
  await clickButton(before.bot, fake, { actionId: actionOf(first, 'next'), messageTs: first.ts, threadTs: first.threadTs });
  const second = await waitFor('the second buttons', () => controlsPosted(fake)[1]);
  await shutDown();

  const after = await startOverSqlite(new FakeReasoningModel([new ModelError('R1 was called after the restart', 'The ladder should have come from the store.', false)]));
  await clickButton(after.bot, fake, { actionId: actionOf(second, 'next'), messageTs: second.ts, threadTs: second.threadTs });
  await waitFor('the third hint after the restart', () => fileTitles(fake, first.threadTs).find((title) => title.startsWith('Hint 3')));

  await clickButton(after.bot, fake, { actionId: actionOf(first, 'next'), messageTs: first.ts, threadTs: first.threadTs });
  const note = await waitFor('the stale-click note', () => ephemeralTo(fake, STUDENT)[0]);
  expect(note).toContain('hint 3 of');
  expect(fileTitles(fake, first.threadTs).filter((title) => title.startsWith('Hint'))).toEqual([
    expect.stringMatching(/^Hint 1 of/), expect.stringMatching(/^Hint 2 of/), expect.stringMatching(/^Hint 3 of/),
  ]);
  expect(model.calls).toBe(1);
});
