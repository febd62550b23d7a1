import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeR1, type FakeR1Server } from '../fakes/fake-r1-server.ts';
import { runCli } from '../support/run-cli.ts';

const SET = `id: quiz
title: Quick quiz
problems:
  - id: square
    statement: What is $7^2$?
    answer: 49
`;

let r1: FakeR1Server;
let dataDir: string;
const env = () => ({ STEPWISE_MODEL_API_KEY: 'sk-inspect-test-0000000000', STEPWISE_MODEL_BASE_URL: r1.url, STEPWISE_DATA_DIR: dataDir });

beforeAll(async () => {
  r1 = await startFakeR1(() => ({
    model: 'deepseek-v4-flash-20261101',
    reasoning: 'Seven times seven. 7 * 7 = 49.',
    answer: 'Step 1\nHint: What is 7 times 7?\nWork: $7 \\times 7 = 49$.\n\nFinal answer: $\\boxed{49}$',
  }));
  dataDir = mkdtempSync(join(tmpdir(), 'stepwise-inspect-'));
  writeFileSync(join(dataDir, 'quiz.yaml'), SET);
});
afterAll(async () => {
  await r1.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('stepwise inspect', () => {
  it('shows the exact request the client sent, the server’s model version and the session', async () => {
    const solved = await runCli(['solve', 'What is $7^2$?'], { env: env() });
    const sessionId = /session (\w+);/.exec(solved.stdout)?.[1];
    expect(sessionId).toBeDefined();
    const run = await runCli(['inspect', sessionId ?? ''], { env: env() });
    expect(run.code).toBe(0);
    const sent = r1.requests[0]?.body as { model: string; messages: { content: string }[]; stream_options: unknown };
    expect(run.stdout).toContain(`- **Model:** ${sent.model}`);
    expect(run.stdout).toContain(sent.messages[0]?.content ?? 'missing prompt');
    expect(run.stdout).toContain('"include_usage": true');
    expect(run.stdout).toContain('- **Model version (as the server reported it):** deepseek-v4-flash-20261101');
    expect(run.stdout).toContain('**Source:** structured');
    expect(run.stdout).toMatch(/- (withheld|cut), matched `[^`]*49[^`]*`: /);
    expect(run.stdout).toContain('## 4. The session');

    const json = await runCli(['inspect', sessionId ?? '', '--json'], { env: env() });
    const data = JSON.parse(json.stdout) as { request: { prompt: string; parameters: Record<string, unknown> }; build: { source: string } };
    expect(data.request.prompt).toBe(sent.messages[0]?.content);
    const { messages: _messages, ...parameters } = sent;
    expect(data.request.parameters).toEqual(parameters);
    expect(data.build.source).toBe('structured');
  }, 120_000);

  it('inspects a warmed problem of a set, and writes the file when asked', async () => {
    await runCli(['problemset', 'warm', join(dataDir, 'quiz.yaml')], { env: env() });
    const out = join(dataDir, 'square.md');
    const run = await runCli(['inspect', '--set', 'quiz', '--problem', 'square', '--out', out], { env: env() });
    expect(run.code).toBe(0);
    const markdown = readFileSync(out, 'utf8');
    expect(markdown).toContain('# quiz / square, as warmed');
    expect(markdown).toContain("R1's answer agrees with yours");
    expect(markdown).not.toContain('## 4. The session');
  }, 120_000);

  it('says what to do when the problem or the arguments are wrong', async () => {
    const missing = await runCli(['inspect', '--set', 'quiz', '--problem', 'cube'], { env: env() });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Set "quiz" has no problem "cube". Its problems: square.');
    const elsewhere = await runCli(['inspect', '--set', 'quiz', '--problem', 'square', '--space', 'discord:4242'], { env: env() });
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain('There is no problem set "quiz" here.');
    const usage = await runCli(['inspect', '--set', 'quiz'], { env: env() });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: stepwise inspect SESSION_ID | --set ID --problem PID');
  }, 120_000);
});
