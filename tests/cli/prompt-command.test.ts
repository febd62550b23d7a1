import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeR1, type FakeR1Server } from '../fakes/fake-r1-server.ts';
import { runCli } from '../support/run-cli.ts';

const SET = `id: quiz
title: Quick quiz
problems:
  - id: linear
    statement: Solve $2x + 3 = 7$.
    answer: x = 2
  - id: square
    statement: What is $7^2$?
    answer: 49
`;
const VARIANT = '{{problem}}\n\nCoach me: explain in plain paragraphs, then give the answer in \\boxed{}.\n';
const TRACES = readFileSync(new URL('../fixtures/r1-traces/traces.jsonl', import.meta.url), 'utf8').split('\n').slice(0, 2).join('\n');

let r1: FakeR1Server;
let dir: string;
const env = () => ({ STEPWISE_MODEL_API_KEY: 'sk-prompt-test-0000000000', STEPWISE_MODEL_BASE_URL: r1.url, STEPWISE_DATA_DIR: join(dir, 'data') });

beforeAll(async () => {
  r1 = await startFakeR1((prompt) => {
    const isVariant = prompt.includes('Coach me');
    const answer = prompt.includes('7^2') ? (isVariant ? '48' : '49') : prompt.includes('2x + 3') ? 'x = 2' : '18';
    return isVariant
      ? { reasoning: 'Thinking.', answer: `First do the obvious part of the work, carefully and in order.\n\nThen finish it, and you get ${answer}.\n\n$\\boxed{${answer}}$` }
      : { reasoning: 'Thinking.', answer: `Step 1\nHint: Start.\nWork: Do the first part.\n\nStep 2\nHint: Finish.\nWork: Finish it.\n\nFinal answer: $\\boxed{${answer}}$` };
  });
  dir = mkdtempSync(join(tmpdir(), 'stepwise-prompt-'));
  writeFileSync(join(dir, 'quiz.yaml'), SET);
  writeFileSync(join(dir, 'coach.md'), VARIANT);
  writeFileSync(join(dir, 'traces.jsonl'), TRACES);
  writeFileSync(join(dir, 'no-placeholder.md'), 'Solve it.\n');
});
afterAll(async () => {
  await r1.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('stepwise prompt try', () => {
  it('puts the variant beside the current prompt and leaves the shared cache as it was', async () => {
    const run = await runCli(['prompt', 'try', '--prompt', 'coach.md', '--set', 'quiz.yaml'], { env: env(), cwd: dir });
    expect(run.code).toBe(0);
    expect(r1.requests).toHaveLength(4);
    expect(run.stdout).toContain('| problem | rungs | leaks caught | agrees with your answer | tokens |');
    expect(run.stdout).toMatch(/\| square \| \d+ → \d+ \| \d+ → \d+ \| yes \(49\) → no \(48\) \|/);
    expect(run.stdout).toMatch(/\| \*\*total\*\* \| \d+ → \d+ \| \d+ → \d+ \| 2 of 2 → 1 of 2 \|/);
    // Nothing was cached: warming the set still has everything to do, and trying again pays again.
    const estimate = await runCli(['problemset', 'warm', 'quiz.yaml', '--estimate'], { env: env(), cwd: dir });
    expect(estimate.stdout).toContain('quiz: 2 problems, 0 already warm.');
    const again = await runCli(['prompt', 'try', '--prompt', 'coach.md', '--set', 'quiz.yaml', '--json'], { env: env(), cwd: dir });
    expect(r1.requests).toHaveLength(8);
    const trial = JSON.parse(again.stdout) as { rows: { problemId: string; current: { origin: string } }[]; promoted: boolean };
    expect(trial.rows.map((row) => [row.problemId, row.current.origin])).toEqual([['linear', 'solved'], ['square', 'solved']]);
    expect(trial.promoted).toBe(false);
  }, 120_000);

  it('re-builds recorded traces, and with --promote writes the variant to prompts/ for review', async () => {
    const before = r1.requests.length;
    const run = await runCli(['prompt', 'try', '--prompt', 'coach.md', '--traces', 'traces.jsonl', '--json', '--promote'], { env: env(), cwd: dir });
    expect(run.code).toBe(0);
    expect(r1.requests.length - before).toBe(2);
    const trial = JSON.parse(run.stdout) as { rows: { current: { origin: string; source: string } }[]; variant: { version: string }; promoted: boolean };
    expect(trial.rows.map((row) => row.current.origin)).toEqual(['recorded', 'recorded']);
    expect(trial.promoted).toBe(true);
    const file = join(dir, 'prompts', `solve-${trial.variant.version}.md`);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(VARIANT);
    expect(run.stderr).toContain(`Wrote prompts/solve-${trial.variant.version}.md for review`);
  }, 120_000);

  it('refuses a prompt with nowhere to put the problem, and says what to add', async () => {
    const run = await runCli(['prompt', 'try', '--prompt', 'no-placeholder.md', '--set', 'quiz.yaml'], { env: env(), cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no-placeholder.md has no {{problem}} placeholder');
    const usage = await runCli(['prompt', 'try', '--prompt', 'coach.md'], { env: env(), cwd: dir });
    expect(usage.code).toBe(2);
  }, 120_000);
});
