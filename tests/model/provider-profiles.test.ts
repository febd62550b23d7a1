import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, ModelError, OpenAiReasoningModel, PROVIDER_PROFILES, type ModelEvent, type ProviderName, type ReasoningField } from '../../src/index.ts';
import type { ReasoningDialect } from '../../adapters/cli/demo/r1-sse.ts';
import { startFakeR1, type FakeR1Reply, type FakeR1Server, type FakeServerOptions } from '../fakes/fake-r1-server.ts';

const API_KEY = 'sk-test-profiles-0123456789SECRET';
const SALT = 'salt-for-tests-only';
const STUDENT = 'discord:123456789012345678';
const REASONING = 'Okay, 2 + 3. Two plus three is five. Let me check: 3 + 2 = 5. Yes.';
const ANSWER = 'Step 1\nHint: Count on from 2.\nWork: $2 + 3 = 5$.\n\nFinal answer: $\\boxed{5}$';

let server: FakeR1Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  vi.restoreAllMocks();
});

async function solveWith(provider: ProviderName, reply: FakeR1Reply, serverOptions: FakeServerOptions = {}, model = PROVIDER_PROFILES[provider].model ?? 'some-distill', logs = new PassThrough()) {
  server = await startFakeR1([reply], serverOptions);
  const client = new OpenAiReasoningModel({
    apiKey: API_KEY, baseUrl: server.url, model, provider: PROVIDER_PROFILES[provider], reasoningEffort: 'high', endUserSalt: SALT,
    firstTokenTimeoutMs: 5_000, overallTimeoutMs: 10_000, maxRetries: 2, retryBaseDelayMs: 1, logger: createLogger(logs, 'info', [API_KEY]),
  });
  const events: ModelEvent[] = [];
  let error: unknown;
  try {
    for await (const event of client.solve({ prompt: 'What is 2 + 3? Put the final answer in \\boxed{}.', endUser: STUDENT })) events.push(event);
  } catch (caught) {
    error = caught;
  }
  const text = (type: 'reasoning' | 'answer') => events.map((event) => (event.type === type ? event.text : '')).join('');
  const fields = new Set(events.flatMap((event) => (event.type === 'reasoning' && event.field ? [event.field] : [])));
  return { events, error, reasoning: text('reasoning').trim(), answer: text('answer').trim(), fields, requests: server.requests, logs: String(logs.read() ?? '') };
}

/** Each profile, the dialect its server streams, and where the reasoning should be read from. */
const CASES: readonly [ProviderName, ReasoningDialect, ReasoningField][] = [
  ['deepseek', 'reasoning_content', 'reasoning_content'],
  ['openrouter', 'openrouter', 'reasoning'],
  ['vllm', 'reasoning', 'reasoning'],
  ['sglang', 'reasoning_content', 'reasoning_content'],
  ['ollama', 'reasoning', 'reasoning'],
  ['llamacpp', 'reasoning_content', 'reasoning_content'],
  ['openai-compatible', 'think-tags-no-open', 'think'],
];

describe('provider profiles, through the real openai client', () => {
  it.each(CASES)('%s: sends its fields, none it refuses, and reads its reasoning (%s)', async (provider, dialect, field) => {
    const profile = PROVIDER_PROFILES[provider];
    const result = await solveWith(provider, { reasoning: REASONING, answer: ANSWER, dialect, chunkChars: 4 });
    expect(result.error).toBeUndefined();
    expect(result.reasoning).toBe(REASONING);
    expect(result.answer).toBe(ANSWER);
    expect([...result.fields]).toEqual([field]);
    const body = result.requests[0]?.body ?? {};
    expect(body.model).toBe(profile.model ?? 'some-distill');
    expect(body.messages).toEqual([{ role: 'user', content: 'What is 2 + 3? Put the final answer in \\boxed{}.' }]);
    expect(body).toMatchObject({ stream: true, stream_options: { include_usage: true }, ...profile.extraFields('high'), ...profile.sampling });
    for (const refused of profile.refusedFields) expect(body).not.toHaveProperty(refused);
    if (profile.endUserField) {
      expect(body[profile.endUserField]).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(JSON.stringify(body)).not.toContain('123456789012345678');
  });

  it('asks DeepSeek for thinking mode and the effort, with no temperature and the student as user_id', async () => {
    const { requests } = await solveWith('deepseek', { reasoning: REASONING, answer: ANSWER });
    const body = requests[0]?.body ?? {};
    expect(body.thinking).toEqual({ type: 'enabled' });
    expect(body.reasoning_effort).toBe('high');
    expect(body).not.toHaveProperty('temperature');
    expect(body).not.toHaveProperty('top_p');
    expect(body).not.toHaveProperty('user');
    expect(typeof body.user_id).toBe('string');
  });

  it('gives the same student the same hash and different students different ones', async () => {
    const first = await solveWith('openrouter', { reasoning: REASONING, answer: ANSWER, dialect: 'openrouter' });
    const again = await solveWith('openrouter', { reasoning: REASONING, answer: ANSWER, dialect: 'openrouter' });
    expect(again.requests[0]?.body.user).toBe(first.requests[0]?.body.user);
    expect(PROVIDER_PROFILES.openrouter.extraFields('max')).toEqual({ reasoning: { effort: 'high' } });
  });

  it.each([
    ['vllm', 'reasoning_content', 'reasoning_content', 'a vLLM from before the rename'],
    ['vllm', 'think-tags-no-open', 'think', 'vLLM without a reasoning parser'],
    ['llamacpp', 'think-tags', 'think', 'llama-server --reasoning-format none'],
    ['openrouter', 'reasoning_details', 'reasoning_details', 'an OpenRouter upstream with reasoning_details only'],
    ['openai-compatible', 'think-tags', 'think', 'a raw host with both tags'],
  ] as const)('%s reads %s (%s)', async (provider, dialect, field, _server) => {
    const result = await solveWith(provider, { reasoning: REASONING, answer: ANSWER, dialect, chunkChars: 3 });
    expect(result.reasoning).toBe(REASONING);
    expect(result.answer).toBe(ANSWER);
    expect([...result.fields]).toEqual([field]);
  });

  it('reads OpenRouter reasoning once, not once from `reasoning` and again from `reasoning_details`', async () => {
    const result = await solveWith('openrouter', { reasoning: REASONING, answer: ANSWER, dialect: 'openrouter', chunkChars: 5 });
    expect(result.reasoning).toBe(REASONING);
  });

  it('reads OpenAI-style usage (cached_tokens, no DeepSeek cache fields) from a self-hosted server', async () => {
    const result = await solveWith('vllm', { reasoning: REASONING, answer: ANSWER, dialect: 'reasoning', usageStyle: 'openai', usageInSeparateChunk: true });
    const usage = result.events.find((event) => event.type === 'usage');
    expect(usage).toMatchObject({ usage: { promptTokens: 180, cacheHitTokens: 128, cacheMissTokens: 52, reasoningTokens: Math.ceil(REASONING.length / 4) } });
  });

  it('records the served model version and prices the usage', async () => {
    server = await startFakeR1([{ reasoning: REASONING, answer: ANSWER, model: 'deepseek-v4.1-flash-20261101' }]);
    const client = new OpenAiReasoningModel({
      apiKey: API_KEY, baseUrl: server.url, model: 'deepseek-flash', provider: PROVIDER_PROFILES.deepseek,
      prices: () => ({ inputPerMillion: 0.15, cacheHitPerMillion: 0.003, outputPerMillion: 0.6, period: 'off-peak' }),
      firstTokenTimeoutMs: 5_000, overallTimeoutMs: 10_000, maxRetries: 0, retryBaseDelayMs: 1, logger: createLogger(new PassThrough(), 'info', []),
    });
    const events: ModelEvent[] = [];
    for await (const event of client.solve({ prompt: 'x' })) events.push(event);
    const usage = events.find((event) => event.type === 'usage');
    const reasoningTokens = Math.ceil(REASONING.length / 4);
    const answerTokens = Math.ceil(ANSWER.length / 4);
    expect(usage).toMatchObject({ usage: { servedModel: 'deepseek-v4.1-flash-20261101', pricePeriod: 'off-peak', cacheHitTokens: 128, cacheMissTokens: 52, reasoningTokens } });
    const expected = (128 * 0.003 + 52 * 0.15 + (reasoningTokens + answerTokens) * 0.6) / 1_000_000;
    expect(usage?.type === 'usage' ? usage.usage.costUsd : undefined).toBeCloseTo(expected, 12);
  });
});

describe('a model the host does not serve', () => {
  it("answers DeepSeek's 400 'Model Not Exist' for a retired model with the sentence, once, without retrying", async () => {
    const logs = new PassThrough();
    const result = await solveWith('deepseek', { reasoning: REASONING, answer: ANSWER }, { models: ['deepseek-flash', 'deepseek-v4-pro'] }, 'deepseek-reasoner', logs);
    const host = new URL(server?.url ?? '').host;
    const sentence = `The model 'deepseek-reasoner' is not served by ${host}: DeepSeek retired it on 2026-07-24. Set STEPWISE_MODEL=deepseek-flash (or deepseek-v4-pro).`;
    expect(result.requests).toHaveLength(1);
    expect(result.error).toBeInstanceOf(ModelError);
    expect((result.error as ModelError).message).toBe(sentence);
    expect((result.error as ModelError).isRetryable).toBe(false);
    expect((result.error as ModelError).userMessage).toMatch(/^The tutor is misconfigured; please tell your instructor\./);
    expect((result.error as ModelError).userMessage).not.toMatch(/could not take this problem/);
    expect(result.logs).toContain(JSON.stringify(sentence).slice(1, -1));
  });

  it("names an unknown model and points at doctor on an OpenAI-style 404", async () => {
    const result = await solveWith('vllm', { reasoning: REASONING, answer: ANSWER }, { models: ['deepseek-ai/DeepSeek-R1-Distill-Qwen-7B'], unknownModel: 'openai' }, 'r1-distill-typo');
    expect(result.requests).toHaveLength(1);
    expect((result.error as ModelError).message).toMatch(/^The model 'r1-distill-typo' is not served by 127\.0\.0\.1:\d+\. Set STEPWISE_MODEL to a model it lists/);
    expect((result.error as ModelError).message).toContain('stepwise doctor');
  });

  it.each([200, 404])('explains a web page (HTTP %i) where the API should be, without retrying', async (htmlStatus) => {
    const result = await solveWith('deepseek', { reasoning: REASONING, answer: ANSWER }, { htmlStatus });
    expect(result.requests).toHaveLength(1);
    expect((result.error as ModelError).message).toMatch(/answered with a web page \(HTTP \d+\), not the OpenAI-compatible API\. Check STEPWISE_MODEL_BASE_URL \(for DeepSeek it is https:\/\/api\.deepseek\.com\)/);
    expect((result.error as ModelError).userMessage).toMatch(/misconfigured/);
  });

  it('explains a wrong key without retrying and without echoing it', async () => {
    const result = await solveWith('deepseek', { reasoning: REASONING, answer: ANSWER }, { apiKey: 'sk-the-right-one-000000' });
    expect(result.requests).toHaveLength(1);
    expect((result.error as ModelError).message).toMatch(/refused the API key \(401\): set STEPWISE_MODEL_API_KEY to a key DeepSeek accepts/);
    expect(result.logs).not.toContain(API_KEY);
  });
});

describe("the openai client's own output", () => {
  it('goes through the scrubbing logger: a malformed chunk that echoes the key never reaches stderr unscrubbed', async () => {
    const written: string[] = [];
    const capture = (chunk: unknown) => {
      written.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stderr, 'write').mockImplementation(capture as typeof process.stderr.write);
    const consoleLines: string[] = [];
    for (const method of ['error', 'warn', 'log', 'info', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...parts: unknown[]) => void consoleLines.push(parts.map(String).join(' ')));
    }
    const logs = new PassThrough();
    const result = await solveWith('deepseek', {
      reasoning: REASONING, answer: ANSWER, injectRaw: { afterChunks: 3, line: `data: {"echo": "Bearer ${API_KEY}" oops` },
    }, { }, 'deepseek-flash', logs);
    expect(result.error).toBeInstanceOf(ModelError);
    expect(result.logs).toContain('openai client: Could not parse message into JSON');
    expect(result.logs).toContain('[redacted]');
    expect(result.logs).not.toContain(API_KEY);
    expect(written.join('')).not.toContain(API_KEY);
    expect(consoleLines.join('\n')).not.toContain(API_KEY);
  });
});
