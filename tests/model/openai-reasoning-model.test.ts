import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, ModelError, OpenAiReasoningModel, PROVIDER_PROFILES, type ModelEvent, type OpenAiModelOptions } from '../../src/index.ts';
import { startFakeR1, type FakeR1Reply, type FakeR1Server } from '../fakes/fake-r1-server.ts';

const API_KEY = 'sk-test-0123456789abcdefSECRET';
const REASONING = 'Okay, so I need to add 2 and 2.\n\nThat is 4. Wait, let me check: 2 + 2 = 4. Yes.';
const ANSWER = 'Step 1\nHint: What is two more than two?\nWork: $2 + 2 = 4$.\n\nFinal answer: $\\boxed{4}$';

let server: FakeR1Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function modelFor(url: string, overrides: Partial<OpenAiModelOptions> = {}, logs = new PassThrough()) {
  return new OpenAiReasoningModel({
    apiKey: API_KEY, baseUrl: url, model: 'deepseek-reasoner', firstTokenTimeoutMs: 5_000, overallTimeoutMs: 10_000,
    maxRetries: 2, retryBaseDelayMs: 1, logger: createLogger(logs, 'info', [API_KEY]), ...overrides,
  });
}

async function run(replies: FakeR1Reply[], overrides: Partial<OpenAiModelOptions> = {}, logs = new PassThrough()) {
  server = await startFakeR1(replies);
  const events: ModelEvent[] = [];
  let error: unknown;
  try {
    for await (const event of modelFor(server.url, overrides, logs).solve({ prompt: 'What is 2 + 2? Put it in \\boxed{}.' })) events.push(event);
  } catch (caught) {
    error = caught;
  }
  const afterLastRestart = events.slice(events.findLastIndex((event) => event.type === 'restart') + 1);
  const text = (type: 'reasoning' | 'answer') => afterLastRestart.filter((event) => event.type === type).map((event) => ('text' in event ? event.text : '')).join('');
  return { events, error, reasoning: text('reasoning'), answer: text('answer'), requests: server.requests };
}

describe('OpenAiReasoningModel over the real openai client', () => {
  it.each(['reasoning_content', 'reasoning', 'think-tags', 'think-tags-no-open'] as const)('separates reasoning from answer in the %s dialect', async (dialect) => {
    const result = await run([{ reasoning: REASONING, answer: ANSWER, dialect, chunkChars: 3 }]);
    expect(result.error).toBeUndefined();
    expect(result.reasoning.trim()).toBe(REASONING);
    expect(result.answer.trim()).toBe(ANSWER);
    expect(result.events.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
  });

  it('sends one user turn, no system prompt, streaming with usage', async () => {
    const { requests } = await run([{ reasoning: REASONING, answer: ANSWER }]);
    const body = requests[0]?.body;
    expect(body?.messages).toEqual([{ role: 'user', content: 'What is 2 + 2? Put it in \\boxed{}.' }]);
    expect(body?.stream).toBe(true);
    expect(body?.stream_options).toEqual({ include_usage: true });
    expect(JSON.stringify(body)).not.toContain('reasoning_content');
    expect(requests[0]?.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('reads usage with cache hits and reasoning tokens, wherever the chunk carries it', async () => {
    for (const usageInSeparateChunk of [false, true]) {
      const { events } = await run([{ reasoning: REASONING, answer: ANSWER, usageInSeparateChunk }]);
      const usage = events.find((event) => event.type === 'usage');
      expect(usage).toMatchObject({ usage: { promptTokens: 180, cacheHitTokens: 128, cacheMissTokens: 52, reasoningTokens: Math.ceil(REASONING.length / 4) } });
      await server?.close();
      server = undefined;
    }
  });

  it('does not let keep-alive comments reset the first-token deadline', async () => {
    const { error, requests } = await run([{ reasoning: REASONING, answer: ANSWER, keepAlives: 20, keepAliveEveryMs: 25 }], { firstTokenTimeoutMs: 150 });
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).userMessage).toMatch(/did not start answering within 0.1 seconds/);
    expect(requests).toHaveLength(1);
  });

  it('waits through keep-alives that end before the first-token deadline', async () => {
    const result = await run([{ reasoning: REASONING, answer: ANSWER, keepAlives: 3, keepAliveEveryMs: 10 }], { firstTokenTimeoutMs: 2_000 });
    expect(result.error).toBeUndefined();
    expect(result.answer.trim()).toBe(ANSWER);
  });

  it('stops a stream that outlives the overall deadline', async () => {
    const { error } = await run([{ reasoning: REASONING.repeat(5), answer: ANSWER, chunkDelayMs: 20, chunkChars: 4 }], { overallTimeoutMs: 300 });
    expect((error as ModelError).userMessage).toMatch(/took longer than/);
  });

  it('retries 429, 500 and 503 with backoff and then succeeds', async () => {
    const result = await run([{ status: 429, message: 'Rate limit reached' }, { status: 503, message: 'Server overloaded' }, { reasoning: REASONING, answer: ANSWER }]);
    expect(result.error).toBeUndefined();
    expect(result.requests).toHaveLength(3);
    expect(result.answer.trim()).toBe(ANSWER);
  });

  it('gives up after the bounded number of retries with a plain sentence', async () => {
    const { error, requests } = await run([{ status: 500, message: 'Internal error' }], { maxRetries: 2 });
    expect(requests).toHaveLength(3);
    expect((error as ModelError).userMessage).toMatch(/having trouble/);
  });

  it.each([
    [400, /could not take this problem/],
    [401, /misconfigured; please tell your instructor/],
    [402, /out of credit/],
    [422, /could not take this problem/],
  ])('never retries %i and says so plainly', async (status, sentence) => {
    const { error, requests } = await run([{ status, message: 'nope' }]);
    expect(requests).toHaveLength(1);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).isRetryable).toBe(false);
    expect((error as ModelError).userMessage).toMatch(sentence);
  });

  it('retries a stream cut mid-way once, from the start', async () => {
    const result = await run([{ reasoning: REASONING, answer: ANSWER, cutAfterChunks: 5 }, { reasoning: REASONING, answer: ANSWER }]);
    expect(result.error).toBeUndefined();
    expect(result.requests).toHaveLength(2);
    expect(result.events.filter((event) => event.type === 'restart')).toHaveLength(1);
    expect(result.reasoning.trim()).toBe(REASONING);
  });

  it('treats a stream that ends without a finish chunk as cut', async () => {
    const result = await run([{ reasoning: REASONING, answer: ANSWER, endAfterChunks: 8 }, { reasoning: REASONING, answer: ANSWER }]);
    expect(result.error).toBeUndefined();
    expect(result.requests).toHaveLength(2);
  });

  it('fails after a second cut instead of retrying forever', async () => {
    const { error, requests } = await run([{ reasoning: REASONING, answer: ANSWER, cutAfterChunks: 5 }]);
    expect(requests).toHaveLength(2);
    expect((error as ModelError).userMessage).toMatch(/cut off|couldn't reach/);
  });

  it('explains an unreachable endpoint and keeps the key out of the log', async () => {
    const logs = new PassThrough();
    const closed = await startFakeR1([{ reasoning: '', answer: '' }]);
    await closed.close();
    const model = modelFor(closed.url, { maxRetries: 1 }, logs);
    const error = await (async () => {
      try {
        for await (const _event of model.solve({ prompt: 'x' })) { /* drain */ }
      } catch (caught) {
        return caught;
      }
    })();
    expect((error as ModelError).userMessage).toContain("couldn't reach the model server (127.0.0.1:");
    const logged = String(logs.read() ?? '');
    expect(logged).toContain('model solve failed');
    expect(logged).not.toContain(API_KEY);
  });

  it('never writes the API key to the log, even when the server echoes it', async () => {
    const logs = new PassThrough();
    await run([{ status: 401, message: `Invalid key ${API_KEY}` }], {}, logs);
    const logged = String(logs.read() ?? '');
    expect(logged).toContain('[redacted]');
    expect(logged).not.toContain(API_KEY);
  });
});

describe('OpenAiReasoningModel for replies (thinking off)', () => {
  const reply = async (provider: keyof typeof PROVIDER_PROFILES, completion: FakeR1Reply) => {
    server = await startFakeR1([completion]);
    const model = modelFor(server.url, { provider: PROVIDER_PROFILES[provider], model: 'm', thinking: false });
    const events: ModelEvent[] = [];
    for await (const event of model.solve({ system: 'You are a tutor.', prompt: 'why?', maxTokens: 300 })) events.push(event);
    const text = (type: string) => events.filter((event) => event.type === type).map((event) => ('text' in event ? event.text : '')).join('');
    return { answer: text('answer'), reasoning: text('reasoning'), body: server.requests[0]?.body ?? {} };
  };

  it('asks DeepSeek with thinking disabled and a system message, and streams the reply', async () => {
    const { answer, body } = await reply('deepseek', { reasoning: '', answer: 'What do you get?' });
    expect(answer).toBe('What do you get?');
    expect(body).toMatchObject({ thinking: { type: 'disabled' }, max_tokens: 300, messages: [{ role: 'system', content: 'You are a tutor.' }, { role: 'user', content: 'why?' }] });
    expect(body).not.toHaveProperty('reasoning_effort');
  });

  it('turns Ollama thinking off with reasoning_effort none', async () => {
    const { body } = await reply('ollama', { reasoning: '', answer: 'Hm?' });
    expect(body.reasoning_effort).toBe('none');
  });

  it.each(['reasoning_content', 'think-tags', 'think-tags-no-open'] as const)('drops the reasoning of a model that always thinks (%s), keeping only the reply', async (dialect) => {
    const { answer, reasoning, body } = await reply('vllm', { reasoning: 'The answer is 4, but I must not say so.', answer: 'What is two more than two?', dialect });
    expect(answer.trim()).toBe('What is two more than two?');
    expect(reasoning).toBe('');
    // R1 takes no system message: the instructions lead the user turn.
    expect(body.messages).toEqual([{ role: 'user', content: "You are a tutor.\n\nThe student's message:\nwhy?" }]);
  });

  it('takes content with no think tags from a model that always thinks as the reply itself', async () => {
    // No reasoning field and no tag at all: it could have been a chain of thought until the end, but it was the reply.
    const { answer } = await reply('openai-compatible', { reasoning: '', answer: 'Which side has the x?', dialect: 'reasoning' });
    expect(answer).toBe('Which side has the x?');
  });
});
