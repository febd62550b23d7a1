import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LINEAR_EQUATION } from '../fakes/fake-reasoning-model.ts';
import { startFakeR1, type FakeR1Server } from '../fakes/fake-r1-server.ts';
import { runCli } from '../support/run-cli.ts';

// Each test spawns the CLI; one that builds a ladder also loads the answer checker (mathjs) for the leak guard,
// which takes several seconds on a loaded 2-core machine.
vi.setConfig({ testTimeout: 45_000 });

const KEY = 'sk-terminal-test-key-0123456789';
let r1: FakeR1Server;
let dataDir: string;
const env = () => ({ STEPWISE_MODEL_API_KEY: KEY, STEPWISE_MODEL_BASE_URL: r1.url, STEPWISE_DATA_DIR: dataDir });

beforeAll(async () => {
  r1 = await startFakeR1([{ reasoning: LINEAR_EQUATION.reasoning, answer: LINEAR_EQUATION.answer, chunkChars: 4 }]);
  dataDir = mkdtempSync(join(tmpdir(), 'stepwise-cli-'));
});
afterAll(async () => {
  await r1.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the terminal tutor (spawned, scripted input)', () => {
  let sessionId = '';

  it('solves a typed problem with live progress, then climbs the hints and checks answers', async () => {
    const run = await runCli([], { env: env(), input: ['Solve 2x + 3 = 7', 'next', 'check x = 5', 'check x = 2', 'answer', 'quit', ''].join('\n') });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Stepwise: deepseek-r1 at 127.0.0.1');
    expect(run.stdout).toMatch(/R1 is (thinking|writing up the steps)… \d+ s · ~\d+ reasoning tokens/);
    expect(run.stdout).toContain('Hint 1 of 3:\n  What could you do to both sides to get the 2x term by itself?');
    expect(run.stdout).toContain('Hint 2 of 3:\n  Subtract 3 from both sides');
    expect(run.stdout).toMatch(/Not quite|not equivalent|isn't/i);
    expect(run.stdout).toContain('Correct!');
    expect(run.stdout).toContain('Answer:');
    sessionId = /\[([a-z0-9]{10})\]> /.exec(run.stdout)?.[1] ?? '';
    expect(sessionId).toHaveLength(10);
    expect(r1.requests).toHaveLength(1);
  });

  it('lists and resumes the session after a restart, from the SQLite file', async () => {
    const listed = await runCli(['sessions'], { env: env() });
    expect(listed.stdout).toContain(sessionId);
    expect(listed.stdout).toContain('Solve 2x + 3 = 7');
    expect(readdirSync(dataDir)).toContain('stepwise.sqlite');
    const resumed = await runCli(['resume', sessionId], { env: env(), input: 'cards\nquit\n' });
    expect(resumed.stdout).toContain('Hint 2 of 3:');
    expect(resumed.stdout).toContain('Answer:');
    const saved = [...resumed.stdout.matchAll(/: (\S+\.png) \((\d+)×(\d+)\)/g)];
    expect(saved.map((match) => basename(match[1] ?? ''))).toEqual([`${sessionId}-problem.png`, `${sessionId}-hint-1.png`, `${sessionId}-hint-2.png`, `${sessionId}-answer.png`]);
    for (const [, path] of saved) expect(readFileSync(path ?? '').subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(r1.requests).toHaveLength(1);
  });

  it('answers a second student asking the same problem from the ladder cache', async () => {
    const run = await runCli(['solve', '--json', 'Solve  2x + 3 = 7'], { env: { ...env(), USER: 'another' } });
    expect(JSON.parse(run.stdout)).toMatchObject({ usage: null, answer: '$2$' });
    expect(r1.requests).toHaveLength(1);
  });

  it('explains an unknown session id instead of crashing', async () => {
    const run = await runCli(['resume', 'nosuchid00'], { env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('There is no session nosuchid00');
    expect(run.stderr).toContain('Type a new problem at the prompt');
    expect(run.stderr).not.toContain('/solve');
  });
});

describe('demo mode', () => {
  it('says what to set, labels the examples as recorded, and tutors one end to end', async () => {
    const run = await runCli([], { env: { STEPWISE_DATA_DIR: dataDir }, input: ['what is 1+1', '1', 'next', 'answer', 'reasoning', 'check 9.8', 'reasoning', 'quit', ''].join('\n') });
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n')[0]).toBe('No model key set: set STEPWISE_MODEL_API_KEY (or DEEPSEEK_API_KEY) to use DeepSeek R1. Starting demo mode.');
    expect(run.stdout).toContain('RECORDED example sessions replayed over the real wire format, not a live model');
    expect(run.stdout).toContain('Demo mode replays recorded sessions only. Pick one by number');
    expect(run.stdout).toContain('Problem:\n  9.11 and 9.8, which is greater?');
    expect(run.stdout).toContain('Hint 2 of');
    // Guarded by default: nothing opens before the student has tried.
    expect(run.stdout).toContain('Try an answer first (check <answer>), or open every hint: then you can see the answer.');
    expect(run.stdout).toContain('You can see the reasoning once the answer has been shown or you have solved the problem.');
    expect(run.stdout).toMatch(/R1's full chain of thought saved to .*reasoning-[a-z0-9]{10}\.md/);
  });

  it("opens the answer at once only after the terminal's policy is loosened with 'policy'", async () => {
    const directory = mkdtempSync(join(tmpdir(), 'stepwise-cli-policy-'));
    try {
      const run = await runCli([], { env: { STEPWISE_DATA_DIR: directory }, input: ['policy', 'policy answer: always reasoning: always', '1', 'answer', 'quit', ''].join('\n') });
      expect(run.stdout).toContain('Problems typed here: answer after trying; reasoning after answer');
      expect(run.stdout).toContain('From now on, problems typed here show: answer always; reasoning always');
      expect(run.stdout).toContain('Answer:\n');
      expect(run.stdout).not.toContain('Try an answer first');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('says a problem has no recording and offers the recorded ones, never blaming the wording', async () => {
    const run = await runCli(['solve', '--demo', 'What is 6 times 7?'], { env: { STEPWISE_DATA_DIR: dataDir } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Demo mode has no recording of this problem');
    expect(run.stderr).toContain('1. 9.11 and 9.8, which is greater?');
    expect(run.stderr).not.toMatch(/could not take this problem|rephras/i);
  });

  it('runs with --demo even when a key is set, and never contacts the configured server', async () => {
    const before = r1.requests.length;
    const run = await runCli(['solve', '--json', '--demo', 'What is the result when the greatest common factor of 6432 and 132 is increased by 11?'], { env: env() });
    expect(JSON.parse(run.stdout)).toMatchObject({ answer: '$23$' });
    expect(r1.requests.length).toBe(before);
  });
});

describe('the terminal tutor when the model fails', () => {
  it('tells the student plainly, keeps the problem for retry, and logs the detail to a file, not the screen', async () => {
    const broke = await startFakeR1([{ status: 402, message: 'Insufficient Balance' }, { reasoning: LINEAR_EQUATION.reasoning, answer: LINEAR_EQUATION.answer }]);
    const directory = mkdtempSync(join(tmpdir(), 'stepwise-cli-fail-'));
    try {
      const run = await runCli([], { env: { STEPWISE_MODEL_API_KEY: KEY, STEPWISE_MODEL_BASE_URL: broke.url, STEPWISE_DATA_DIR: directory }, input: 'Solve 2x + 3 = 7\nretry\nquit\n' });
      expect(run.stdout).toContain("The tutor's model account is out of credit. Please tell your instructor; your problem is saved and can be retried later.");
      expect(run.stdout).toContain(`(Details for whoever runs Stepwise are in ${join(directory, 'stepwise.log')}.)`);
      expect(run.stdout).toContain('Hint 1 of 3:');
      expect(run.stderr).toBe('');
      const log = readFileSync(join(directory, 'stepwise.log'), 'utf8');
      expect(log).toContain('"status":402');
      expect(log).not.toContain(KEY);
    } finally {
      await broke.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
