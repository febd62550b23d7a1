import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/index.ts';
import { FakeDiscord } from '../fakes/fake-discord.ts';
import { LINEAR_EQUATION } from '../fakes/fake-reasoning-model.ts';
import { customIdsOf, followUpFor, followUpsFor, isEphemeral, solveInThread, startHarness, STUDENT, type DiscordHarness } from './discord-harness.ts';

const CHILD = new URL('./processes/bot-then-hang.ts', import.meta.url).pathname;

const TOO_LARGE = { message: 'Request entity too large', code: 40005 };

describe('delivery-safe hints on Discord', () => {
  let harnesses: DiscordHarness[] = [];
  let cleanup: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const harness of harnesses) {
      harness.model.resume();
      await harness.bot.stop();
    }
    for (const step of cleanup) await step();
    harnesses = [];
    cleanup = [];
  });

  it('re-delivers a hint whose post failed when the student clicks again, with live buttons meanwhile', async () => {
    const harness = await startHarness();
    harnesses.push(harness);
    cleanup.push(() => harness.fake.close());
    const { fake } = harness;
    const { sessionId, hintMessageId } = await solveInThread(harness);
    fake.failNext('POST', /^\/webhooks\/\d+\/tok-\d+$/, 413, TOO_LARGE);
    const first = fake.clickButton(`sw:next:${sessionId}:1`, hintMessageId, STUDENT);

    const notice = await fake.waitFor((call) => call.status === 200 && followUpsFor(fake, first.token).includes(call), 'the notice');
    expect(isEphemeral(notice)).toBe(true);
    expect(String(notice.body.content)).toMatch(/^Hint 2 could not be shown just now/);
    expect(customIdsOf(notice.body)[0]).toBe(`sw:next:${sessionId}:1`);
    expect(customIdsOf(fake.messages.get(hintMessageId) ?? {})).toContain(`sw:next:${sessionId}:1`);
    expect((await harness.tutor.session(sessionId))?.revealed).toBe(1);

    const again = fake.clickButton(`sw:next:${sessionId}:1`, hintMessageId, STUDENT);
    const hint = await followUpFor(fake, again.token);
    expect(hint.files.map((file) => file.name)).toEqual([`${sessionId}-hint-2.png`]);
    expect((await harness.tutor.session(sessionId))?.revealed).toBe(2);
  });

  it('at start-up, turns a killed bot\'s "R1 is thinking…" message into the failure with Retry, and Retry solves it', async () => {
    const fake = await FakeDiscord.start();
    const dataDir = await mkdtemp(join(tmpdir(), 'stepwise-discord-sweep-'));
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, fake.api, dataDir, fake.guildId], { stdio: ['ignore', 'pipe', 'pipe'] });
    const stores: Store[] = [];
    cleanup.push(async () => {
      child.kill('SIGKILL');
      for (const store of stores) await store.close();
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => String(chunk).includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`the bot process exited with ${String(code)}`)));
    });
    fake.slashCommand('solve', { problem: LINEAR_EQUATION.problem }, STUDENT);
    const thinking = await fake.waitFor((call) => call.method === 'PATCH' && String(call.body.content).includes('R1 is thinking'), 'a progress edit');
    const replyId = String((thinking.response as { id: string }).id);
    child.kill('SIGKILL');
    await once(child, 'exit');

    const store = await createStore({ kind: 'sqlite', dataDir });
    stores.push(store);
    const after = await startHarness({ fake, store });
    harnesses.push(after);
    const edit = await fake.waitFor((call) => call.method === 'PATCH' && call.path === `/channels/${fake.channelId}/messages/${replyId}` && customIdsOf(call.body).length > 0, 'the failure in the thinking message');
    expect(String(edit.body.content)).toMatch(/^\*\*ada asked:\*\* Solve 2x \+ 3 = 7\nStepwise stopped while R1 was working on this problem\. Press Retry/);
    const [retryId] = customIdsOf(edit.body);
    expect(retryId).toMatch(/^sw:retry:[a-z0-9]+$/);

    const click = fake.clickButton(String(retryId), replyId, STUDENT);
    const thread = await fake.waitFor((call) => call.path === `/channels/${fake.channelId}/messages/${replyId}/threads`, 'the thread from the retried message');
    expect(thread.status).toBe(201);
    const hints = await fake.waitFor((call) => call.method === 'POST' && call.path === `/channels/${replyId}/messages` && customIdsOf(call.body).length > 0, 'the hints after Retry');
    expect(customIdsOf(hints.body)[0]).toMatch(/^sw:next:[a-z0-9]+:1$/);
    expect(fake.callsFor(click.token).every((call) => call.status < 400)).toBe(true);
  });
});
