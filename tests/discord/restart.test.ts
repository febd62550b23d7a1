import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/index.ts';
import { FakeDiscord } from '../fakes/fake-discord.ts';
import { customIdsOf, followUpFor, solveInThread, startHarness, STUDENT, type DiscordHarness } from './discord-harness.ts';

describe('a bot restart between two hints', () => {
  let dataDir: string;
  let fake: FakeDiscord;
  const running: { harness: DiscordHarness; store: Store }[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'stepwise-discord-'));
    fake = await FakeDiscord.start();
  });

  afterEach(async () => {
    for (const { harness, store } of running.splice(0)) {
      await harness.bot.stop();
      await store.close();
    }
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function startBot(): Promise<DiscordHarness> {
    const store = await createStore({ kind: 'sqlite', dataDir });
    const harness = await startHarness({ fake, store });
    running.push({ harness, store });
    return harness;
  }

  it("keeps the old thread's Next hint button working with a new client, tutor and store over the same file", async () => {
    const before = await startBot();
    const { sessionId, hintMessageId } = await solveInThread(before);
    for (const { harness, store } of running.splice(0)) {
      await harness.bot.stop();
      await store.close();
    }

    const after = await startBot();
    expect(after.bot.client).not.toBe(before.bot.client);
    const click = fake.clickButton(`sw:next:${sessionId}:1`, hintMessageId, STUDENT);
    const hint = await followUpFor(fake, click.token);
    expect(hint.files.map((file) => file.name)).toEqual([`${sessionId}-hint-2.png`]);
    expect(customIdsOf(hint.body)[0]).toBe(`sw:next:${sessionId}:2`);
    expect(after.model.calls).toBe(0);
  });

  it('still finds the session of an old thread for /check', async () => {
    const before = await startBot();
    const { threadId } = await solveInThread(before);
    for (const { harness, store } of running.splice(0)) {
      await harness.bot.stop();
      await store.close();
    }

    await startBot();
    const command = fake.slashCommand('check', { answer: 'x = 2' }, STUDENT, threadId);
    const verdict = await fake.waitFor((call) => call.method === 'PATCH' && call.path.includes(command.token), 'the verdict');
    expect(String(verdict.body.content)).toMatch(/^Correct!/);
  });
});
