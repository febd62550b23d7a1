import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeR1, type FakeR1Server } from '../fakes/fake-r1-server.ts';
import { runCli } from '../support/run-cli.ts';

const SET = `id: quiz
title: Quick quiz
policy:
  revealAnswer: after solved
problems:
  - id: linear
    statement: Solve $2x + 3 = 7$.
    answer: x = 2
    hints:
      - Start by undoing the $+3$.
  - id: square
    statement: What is $7^2$?
    answer: 50
`;

let r1: FakeR1Server;
let dataDir: string;
let setFile: string;
const env = () => ({ STEPWISE_MODEL_API_KEY: 'sk-classroom-test-0000000000', STEPWISE_MODEL_BASE_URL: r1.url, STEPWISE_DATA_DIR: dataDir });

beforeAll(async () => {
  r1 = await startFakeR1((prompt) => prompt.includes('7^2')
    ? { reasoning: '7 times 7 is 49.', answer: 'Step 1\nHint: Multiply 7 by 7.\nWork: $7 \\times 7 = 49$.\n\nFinal answer: $\\boxed{49}$' }
    : { reasoning: 'Subtract 3, divide by 2.', answer: 'Step 1\nHint: Subtract 3.\nWork: $2x = 4$.\n\nStep 2\nHint: Divide by 2.\nWork: $x = 2$.\n\nFinal answer: $\\boxed{x = 2}$' });
  dataDir = mkdtempSync(join(tmpdir(), 'stepwise-classroom-'));
  setFile = join(dataDir, 'quiz.yaml');
  writeFileSync(setFile, SET);
});
afterAll(async () => {
  await r1.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('instructor commands in the terminal', () => {
  it('estimates the cost of warming without calling the model', async () => {
    const run = await runCli(['problemset', 'warm', setFile, '--estimate'], { env: { ...env(), STEPWISE_PRICE_INPUT_PER_MTOK: '0.55', STEPWISE_PRICE_OUTPUT_PER_MTOK: '2.19' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/quiz: 2 problems, 0 already warm\. Warming 2 costs about [\d,]+ input \+ 8,000 output tokens ≈ \$0\.02 .*STEPWISE_PRICE_\* prices/);
    expect(r1.requests).toHaveLength(0);
  });

  it('warms every problem with progress and reports where R1 disagrees with the instructor', async () => {
    const run = await runCli(['problemset', 'warm', setFile, '--concurrency', '2'], { env: env() });
    expect(run.stdout).toMatch(/\[1\/2\] (linear|square): (agrees|disagrees)/);
    expect(run.stdout).toContain('[2/2]');
    expect(run.stdout).toContain('square: R1 answered 49; students get your authored hints and your answer');
    expect(run.code).toBe(1);
    expect(r1.requests).toHaveLength(2);
  });

  it('lets a student practise the set in order, from the warmed cache', async () => {
    const run = await runCli(['practice', setFile], { env: env(), input: ['check x = 2', 'problem', 'check 49', 'check 50', 'problem', 'quit', ''].join('\n') });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Problem 1 of 2 in Quick quiz.');
    expect(run.stdout).toContain('Hint 1 of');
    expect(run.stdout).toContain('Start by undoing the +3.');
    expect(run.stdout).toContain('Problem 2 of 2 in Quick quiz.');
    expect(run.stdout).not.toContain('\\boxed{49}');
    expect(run.stdout).toContain('You have solved every problem in Quick quiz. Well done!');
    expect(r1.requests).toHaveLength(2);
  });

  it('reports the class as a table and as CSV', async () => {
    const table = await runCli(['report', '--set', 'quiz'], { env: env() });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Quick quiz (quiz)');
    expect(table.stdout).toMatch(/square\s+1\s+100%\s+0\s+49 \(1\)/);
    const csv = await runCli(['report', '--set', 'quiz', '--csv'], { env: env() });
    expect(csv.stdout.split('\r\n')[0]).toBe('student,student_id,problem,solved,attempts,hints_opened,answer_revealed,seconds_to_solve,questions');
    expect(csv.stdout).toContain('student,cli:student,square,yes,2,0,no,');
  });

  it('says which set is missing', async () => {
    const run = await runCli(['report', '--set', 'nope'], { env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('There is no problem set "nope" here.');
  });
});
