import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MODEL, DOCTOR_PROMPT, loadRecordings, startDemoServer, type DemoServer } from '../../adapters/cli/demo/demo-server.ts';

let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemoServer();
});
afterAll(() => demo.close());

const post = (content: string) => fetch(`${demo.url}/chat/completions`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ model: DEMO_MODEL, stream: true, messages: [{ role: 'user', content }] }),
});

/** The JSON chunks of an SSE body. */
function chunksOf(text: string): Record<string, unknown>[] {
  return text.split('\n\n').filter((event) => event.startsWith('data: {')).map((event) => JSON.parse(event.slice('data: '.length)) as Record<string, unknown>);
}

describe('the demo server speaks DeepSeek thinking mode', () => {
  it('streams reasoning_content, then content, then usage with cache hit/miss and reasoning tokens', async () => {
    const recording = loadRecordings()[0];
    const response = await post(`Solve this: ${recording?.problem ?? ''}`);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const text = await response.text();
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    const chunks = chunksOf(text);
    const deltas = chunks.map((chunk) => (chunk.choices as { delta: Record<string, unknown> }[])[0]?.delta ?? {});
    expect(deltas[0]).toEqual({ role: 'assistant', content: null, reasoning_content: '' });
    const firstAnswer = deltas.findIndex((delta) => typeof delta.content === 'string' && delta.content !== '');
    const lastReasoning = deltas.findLastIndex((delta) => typeof delta.reasoning_content === 'string' && delta.reasoning_content !== '');
    expect(lastReasoning).toBeGreaterThan(0);
    expect(firstAnswer).toBeGreaterThan(lastReasoning);
    const usage = chunks.at(-1)?.usage as Record<string, unknown>;
    expect(usage).toMatchObject({ prompt_cache_hit_tokens: expect.any(Number), prompt_cache_miss_tokens: expect.any(Number), completion_tokens_details: { reasoning_tokens: expect.any(Number) } });
    expect(Number(usage.prompt_cache_hit_tokens) + Number(usage.prompt_cache_miss_tokens)).toBe(usage.prompt_tokens);
  });

  it('lists its one model at GET /models and answers the doctor check', async () => {
    const models = await (await fetch(`${demo.url}/models`)).json() as { data: { id: string }[] };
    expect(models.data.map((model) => model.id)).toEqual([DEMO_MODEL]);
    expect(chunksOf(await (await post(DOCTOR_PROMPT)).text()).length).toBeGreaterThan(3);
  });

  it('refuses a problem it has no recording of with a sentence that lists the recorded ones', async () => {
    const response = await post('What is 6 times 7?');
    expect(response.status).toBe(400);
    const body = await response.json() as { error: { message: string; code: string } };
    expect(body.error.code).toBe('demo_no_recording');
    expect(body.error.message).toMatch(/^Demo mode has no recording of this problem/);
    expect(body.error.message).toContain('9.11 and 9.8, which is greater?');
  });
});
