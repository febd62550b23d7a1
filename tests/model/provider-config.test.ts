import { describe, expect, it } from 'vitest';
import { loadConfig, UserFacingError } from '../../src/index.ts';

describe('choosing the provider profile from the environment', () => {
  it('defaults to DeepSeek with deepseek-flash, thinking at high effort', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ provider: 'deepseek', baseUrl: 'https://api.deepseek.com', model: 'deepseek-flash', reasoningEffort: 'high' });
  });

  it.each([
    ['https://api.deepseek.com/v1', 'deepseek', 'deepseek-flash'],
    ['https://openrouter.ai/api/v1', 'openrouter', 'deepseek/deepseek-r1-0528'],
    ['http://gpu-box.school.lan:11434/v1', 'ollama', 'deepseek-r1:7b'],
    ['http://127.0.0.1:8000/v1', 'openai-compatible', 'deepseek-r1'],
  ])('infers the profile from %s', (url, provider, model) => {
    const config = loadConfig({ STEPWISE_MODEL_BASE_URL: url });
    expect(config).toMatchObject({ provider, model, baseUrl: url });
    expect(config.providerReason).toMatch(/^inferred from the base URL's (host|port)/);
  });

  it('takes STEPWISE_MODEL_PROVIDER over the host, with that profile\'s base URL and model', () => {
    const config = loadConfig({ STEPWISE_MODEL_PROVIDER: 'vllm' });
    expect(config).toMatchObject({ provider: 'vllm', baseUrl: 'http://127.0.0.1:8000/v1', model: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-7B', providerReason: 'STEPWISE_MODEL_PROVIDER=vllm' });
  });

  it('needs a base URL for the generic profile, and says so with every other problem', () => {
    expect(() => loadConfig({ STEPWISE_MODEL_PROVIDER: 'openai-compatible' })).toThrow(/STEPWISE_MODEL_BASE_URL: required with STEPWISE_MODEL_PROVIDER=openai-compatible/);
    expect(() => loadConfig({ STEPWISE_REASONING_EFFORT: 'medium', STEPWISE_MODEL_PROVIDER: 'azure' })).toThrow(UserFacingError);
  });
});

describe('prices from the profile', () => {
  const monday = (utcHour: number) => new Date(Date.UTC(2026, 10, 30, utcHour, 30));

  it('answers questions with the solve model (thinking off) unless STEPWISE_REPLY_MODEL says otherwise, within limits', () => {
    const defaults = loadConfig({});
    expect(defaults).toMatchObject({ replyModel: 'deepseek-flash', conversation: { maxQuestions: 20, cooldownSeconds: 5, maxReplyChars: 600 } });
    const chosen = loadConfig({ STEPWISE_REPLY_MODEL: 'deepseek-v4-pro', STEPWISE_REPLY_LIMIT: '5', STEPWISE_REPLY_COOLDOWN_SECONDS: '0', STEPWISE_REPLY_MAX_CHARS: '400' });
    expect(chosen).toMatchObject({ model: 'deepseek-flash', replyModel: 'deepseek-v4-pro', conversation: { maxQuestions: 5, cooldownSeconds: 0, maxReplyChars: 400 } });
    expect(chosen.replyPrices(new Date('2026-11-28T12:00:00Z')).outputPerMillion).toBe(1.98);
    expect(() => loadConfig({ STEPWISE_REPLY_LIMIT: '0', STEPWISE_REPLY_MAX_CHARS: '20' })).toThrow(/2 problem\(s\):\n- STEPWISE_REPLY_LIMIT: .*\n- STEPWISE_REPLY_MAX_CHARS: must be at least 100/);
  });

  it("uses DeepSeek Flash's off-peak and peak prices by Beijing time", () => {
    const { prices } = loadConfig({});
    // 02:30 UTC is 10:30 Beijing, a weekday: peak. 12:30 UTC is 20:30 Beijing: off-peak.
    expect(prices(monday(2))).toEqual({ inputPerMillion: 0.3, cacheHitPerMillion: 0.006, outputPerMillion: 1.2, period: 'peak' });
    expect(prices(monday(12))).toEqual({ inputPerMillion: 0.15, cacheHitPerMillion: 0.003, outputPerMillion: 0.6, period: 'off-peak' });
    // Saturday 10:30 Beijing is off-peak.
    expect(prices(new Date(Date.UTC(2026, 10, 28, 2, 30))).period).toBe('off-peak');
  });

  it('uses Pro prices for deepseek-v4-pro, and STEPWISE_PRICE_* over either', () => {
    expect(loadConfig({ STEPWISE_MODEL: 'deepseek-v4-pro' }).prices(monday(12))).toMatchObject({ inputPerMillion: 0.66, outputPerMillion: 1.98 });
    expect(loadConfig({ STEPWISE_PRICE_INPUT_PER_MTOK: '0.5', STEPWISE_PRICE_OUTPUT_PER_MTOK: '2' }).prices(monday(2))).toEqual({ inputPerMillion: 0.5, cacheHitPerMillion: 0.5, outputPerMillion: 2, period: 'override' });
  });

  it('prices a self-hosted server at zero and an unknown host as unknown', () => {
    expect(loadConfig({ STEPWISE_MODEL_PROVIDER: 'ollama' }).prices(monday(2))).toMatchObject({ inputPerMillion: 0, outputPerMillion: 0, period: 'flat' });
    expect(loadConfig({ STEPWISE_MODEL_BASE_URL: 'http://127.0.0.1:9000/v1' }).prices(monday(2)).period).toBe('unknown');
    expect(loadConfig({ STEPWISE_MODEL_PROVIDER: 'openrouter' }).prices(monday(2))).toMatchObject({ inputPerMillion: 0.5, outputPerMillion: 2.15, period: 'flat' });
  });
});
