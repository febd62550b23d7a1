import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { LINEAR_EQUATION } from '../fakes/fake-reasoning-model.ts';
import { startFakeR1, type FakeR1Server } from '../fakes/fake-r1-server.ts';
import { runCli } from '../support/run-cli.ts';

// Each test spawns the CLI; one that builds a ladder also loads the answer checker (mathjs) for the leak guard,
// which takes several seconds on a loaded 2-core machine.
vi.setConfig({ testTimeout: 45_000 });

const KEY = 'sk-commands-test-key-ABCDEFGHIJ';
let r1: FakeR1Server;
let dataDir: string;

beforeAll(async () => {
  r1 = await startFakeR1([
    { reasoning: LINEAR_EQUATION.reasoning, answer: LINEAR_EQUATION.answer, dialect: 'think-tags-no-open' },
    { status: 401, message: `Authentication Fails, key ${KEY} is invalid` },
  ]);
  dataDir = mkdtempSync(join(tmpdir(), 'stepwise-commands-'));
});
afterAll(async () => {
  await r1.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) => ({ STEPWISE_MODEL_API_KEY: KEY, STEPWISE_MODEL_BASE_URL: r1.url, STEPWISE_DATA_DIR: dataDir, ...extra });

describe('stepwise solve --json', () => {
  it('prints one JSON object: problem, hints, answer, reasoning, usage', async () => {
    const run = await runCli(['solve', '--json', LINEAR_EQUATION.problem], { env: env() });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0] ?? '');
    expect(Object.keys(result)).toEqual(['problem', 'hints', 'answer', 'reasoning', 'usage']);
    expect(result.hints.map((hint: { kind: string }) => hint.kind)).toEqual(['nudge', 'step', 'nudge', 'answer']);
    expect(result.answer).toBe('$2$');
    expect(result.reasoning).toContain('Subtract 3 from both sides');
    expect(result.usage).toMatchObject({ promptTokens: 180, cacheHitTokens: 128, cacheMissTokens: 52 });
    expect(r1.requests[0]?.body.messages).toEqual([{ role: 'user', content: expect.stringContaining('\\boxed{}') }]);
  });

  it('turns a refused key into a plain sentence, exit 1, with the key nowhere in the output', async () => {
    const run = await runCli(['solve', '--json', 'Solve 5x = 10'], { env: env({ STEPWISE_LOG_LEVEL: 'info' }) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The tutor is misconfigured; please tell your instructor.');
    expect(run.stderr).toMatch(/The model server at 127\.0\.0\.1:\d+ refused the API key \(401\): set STEPWISE_MODEL_API_KEY/);
    expect(run.stderr).toContain('The problem is saved: retry with "stepwise resume');
    expect(run.stdout + run.stderr).not.toContain(KEY);
  });

  it('says how to call it when the problem is missing', async () => {
    const run = await runCli(['solve', '--json'], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: stepwise solve [--json] [--demo] "<problem>"');
  });
});

describe('stepwise hints --from-trace', () => {
  it('prints one ladder per JSON Lines record, shaped like solve --json, and keeps going after a bad line', async () => {
    const file = join(dataDir, 'traces.jsonl');
    writeFileSync(file, [
      JSON.stringify({ problem: LINEAR_EQUATION.problem, reasoning: LINEAR_EQUATION.reasoning, answer: LINEAR_EQUATION.answer }),
      '{not json',
      JSON.stringify({ problem: 'Area of a circle of radius 3?', reasoning: 'A = pi r^2 = 9 pi.', answer: '$\\boxed{9\\pi}$' }),
    ].join('\n'));
    const run = await runCli(['hints', '--from-trace', file]);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ problem: LINEAR_EQUATION.problem, answer: '$2$', usage: null });
    expect(lines[1]).toEqual({ error: 'record 2: not valid JSON' });
    expect(lines[2]).toMatchObject({ answer: '$9\\pi$' });
    expect(run.code).toBe(1);
  });

  it('accepts a single JSON object', async () => {
    const file = join(dataDir, 'one.json');
    writeFileSync(file, JSON.stringify({ problem: 'p', reasoning: 'r', answer: '\\boxed{3}' }, null, 2));
    const run = await runCli(['hints', '--from-trace', file]);
    expect(JSON.parse(run.stdout)).toMatchObject({ hints: [{ kind: 'answer' }], answer: '$3$' });
  });
});

describe('configuration errors', () => {
  it('lists every bad variable at once with what to write instead', async () => {
    const run = await runCli(['sessions'], { env: env({ STEPWISE_STORE: 'mongo', STEPWISE_MAX_PROBLEM_CHARS: 'lots' }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Stepwise's configuration has 2 problem(s)");
    expect(run.stderr).toMatch(/STEPWISE_STORE: .*"sqlite".*"redis".*"memory"/);
    expect(run.stderr).toContain('STEPWISE_MAX_PROBLEM_CHARS');
  });
});

describe('the Redis store, as configured', () => {
  it('keeps sessions in Redis when STEPWISE_STORE=redis, so another process sees them', async () => {
    const model = await startFakeR1([{ reasoning: LINEAR_EQUATION.reasoning, answer: LINEAR_EQUATION.answer }]);
    try {
      const redis = { STEPWISE_STORE: 'redis', STEPWISE_REDIS_URL: inject('redisUrl'), USER: 'redis-student', STEPWISE_MODEL_BASE_URL: model.url };
      const solved = await runCli(['solve', '--json', 'Solve 2x + 3 = 7'], { env: env(redis) });
      expect(JSON.parse(solved.stdout)).toMatchObject({ answer: '$2$' });
      const listed = await runCli(['sessions'], { env: env(redis) });
      expect(listed.stdout).toMatch(/^[a-z0-9]{10} .* hint 1 of 3 +Solve 2x \+ 3 = 7$/m);
    } finally {
      await model.close();
    }
  });

  it('says what is missing when STEPWISE_STORE=redis has no URL', async () => {
    const run = await runCli(['sessions'], { env: env({ STEPWISE_STORE: 'redis' }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('STEPWISE_REDIS_URL: required when STEPWISE_STORE=redis');
  });
});
