import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { doctorCommand, type DoctorReport } from '../../adapters/cli/commands/doctor.ts';
import type { ReasoningDialect } from '../../adapters/cli/demo/r1-sse.ts';
import { PROVIDER_PROFILES, type ProviderName } from '../../src/index.ts';
import { startFakeR1, type FakeR1Server, type FakeServerOptions } from '../fakes/fake-r1-server.ts';
import { runCli } from '../support/run-cli.ts';

const KEY = 'sk-doctor-test-key-0123456789ABCDEF';
const REASONING = 'The user wants 2 + 3. Two plus three is five; checking, 3 + 2 = 5.';
const ANSWER = 'Step 1\nHint: Count on from 2.\nWork: $2 + 3 = 5$.\n\nFinal answer: $\\boxed{5}$';

let dataDir: string;
let server: FakeR1Server | undefined;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'stepwise-doctor-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Runs `stepwise doctor` through its run function, as the CLI would. */
async function doctor(env: Record<string, string>, args: string[] = ['--json']) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const code = await doctorCommand.run(args, { stdin: new PassThrough(), stdout, stderr, env: { STEPWISE_DATA_DIR: dataDir, ...env }, cwd: dataDir });
  const out = String(stdout.read() ?? '');
  const err = String(stderr.read() ?? '');
  return { code, out, err, report: args.includes('--json') ? (JSON.parse(out) as DoctorReport) : undefined };
}

async function fake(options: FakeServerOptions = {}, dialect: ReasoningDialect = 'reasoning_content') {
  server = await startFakeR1([{ reasoning: REASONING, answer: ANSWER, dialect, chunkChars: 4 }], options);
  return server;
}

const DIALECTS: readonly [ProviderName, ReasoningDialect, string][] = [
  ['deepseek', 'reasoning_content', 'reasoning_content'],
  ['openrouter', 'openrouter', 'reasoning'],
  ['vllm', 'reasoning', 'reasoning'],
  ['sglang', 'reasoning_content', 'reasoning_content'],
  ['ollama', 'reasoning', 'reasoning'],
  ['llamacpp', 'reasoning_content', 'reasoning_content'],
  ['llamacpp', 'think-tags', '<think>'],
  ['openai-compatible', 'think-tags-no-open', '<think>'],
];

describe('stepwise doctor against the fake, in each dialect', () => {
  it.each(DIALECTS)('%s streaming %s: reports where the reasoning arrived, the timings, and ok', async (provider, dialect, field) => {
    const model = PROVIDER_PROFILES[provider].model ?? 'some-model';
    const fakeServer = await fake({ models: [model, 'another-model'] }, dialect);
    const env = { STEPWISE_MODEL_API_KEY: KEY, STEPWISE_MODEL_PROVIDER: provider, STEPWISE_MODEL_BASE_URL: fakeServer.url, STEPWISE_PRICE_INPUT_PER_MTOK: '1', STEPWISE_PRICE_OUTPUT_PER_MTOK: '2' };
    const { code, out, report } = await doctor(env);
    expect(report?.problems).toEqual([]);
    expect(code).toBe(0);
    expect(Object.keys(report ?? {}).slice(0, 8)).toEqual(['provider', 'model', 'reasoningField', 'firstReasoningMs', 'firstAnswerMs', 'totalMs', 'ok', 'problems']);
    expect(report).toMatchObject({ provider, model, reasoningField: field, ok: true, modelListed: true, models: [model, 'another-model'] });
    expect(report?.firstReasoningMs).toBeTypeOf('number');
    expect(report?.firstAnswerMs ?? 0).toBeGreaterThanOrEqual(report?.firstReasoningMs ?? Infinity);
    expect(report?.totalMs ?? 0).toBeGreaterThanOrEqual(report?.firstAnswerMs ?? Infinity);
    expect(report?.ladder?.finalAnswer).toBe('5');
    expect(report?.pricePeriod).toBe('override');
    expect(report?.costUsd).toBeGreaterThan(0);
    expect(out).not.toContain(KEY);
    // The model list and one solve: nothing else.
    expect(fakeServer.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /models', 'POST /chat/completions']);
  });

  it('prints a readable report whose last line is ok, with DeepSeek off-peak or peak prices named', async () => {
    const fakeServer = await fake({ models: ['deepseek-flash'] });
    const { code, out } = await doctor({ STEPWISE_MODEL_API_KEY: KEY, STEPWISE_MODEL_PROVIDER: 'deepseek', STEPWISE_MODEL_BASE_URL: fakeServer.url }, []);
    expect(code).toBe(0);
    expect(out).toContain('provider   deepseek (STEPWISE_MODEL_PROVIDER=deepseek)');
    expect(out).toContain('key        set (not shown)');
    expect(out).toContain('reasoning arrived in   reasoning_content');
    expect(out).toMatch(/tokens {17}180 prompt \(128 cache hit, 52 miss\), \d+ reasoning, \d+ answer/);
    expect(out).toMatch(/cost {19}\$\d+\.\d{6} at the provider's (off-peak|peak) prices/);
    expect(out).toMatch(/ladder {5}\d+ rungs \(.*answer\); final answer 5/);
    expect(out.trimEnd().split('\n').at(-1)).toBe('ok');
    expect(out).not.toContain(KEY);
  });
});

describe('stepwise doctor notes', () => {
  it('says when the reasoning arrived where the profile does not expect it, and which profiles send it there', async () => {
    const fakeServer = await fake({ models: ['deepseek-flash'] }, 'reasoning');
    const { code, report } = await doctor({ STEPWISE_MODEL_API_KEY: KEY, STEPWISE_MODEL_PROVIDER: 'deepseek', STEPWISE_MODEL_BASE_URL: fakeServer.url });
    expect(code).toBe(0);
    expect(report?.reasoningField).toBe('reasoning');
    expect(report?.notes).toEqual(["The reasoning arrived in reasoning, which the deepseek profile does not expect; Stepwise read it anyway. If this server is not DeepSeek, set STEPWISE_MODEL_PROVIDER (openrouter, vllm, ollama send reasoning)."]);
  });
});

describe('stepwise doctor finds what needs fixing', () => {
  it('a server that is down: says so and what to check, exit 1', async () => {
    const closed = await startFakeR1([{ reasoning: '', answer: '' }]);
    await closed.close();
    const { code, report } = await doctor({ STEPWISE_MODEL_API_KEY: KEY, STEPWISE_MODEL_PROVIDER: 'vllm', STEPWISE_MODEL_BASE_URL: closed.url });
    expect(code).toBe(1);
    expect(report?.ok).toBe(false);
    expect(report?.problems).toEqual([`Could not reach the model server at ${new URL(closed.url).host}: start it, or check STEPWISE_MODEL_BASE_URL (now ${closed.url}).`]);
    expect(report?.totalMs).toBeNull();
  });

  it('names the reply model and how it skips thinking, and a reply model the server does not serve', async () => {
    const fakeServer = await fake({ models: ['deepseek-flash'] });
    const base = { STEPWISE_MODEL_API_KEY: KEY, STEPWISE_MODEL_PROVIDER: 'deepseek', STEPWISE_MODEL_BASE_URL: fakeServer.url };
    expect((await doctor(base)).report).toMatchObject({ ok: true, replyModel: 'deepseek-flash', replyThinking: 'off' });
    const { code, report } = await doctor({ ...base, STEPWISE_REPLY_MODEL: 'deepseek-tiny' });
    expect(code).toBe(1);
    expect(report?.problems).toEqual([`The reply model 'deepseek-tiny' is not in the list ${new URL(fakeServer.url).host} serves: set STEPWISE_REPLY_MODEL to one of them, or unset it to answer questions with deepseek-flash.`]);
    const vllm = await doctor({ STEPWISE_MODEL_API_KEY: KEY, STEPWISE_MODEL_PROVIDER: 'vllm', STEPWISE_MODEL_BASE_URL: (await fake({}, 'reasoning')).url }, []);
    expect(vllm.out).toContain('replies    deepseek-ai/DeepSeek-R1-Distill-Qwen-7B, reasoning dropped (this host always thinks)');
  });

  it('a wrong key: names the variable, never prints the key', async () => {
    const fakeServer = await fake({ apiKey: 'sk-the-right-key-000000000' });
    const { code, out, err, report } = await doctor({ STEPWISE_MODEL_API_KEY: KEY, STEPWISE_MODEL_PROVIDER: 'deepseek', STEPWISE_MODEL_BASE_URL: fakeServer.url });
    expect(code).toBe(1);
    expect(report?.problems).toEqual([`The model server at ${new URL(fakeServer.url).host} refused the API key (401): set STEPWISE_MODEL_API_KEY to a key DeepSeek accepts.`]);
    expect(out + err).not.toContain(KEY);
    expect(fakeServer.requests).toHaveLength(1);
  });

  it('a missing (retired) model: the sentence with what to set', async () => {
    const fakeServer = await fake({ models: ['deepseek-flash', 'deepseek-v4-pro'] });
    const { code, report } = await doctor({ STEPWISE_MODEL_API_KEY: KEY, STEPWISE_MODEL_BASE_URL: fakeServer.url, STEPWISE_MODEL_PROVIDER: 'deepseek', STEPWISE_MODEL: 'deepseek-reasoner' });
    expect(code).toBe(1);
    expect(report?.modelListed).toBe(false);
    expect(report?.problems).toEqual([`The model 'deepseek-reasoner' is not served by ${new URL(fakeServer.url).host}: DeepSeek retired it on 2026-07-24. Set STEPWISE_MODEL=deepseek-flash (or deepseek-v4-pro).`]);
  });

  it('a missing model on a self-hosted server: lists what it serves', async () => {
    const fakeServer = await fake({ models: ['deepseek-r1:14b'], unknownModel: 'openai' }, 'reasoning');
    const { code, report } = await doctor({ STEPWISE_MODEL_API_KEY: KEY, STEPWISE_MODEL_BASE_URL: fakeServer.url, STEPWISE_MODEL_PROVIDER: 'ollama' });
    expect(code).toBe(1);
    expect(report?.problems[0]).toBe(`The model 'deepseek-r1:7b' is not in the list ${new URL(fakeServer.url).host} serves (deepseek-r1:14b). Set STEPWISE_MODEL to one of them.`);
  });

  it('an HTML page instead of the API: points at STEPWISE_MODEL_BASE_URL', async () => {
    const fakeServer = await fake({ htmlStatus: 200 });
    const { code, report } = await doctor({ STEPWISE_MODEL_API_KEY: KEY, STEPWISE_MODEL_BASE_URL: fakeServer.url, STEPWISE_MODEL_PROVIDER: 'openrouter' });
    expect(code).toBe(1);
    expect(report?.problems).toEqual([`The model server at ${new URL(fakeServer.url).host} answered with a web page (HTTP 200), not the OpenAI-compatible API. Check STEPWISE_MODEL_BASE_URL (for OpenRouter it is https://openrouter.ai/api/v1).`]);
  });

  it('a host with no known prices: says which variables to set', async () => {
    const fakeServer = await fake({ models: ['deepseek-r1'] }, 'reasoning');
    const { code, report } = await doctor({ STEPWISE_MODEL_API_KEY: KEY, STEPWISE_MODEL_BASE_URL: fakeServer.url });
    expect(code).toBe(1);
    expect(report?.provider).toBe('openai-compatible');
    expect(report?.problems).toEqual([expect.stringMatching(/^No prices are known for 'deepseek-r1' on the model server: set STEPWISE_PRICE_INPUT_PER_MTOK and STEPWISE_PRICE_OUTPUT_PER_MTOK/)]);
    expect(report?.reasoningField).toBe('reasoning');
  });

  it('a bad variable: reports it without contacting anything', async () => {
    const { code, report } = await doctor({ STEPWISE_MODEL_PROVIDER: 'deepseak', STEPWISE_REASONING_EFFORT: 'medium' });
    expect(code).toBe(1);
    expect(report?.problems[0]).toMatch(/STEPWISE_MODEL_PROVIDER: must be one of deepseek, openrouter, vllm, sglang, ollama, llamacpp, openai-compatible/);
    expect(report?.problems[0]).toMatch(/STEPWISE_REASONING_EFFORT: must be one of low, high, max/);
  });
});

describe('a retired model in the terminal', () => {
  it('prints the sentence with what to set, keeps the problem for resume, and keeps the log out of the way', async () => {
    const fakeServer = await fake({ models: ['deepseek-flash', 'deepseek-v4-pro'] });
    const run = await runCli(['solve', 'Solve 2x + 3 = 7'], {
      env: { STEPWISE_MODEL_API_KEY: KEY, STEPWISE_MODEL_PROVIDER: 'deepseek', STEPWISE_MODEL_BASE_URL: fakeServer.url, STEPWISE_MODEL: 'deepseek-reasoner', STEPWISE_DATA_DIR: dataDir },
    });
    expect(run.code).toBe(1);
    const sentence = `The model 'deepseek-reasoner' is not served by ${new URL(fakeServer.url).host}: DeepSeek retired it on 2026-07-24. Set STEPWISE_MODEL=deepseek-flash (or deepseek-v4-pro).`;
    expect(run.stderr.split('\n')).toContain(sentence);
    expect(run.stderr).toContain('The tutor is misconfigured; please tell your instructor.');
    expect(run.stderr).toContain('The problem is saved: retry with "stepwise resume');
    expect(run.stderr).not.toContain('{"time"');
    expect(fakeServer.requests).toHaveLength(1);
  });
});

describe('stepwise doctor, spawned', () => {
  it('runs against the bundled server in demo mode and says so', async () => {
    const run = await runCli(['doctor'], { env: { STEPWISE_DATA_DIR: dataDir } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('demo mode: checking the bundled replay server');
    expect(run.stdout).toContain('reasoning arrived in   reasoning_content');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('ok');
  });

  it('is in the command list', async () => {
    const run = await runCli(['--help'], { env: { STEPWISE_DATA_DIR: dataDir } });
    expect(run.stdout).toMatch(/doctor +Check the model configuration before class/);
  });
});
