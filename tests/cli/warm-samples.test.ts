import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeR1, type FakeR1Server } from '../fakes/fake-r1-server.ts';
import { runCli } from '../support/run-cli.ts';
import { SAMPLED_SET_YAML, SAMPLE_ANSWERS } from '../fixtures/sampled-set.ts';

let r1: FakeR1Server;
let dataDir: string;
let setFile: string;
const env = () => ({ STEPWISE_MODEL_API_KEY: 'sk-samples-test-0000000000', STEPWISE_MODEL_BASE_URL: r1.url, STEPWISE_DATA_DIR: dataDir });

beforeAll(async () => {
  const calls = new Map<string, number>();
  r1 = await startFakeR1((prompt) => {
    const [problem, answers] = Object.entries(SAMPLE_ANSWERS).find(([text]) => prompt.includes(text)) ?? ['', ['0']];
    const call = calls.get(problem) ?? 0;
    calls.set(problem, call + 1);
    const answer = answers[call % answers.length] ?? '0';
    return { reasoning: `I get ${answer}.`, answer: `Step 1\nHint: Compute it.\nWork: Work it out.\n\nFinal answer: $\\boxed{${answer}}$` };
  });
  dataDir = mkdtempSync(join(tmpdir(), 'stepwise-samples-'));
  setFile = join(dataDir, 'sampled.yaml');
  writeFileSync(setFile, SAMPLED_SET_YAML);
});
afterAll(async () => {
  await r1.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('stepwise problemset warm --samples', () => {
  it('estimates all samples first, then shows agreement per problem and flags disagreement and splits', async () => {
    const estimate = await runCli(['problemset', 'warm', setFile, '--samples', '3', '--estimate'], { env: env() });
    expect(estimate.stdout).toMatch(/sampled: 3 problems, 0 already warm\. Warming 3 \(9 solves: 3 samples each, less those cached\) costs about [\d,]+ input \+ 36,000 output tokens/);
    expect(r1.requests).toHaveLength(0);

    const run = await runCli(['problemset', 'warm', setFile, '--samples', '3'], { env: env() });
    expect(r1.requests).toHaveLength(9);
    expect(run.stdout).toMatch(/product: agrees \(2 of 3 samples agree\)/);
    expect(run.stdout).toMatch(/sum: disagrees \(2 of 3 samples agree\)/);
    expect(run.stdout).toMatch(/split: no-majority \(1 of 3 samples agree: no majority\)/);
    expect(run.stdout).toContain('- sum: the majority of samples answered 12; students get your authored hints and your answer');
    expect(run.stdout).toMatch(/- split: no majority \(1 of 3 samples agree/);
    expect(run.code).toBe(1);
  }, 120_000);

  it('refuses a sample count it cannot take, saying the range', async () => {
    const run = await runCli(['problemset', 'warm', setFile, '--samples', '0'], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--samples 1 to 10');
  }, 120_000);
});
