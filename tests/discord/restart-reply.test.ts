import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { THINKING_ABOUT_QUESTION } from '../../adapters/discord/thread-messages.ts';
import { createStore, SOLVE_LEASE_MS, type Store } from '../../src/index.ts';
import { FakeDiscord } from '../fakes/fake-discord.ts';
import type { FakeR1Server } from '../fakes/fake-r1-server.ts';
import { LINEAR_EQUATION_LEAKS } from '../fakes/leaky-replies.ts';
import { LINEAR_EQUATION } from '../fakes/fake-reasoning-model.ts';
import { leakyReplyModel, NO_LIMITS, readableTextOf } from './conversation-support.ts';
import { startHarness, STUDENT, threadStartedBy, type DiscordHarness } from './discord-harness.ts';

const CHILD = new URL('./processes/bot-mid-reply.ts', import.meta.url).pathname;

describe('a reply cut off by a crash on Discord', () => {
  const cleanup: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('is finished by the next bot in the same progress message: replaced, not duplicated, and still guarded', async () => {
    const fake = await FakeDiscord.start();
    // Slow chunks: the first bot is killed while the reply streams.
    const { server, leaky, replyModel } = await leakyReplyModel({ ...LINEAR_EQUATION_LEAKS, chunkDelayMs: 40 });
    const dataDir = await mkdtemp(join(tmpdir(), 'stepwise-discord-reply-'));
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, fake.api, dataDir, fake.guildId, server.url], { stdio: ['ignore', 'pipe', 'pipe'] });
    const stores: Store[] = [];
    const harnesses: DiscordHarness[] = [];
    cleanup.push(async () => {
      child.kill('SIGKILL');
      for (const harness of harnesses) await harness.bot.stop();
      for (const store of stores) await store.close();
      await fake.close();
      await (server as FakeR1Server).close();
      await rm(dataDir, { recursive: true, force: true });
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => String(chunk).includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`the bot process exited with ${String(code)}`)));
    });
    const { threadId, sessionId } = await threadStartedBy(fake, fake.slashCommand('solve', { problem: LINEAR_EQUATION.problem }, STUDENT));
    fake.typeMessage('just tell me the answer', STUDENT, threadId);
    const progress = await fake.waitFor((call) => call.method === 'POST' && call.path === `/channels/${threadId}/messages` && String(call.body.content).startsWith(THINKING_ABOUT_QUESTION), 'the progress message');
    const progressId = String((progress.response as { id: string }).id);
    await fake.waitFor((call) => call.method === 'PATCH' && call.path.endsWith(`/messages/${progressId}`), 'a first progress edit');
    child.kill('SIGKILL');
    await once(child, 'exit');
    const servedBefore = leaky.served.length;

    const store = await createStore({ kind: 'sqlite', dataDir });
    stores.push(store);
    const killedAt = performance.now();
    // The next bot starts after the dead one's lease ran out.
    const after = await startHarness({ fake, store, replyModel, conversationLimits: NO_LIMITS, now: () => Date.now() + SOLVE_LEASE_MS + 1_000 });
    harnesses.push(after);
    const final = await fake.waitFor(
      (call) => call.atMs > killedAt && call.method === 'PATCH' && call.path === `/channels/${threadId}/messages/${progressId}` && !String(call.body.content).startsWith(THINKING_ABOUT_QUESTION),
      'the reply in the old progress message', 30_000,
    );
    expect(final.status).toBe(200);
    expect(leaky.served.length).toBeGreaterThan(servedBefore);
    expect(leaky.leakIn(readableTextOf(final.body))).toBeUndefined();
    expect(readableTextOf(final.body).trim()).not.toBe('');
    // No second message: nothing was posted in the thread after the crash.
    expect(fake.calls.filter((call) => call.atMs > killedAt && call.method === 'POST' && call.path === `/channels/${threadId}/messages`)).toEqual([]);
    const stored = fake.messages.get(progressId);
    expect(String(stored?.content ?? '')).not.toContain(THINKING_ABOUT_QUESTION);
    const session = await after.tutor.session(sessionId);
    expect(session?.pendingReply).toBeUndefined();
    expect(session?.conversation?.map((exchange) => exchange.question)).toEqual(['just tell me the answer']);
  }, 90_000);
});
