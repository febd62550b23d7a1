import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore, ModelError, SOLVE_LEASE_MS, type Actor, type ReasoningModel } from '../../src/index.ts';
import { FakeReasoningModel, LINEAR_EQUATION, r1Events } from '../fakes/fake-reasoning-model.ts';
import { createTutorHarness } from '../support/tutor-harness.ts';

const CHILD = fileURLToPath(new URL('./processes/solve-then-hang.ts', import.meta.url));
const REPLY_CHILD = fileURLToPath(new URL('./processes/reply-then-hang.ts', import.meta.url));
/** The reply child loads the answer checker for the reply guard: several seconds on a loaded 2-core machine. */
const REPLY_CHILD_TIMEOUT_MS = 60_000;
const CHILD_TIMEOUT_MS = 15_000;
const ada: Actor = { platform: 'cli', userId: 'ada', name: 'Ada' };
const dataDir = mkdtempSync(join(tmpdir(), 'stepwise-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const linearModel = () => new FakeReasoningModel([r1Events(LINEAR_EQUATION.reasoning, LINEAR_EQUATION.answer)]);

/** Starts the hanging bot, waits until it is mid-solve, SIGKILLs it; resolves to the session ids it was solving. */
function solveThenKill(directory: string): Promise<string[]> {
  return runThenKill<string[]>(CHILD, directory);
}

/** Starts `script`, SIGKILLs it once it prints its first line, and resolves to that line as JSON. */
function runThenKill<T>(script: string, directory: string, timeoutMs = CHILD_TIMEOUT_MS, ...args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, directory, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let ids: T | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!ids && stdout.includes('\n')) {
        ids = JSON.parse(stdout.split('\n')[0] ?? 'null') as T;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', () => {
      clearTimeout(timer);
      if (ids !== undefined) resolve(ids);
      else reject(new Error(`the solving process ended without starting: ${stderr}`));
    });
  });
}

describe('crash recovery: a solve holds a lease', () => {
  it('after SIGKILL mid-solve, Retry works at once and the start-up sweep marks the other solve failed', async () => {
    const directory = join(dataDir, 'sigkill');
    const [retried = '', swept = ''] = await solveThenKill(directory);
    const store = await createStore({ kind: 'sqlite', dataDir: directory });
    const { tutor } = createTutorHarness(linearModel(), { store, now: Date.now });
    expect((await tutor.session(retried))?.status).toBe('solving');

    // No waiting for a deadline: the lease's process is gone, so Retry takes the solve over.
    const view = await tutor.solve(retried, {}, ada);
    expect(view.parts.map((part) => part.type)).toEqual(['problem', 'hint']);

    const lapsed = await tutor.sweepLapsedSolves();
    expect(lapsed.map((entry) => entry.session.id)).toEqual([swept]);
    expect(lapsed[0]?.view).toMatchObject({ tone: 'error', parts: [{ type: 'text', markdown: expect.stringMatching(/^Stepwise stopped while R1 was working on this problem\. Press Retry/) }] });
    expect(lapsed[0]?.view.actions).toEqual([expect.objectContaining({ kind: 'retry', enabled: true })]);
    expect((await tutor.session(swept))?.status).toBe('failed');
    expect(await tutor.sweepLapsedSolves()).toEqual([]);
    expect((await tutor.solve(swept, {}, ada)).parts[1]).toMatchObject({ type: 'hint', index: 1 });
    await store.close();
  });
});

describe('crash recovery in one process', () => {
  it('keeps a live solve: Retry during it waits, and the sweep leaves it alone', async () => {
    const model = linearModel();
    model.hold();
    const { tutor } = createTutorHarness(model);
    const session = await tutor.open({ problem: LINEAR_EQUATION.problem, owner: ada });
    const solving = tutor.solve(session.id);
    expect(await tutor.sweepLapsedSolves()).toEqual([]);
    expect((await tutor.solve(session.id)).parts.map((part) => ('markdown' in part ? part.markdown : ''))).toContain('R1 is still working on this problem.');
    model.resume();
    await solving;
    expect(model.calls).toBe(1);
  });

  it('frees a solve whose lease was not renewed in time (a stalled or partitioned process)', async () => {
    const model = linearModel();
    model.hold();
    const { tutor, advance } = createTutorHarness(model);
    const session = await tutor.open({ problem: LINEAR_EQUATION.problem, owner: ada });
    void tutor.solve(session.id);
    while (model.calls === 0) await new Promise((resolve) => setImmediate(resolve));
    advance(SOLVE_LEASE_MS);
    const lapsed = await tutor.sweepLapsedSolves();
    expect(lapsed.map((entry) => entry.session.id)).toEqual([session.id]);
    model.resume();
  });

  it('sweeps a session opened by a process that died before it started solving', async () => {
    const { tutor, advance } = createTutorHarness(linearModel());
    const session = await tutor.open({ problem: LINEAR_EQUATION.problem, owner: ada });
    expect(await tutor.sweepLapsedSolves()).toEqual([]);
    advance(SOLVE_LEASE_MS);
    expect((await tutor.sweepLapsedSolves()).map((entry) => entry.session.status)).toEqual(['failed']);
    expect((await tutor.solve(session.id)).parts[1]).toMatchObject({ type: 'hint' });
  });
});

describe('one solve per problem across processes', () => {
  it('a second process waits for the first one\'s R1 call instead of paying again', async () => {
    const directory = join(dataDir, 'in-flight');
    const [storeOne, storeTwo] = await Promise.all([createStore({ kind: 'sqlite', dataDir: directory }), createStore({ kind: 'sqlite', dataDir: directory })]);
    const [modelOne, modelTwo] = [linearModel(), linearModel()];
    modelOne.hold();
    const one = createTutorHarness(modelOne, { store: storeOne, now: Date.now }).tutor;
    const two = createTutorHarness(modelTwo, { store: storeTwo, now: Date.now }).tutor;
    const first = await one.open({ problem: LINEAR_EQUATION.problem, owner: ada });
    const second = await two.open({ problem: LINEAR_EQUATION.problem, owner: { platform: 'cli', userId: 'bob' } });
    const solvingOne = one.solve(first.id);
    while (modelOne.calls === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const progress: string[] = [];
    let isWaiting = () => {};
    const waiting = new Promise<void>((resolve) => (isWaiting = resolve));
    const solvingTwo = two.solve(second.id, { onProgress: (update) => { progress.push(update.phase); isWaiting(); } });
    await waiting; // the second process found the first one's marker and is waiting on it
    modelOne.resume();
    const [viewOne, viewTwo] = await Promise.all([solvingOne, solvingTwo]);
    expect(viewOne.parts[1]).toMatchObject({ type: 'hint', index: 1 });
    expect(viewTwo.parts[1]).toMatchObject({ type: 'hint', index: 1 });
    expect([modelOne.calls, modelTwo.calls]).toEqual([1, 0]);
    expect(progress[0]).toBe('waiting');
    expect((await two.session(second.id))?.fromCache).toBe(true);
    await Promise.all([storeOne.close(), storeTwo.close()]);
  });

  it('takes the solve over when the first process fails without a result', async () => {
    const directory = join(dataDir, 'in-flight-failed');
    const store = await createStore({ kind: 'sqlite', dataDir: directory });
    let fail = () => {};
    let hasStarted = () => {};
    const started = new Promise<void>((resolve) => (hasStarted = resolve));
    const failing: ReasoningModel = {
      id: 'fake-r1',
      // Starts streaming, then fails with a 503 once the test says so.
      async *solve() {
        hasStarted();
        yield { type: 'reasoning', text: 'Okay, so' };
        await new Promise<void>((resolve) => (fail = resolve));
        throw new ModelError('503', 'R1 is overloaded.', true);
      },
    };
    const healthy = linearModel();
    const one = createTutorHarness(failing, { store, now: Date.now }).tutor;
    const two = createTutorHarness(healthy, { store, now: Date.now }).tutor;
    const [first, second] = await Promise.all([one.open({ problem: LINEAR_EQUATION.problem, owner: ada }), two.open({ problem: LINEAR_EQUATION.problem, owner: ada })]);
    const solvingOne = one.solve(first.id);
    await started;
    let isWaiting = () => {};
    const waiting = new Promise<void>((resolve) => (isWaiting = resolve));
    const solvingTwo = two.solve(second.id, { onProgress: () => isWaiting() });
    await waiting;
    expect(healthy.calls).toBe(0); // waiting for the first process, not calling R1
    fail();
    const [viewOne, viewTwo] = await Promise.all([solvingOne, solvingTwo]);
    expect(viewOne.tone).toBe('error');
    expect(viewTwo.parts[1]).toMatchObject({ type: 'hint', index: 1 });
    expect(healthy.calls).toBe(1);
    await store.close();
  });
});

describe('crash recovery: a reply holds a lease', () => {
  it('after SIGKILL mid-reply, the start-up sweep finishes the reply into the progress message it posted, once', async () => {
    const directory = join(dataDir, 'reply-sigkill');
    const solvedFirst = await createStore({ kind: 'sqlite', dataDir: directory });
    const before = createTutorHarness(linearModel(), { store: solvedFirst, now: Date.now });
    const opened = await before.tutor.open({ problem: LINEAR_EQUATION.problem, owner: ada });
    await before.tutor.solve(opened.id);
    await solvedFirst.close();
    const { sessionId, shown } = await runThenKill<{ sessionId: string; shown: string }>(REPLY_CHILD, directory, REPLY_CHILD_TIMEOUT_MS, opened.id);
    expect(sessionId).toBe(opened.id);
    expect(shown).toBe('Look at the left side first.');
    const store = await createStore({ kind: 'sqlite', dataDir: directory });
    const replyModel = new FakeReasoningModel([[{ type: 'answer', text: 'What is left on the left side once the 3 is gone?' }, { type: 'finish', reason: 'stop' }]]);
    const { tutor } = createTutorHarness(linearModel(), { store, replyModel, now: Date.now });
    expect((await tutor.session(sessionId))?.pendingReply?.place).toEqual({ channelId: 'thread-1', messageId: 'progress-1' });

    // The lease's process is gone: no waiting for it to expire.
    const lapsed = await tutor.sweepLapsedReplies();
    expect(lapsed).toEqual([expect.objectContaining({
      place: { channelId: 'thread-1', messageId: 'progress-1' },
      view: expect.objectContaining({ tone: 'info', parts: [{ type: 'text', markdown: 'What is left on the left side once the 3 is gone?' }] }),
    })]);
    expect(replyModel.prompts).toEqual(['why do we subtract 3 first?']);
    expect(await tutor.sweepLapsedReplies()).toEqual([]);
    const session = await tutor.session(sessionId);
    expect(session?.pendingReply).toBeUndefined();
    expect(session?.conversation).toEqual([expect.objectContaining({ question: 'why do we subtract 3 first?', reply: 'What is left on the left side once the 3 is gone?', outcome: 'answered' })]);
    await store.close();
  }, REPLY_CHILD_TIMEOUT_MS * 2);
});
