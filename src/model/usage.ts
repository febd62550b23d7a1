/** Reads token usage from a provider's usage object, whichever fields it fills. */
import type { Usage } from './reasoning-model.ts';

/** Usage as DeepSeek (and OpenAI-compatible servers) report it on the last chunk. */
export function readUsage(raw: unknown): Usage | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const usage = raw as Record<string, unknown>;
  const prompt = numberAt(usage, 'prompt_tokens');
  const completion = numberAt(usage, 'completion_tokens');
  const reasoning = numberAt(usage.completion_tokens_details, 'reasoning_tokens');
  const cached = numberAt(usage.prompt_tokens_details, 'cached_tokens');
  const hit = numberAt(usage, 'prompt_cache_hit_tokens', cached);
  const miss = numberAt(usage, 'prompt_cache_miss_tokens', Math.max(prompt - hit, 0));
  return {
    promptTokens: prompt,
    cacheHitTokens: hit,
    cacheMissTokens: miss,
    reasoningTokens: reasoning,
    answerTokens: Math.max(completion - reasoning, 0),
  };
}

/** Adds two usages (a retried solve pays for both attempts). */
export function addUsage(a: Usage | undefined, b: Usage): Usage {
  if (!a) return b;
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    cacheHitTokens: a.cacheHitTokens + b.cacheHitTokens,
    cacheMissTokens: a.cacheMissTokens + b.cacheMissTokens,
    reasoningTokens: a.reasoningTokens + b.reasoningTokens,
    answerTokens: a.answerTokens + b.answerTokens,
    servedModel: b.servedModel ?? a.servedModel,
    costUsd: a.costUsd !== undefined || b.costUsd !== undefined ? (a.costUsd ?? 0) + (b.costUsd ?? 0) : undefined,
    pricePeriod: a.pricePeriod === b.pricePeriod ? b.pricePeriod : b.pricePeriod ?? a.pricePeriod,
  };
}

function numberAt(source: unknown, key: string, fallback = 0): number {
  if (!source || typeof source !== 'object') return fallback;
  const value = (source as Record<string, unknown>)[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
