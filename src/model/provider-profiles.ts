/**
 * Provider profiles: what each host of DeepSeek's reasoning models needs, refuses and charges.
 * Data only; the client and `stepwise doctor` read it. Facts and sources:
 * shared/research/models-2026.md (checked November 2026) and r1-protocol.md.
 */

/** Every profile Stepwise knows. */
export const PROVIDER_NAMES = ['deepseek', 'openrouter', 'vllm', 'sglang', 'ollama', 'llamacpp', 'openai-compatible'] as const;
/** A profile's name, as `STEPWISE_MODEL_PROVIDER` takes it. */
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** How hard the model should think, as `STEPWISE_REASONING_EFFORT` takes it. */
export const REASONING_EFFORTS = ['low', 'high', 'max'] as const;
/** One of REASONING_EFFORTS. */
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

/** Where a server puts the chain of thought. `think` is `<think>...</think>` inside `content`. */
export type ReasoningField = 'reasoning_content' | 'reasoning' | 'reasoning_details' | 'thinking' | 'think';

/** US dollars per million tokens. */
export interface TokenRates {
  /** Prompt tokens served from the provider's context cache. */
  readonly cacheHitPerMillion: number;
  /** Prompt tokens not in the cache. */
  readonly cacheMissPerMillion: number;
  /** Output tokens (reasoning and answer are billed alike). */
  readonly outputPerMillion: number;
}

/** A model's prices: one set, or off-peak and peak where the provider has both. */
export interface ModelPrices {
  /** Off-peak (or the only) rates. */
  readonly offPeak: TokenRates;
  /** Peak rates, where they differ. */
  readonly peak?: TokenRates;
  /** Peak windows as [startHour, endHour) in UTC on weekdays (Monday to Friday in that zone). */
  readonly peakHoursUtc?: readonly (readonly [number, number])[];
  /** Hours added to UTC to get the provider's weekday (Beijing is +8). */
  readonly peakZoneOffsetHours?: number;
}

/** A model the host no longer serves, and what to set instead. */
export interface RetiredModel {
  /** The day it stopped being served. */
  readonly retiredOn: string;
  /** What to set instead, in the order to suggest them. */
  readonly replacements: readonly string[];
}

/** One provider's profile. */
export interface ProviderProfile {
  /** The profile's name. */
  readonly name: ProviderName;
  /** Who runs it, for sentences ("DeepSeek", "OpenRouter", "your vLLM server"). */
  readonly label: string;
  /** Base URL when STEPWISE_MODEL_BASE_URL is unset; undefined means it must be set. */
  readonly baseUrl?: string;
  /** Model when STEPWISE_MODEL is unset; undefined means it must be set. */
  readonly model?: string;
  /** Request fields this host needs, given the effort asked for. */
  readonly extraFields: (effort: ReasoningEffort) => Readonly<Record<string, unknown>>;
  /**
   * Request fields that turn thinking off (for the tutor's quick replies); undefined where the
   * model always thinks (R1 and its distills): replies then use the same request and drop the reasoning.
   */
  readonly thinkingOffFields?: Readonly<Record<string, unknown>>;
  /** Sampling settings worth sending (R1's model card: temperature 0.6, top_p 0.95). */
  readonly sampling: Readonly<Record<string, number>>;
  /** Fields this host refuses or ignores: never sent. */
  readonly refusedFields: readonly string[];
  /** Where its reasoning arrives, most likely first. */
  readonly reasoningFields: readonly ReasoningField[];
  /** Whether a system message is taken as one (R1 and its distills should get none). */
  readonly allowsSystemMessage: boolean;
  /** The request field that names the end user, for per-student isolation. */
  readonly endUserField?: 'user_id' | 'user';
  /** Whether `reasoning_effort` (or its equivalent) means anything here. */
  readonly hasReasoningEffort: boolean;
  /** Prices per model; a model not listed has no known price (set STEPWISE_PRICE_*). */
  readonly prices: Readonly<Record<string, ModelPrices>>;
  /** Prices for any model on this host (self-hosted: no per-token bill). */
  readonly anyModelPrices?: ModelPrices;
  /** Models this host has retired. */
  readonly retiredModels: Readonly<Record<string, RetiredModel>>;
}

const FREE: ModelPrices = { offPeak: { cacheHitPerMillion: 0, cacheMissPerMillion: 0, outputPerMillion: 0 } };
/** DeepSeek's peak: weekdays 09:00-12:00 and 14:00-18:00 Beijing time (UTC+8), i.e. 01-04 and 06-10 UTC. */
const DEEPSEEK_PEAK_HOURS_UTC = [[1, 4], [6, 10]] as const;
/** R1's model card: temperature 0.6, top_p 0.95 (DeepSeek's own API ignores them in thinking mode). */
const R1_SAMPLING = { temperature: 0.6, top_p: 0.95 };
/** Fields no R1 host takes: DeepSeek rejects logprobs on reasoning models; nobody wants them here. */
const NEVER_SENT = ['logprobs', 'top_logprobs'];

/** The profiles, by name. */
export const PROVIDER_PROFILES: Readonly<Record<ProviderName, ProviderProfile>> = {
  deepseek: {
    name: 'deepseek',
    label: 'DeepSeek',
    baseUrl: 'https://api.deepseek.com',
    model: 'deepseek-flash',
    // api-docs.deepseek.com/guides/thinking_mode (checked 2026-11): thinking toggle and effort.
    extraFields: (effort) => ({ thinking: { type: 'enabled' }, reasoning_effort: effort }),
    // Same page: `{"thinking": {"type": "disabled"}}` answers at once, without a chain of thought.
    thinkingOffFields: { thinking: { type: 'disabled' } },
    sampling: {},
    // Thinking mode ignores the sampling fields (no error); sending them only misleads.
    refusedFields: ['temperature', 'top_p', 'presence_penalty', 'frequency_penalty', ...NEVER_SENT],
    reasoningFields: ['reasoning_content'],
    allowsSystemMessage: true,
    // api-docs.deepseek.com/quick_start/rate_limit (checked 2026-11): `user_id` isolates end users.
    endUserField: 'user_id',
    hasReasoningEffort: true,
    prices: {
      // api-docs.deepseek.com/quick_start/pricing, checked 2026-11; peak is twice off-peak.
      'deepseek-flash': {
        offPeak: { cacheHitPerMillion: 0.003, cacheMissPerMillion: 0.15, outputPerMillion: 0.6 },
        peak: { cacheHitPerMillion: 0.006, cacheMissPerMillion: 0.3, outputPerMillion: 1.2 },
        peakHoursUtc: DEEPSEEK_PEAK_HOURS_UTC,
        peakZoneOffsetHours: 8,
      },
      // Legacy name, served by V4.1-Flash at Flash prices (same page, 2026-11).
      'deepseek-v4-flash': {
        offPeak: { cacheHitPerMillion: 0.003, cacheMissPerMillion: 0.15, outputPerMillion: 0.6 },
        peak: { cacheHitPerMillion: 0.006, cacheMissPerMillion: 0.3, outputPerMillion: 1.2 },
        peakHoursUtc: DEEPSEEK_PEAK_HOURS_UTC,
        peakZoneOffsetHours: 8,
      },
      // api-docs.deepseek.com/quick_start/pricing, checked 2026-11.
      'deepseek-v4-pro': {
        offPeak: { cacheHitPerMillion: 0.022, cacheMissPerMillion: 0.66, outputPerMillion: 1.98 },
        peak: { cacheHitPerMillion: 0.044, cacheMissPerMillion: 1.32, outputPerMillion: 3.96 },
        peakHoursUtc: DEEPSEEK_PEAK_HOURS_UTC,
        peakZoneOffsetHours: 8,
      },
    },
    // DeepSeek API changelog (api-docs.deepseek.com/updates), entry of 2026-04-24.
    retiredModels: {
      'deepseek-reasoner': { retiredOn: '2026-07-24', replacements: ['deepseek-flash', 'deepseek-v4-pro'] },
      'deepseek-chat': { retiredOn: '2026-07-24', replacements: ['deepseek-flash', 'deepseek-v4-pro'] },
    },
  },
  openrouter: {
    name: 'openrouter',
    label: 'OpenRouter',
    baseUrl: 'https://openrouter.ai/api/v1',
    model: 'deepseek/deepseek-r1-0528',
    // openrouter.ai/docs/use-cases/reasoning-tokens: the `reasoning` request object; its efforts
    // are low/medium/high, so `max` asks for high.
    extraFields: (effort) => ({ reasoning: { effort: effort === 'max' ? 'high' : effort } }),
    sampling: R1_SAMPLING,
    refusedFields: NEVER_SENT,
    reasoningFields: ['reasoning', 'reasoning_details'],
    allowsSystemMessage: false,
    endUserField: 'user',
    hasReasoningEffort: true,
    prices: {
      // openrouter.ai/deepseek/deepseek-r1-0528 as copied in 2026 (mirror amlak-ai.pages.dev, exact
      // day unknown): $0.50 in, $2.15 out; no cache price listed. Upstreams differ: re-check the page.
      'deepseek/deepseek-r1-0528': { offPeak: { cacheHitPerMillion: 0.5, cacheMissPerMillion: 0.5, outputPerMillion: 2.15 } },
    },
    retiredModels: {},
  },
  vllm: {
    name: 'vllm',
    label: 'your vLLM server',
    baseUrl: 'http://127.0.0.1:8000/v1',
    model: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-7B',
    extraFields: () => ({}),
    sampling: R1_SAMPLING,
    refusedFields: NEVER_SENT,
    // `reasoning` since vllm#27752 (Oct 2025); older servers still send `reasoning_content`;
    // without `--reasoning-parser` everything is in content, often with no opening tag.
    reasoningFields: ['reasoning', 'reasoning_content', 'think'],
    allowsSystemMessage: false,
    endUserField: 'user',
    hasReasoningEffort: false,
    prices: {},
    anyModelPrices: FREE,
    retiredModels: {},
  },
  sglang: {
    name: 'sglang',
    label: 'your SGLang server',
    baseUrl: 'http://127.0.0.1:30000/v1',
    model: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-7B',
    extraFields: () => ({}),
    sampling: R1_SAMPLING,
    refusedFields: NEVER_SENT,
    // SGLang PR #3859 (`--reasoning-parser deepseek-r1`).
    reasoningFields: ['reasoning_content', 'think'],
    allowsSystemMessage: false,
    endUserField: 'user',
    hasReasoningEffort: false,
    prices: {},
    anyModelPrices: FREE,
    retiredModels: {},
  },
  ollama: {
    name: 'ollama',
    label: 'your Ollama server',
    baseUrl: 'http://127.0.0.1:11434/v1',
    model: 'deepseek-r1:7b',
    // Ollama's /v1 turns thinking on and off with reasoning_effort (ollama#14820); it has no `max`.
    extraFields: (effort) => ({ reasoning_effort: effort === 'max' ? 'high' : effort }),
    // ollama#14820: `reasoning_effort: "none"` turns thinking off on /v1 (models that can stop thinking).
    thinkingOffFields: { reasoning_effort: 'none' },
    sampling: R1_SAMPLING,
    refusedFields: NEVER_SENT,
    // Ollama's OpenAI-compatible endpoint sends `reasoning` (ollama#13175); old builds `<think>`.
    reasoningFields: ['reasoning', 'think'],
    allowsSystemMessage: false,
    endUserField: 'user',
    hasReasoningEffort: true,
    prices: {},
    anyModelPrices: FREE,
    retiredModels: {},
  },
  llamacpp: {
    name: 'llamacpp',
    label: 'your llama.cpp server',
    baseUrl: 'http://127.0.0.1:8080/v1',
    model: 'DeepSeek-R1-Distill-Qwen-7B',
    extraFields: () => ({}),
    sampling: R1_SAMPLING,
    refusedFields: NEVER_SENT,
    // llama-server sends reasoning_content unless started with `--reasoning-format none`.
    reasoningFields: ['reasoning_content', 'think'],
    allowsSystemMessage: false,
    endUserField: undefined,
    hasReasoningEffort: false,
    prices: {},
    anyModelPrices: FREE,
    retiredModels: {},
  },
  'openai-compatible': {
    name: 'openai-compatible',
    label: 'the model server',
    // A guess at the usual name; `stepwise doctor` says when the server lists no such model.
    model: 'deepseek-r1',
    extraFields: () => ({}),
    sampling: R1_SAMPLING,
    refusedFields: NEVER_SENT,
    reasoningFields: ['reasoning_content', 'reasoning', 'reasoning_details', 'thinking', 'think'],
    allowsSystemMessage: false,
    endUserField: 'user',
    hasReasoningEffort: false,
    prices: {},
    retiredModels: {},
  },
};

/** The profile in use and why it was chosen, for the operator. */
export interface ChosenProfile {
  /** The profile. */
  readonly profile: ProviderProfile;
  /** Why: "STEPWISE_MODEL_PROVIDER=vllm" or "inferred from the base URL's host ...". */
  readonly reason: string;
}

const DEEPSEEK_HOSTS = /(^|\.)deepseek\.com$/i;
const OPENROUTER_HOSTS = /(^|\.)openrouter\.ai$/i;
const OLLAMA_PORT = '11434';

/** Picks the profile: the one named, else inferred from the base URL, else DeepSeek. */
export function chooseProfile(named: ProviderName | undefined, baseUrl: string | undefined): ChosenProfile {
  if (named) return { profile: PROVIDER_PROFILES[named], reason: `STEPWISE_MODEL_PROVIDER=${named}` };
  if (!baseUrl) return { profile: PROVIDER_PROFILES.deepseek, reason: 'the default (no STEPWISE_MODEL_PROVIDER or STEPWISE_MODEL_BASE_URL set)' };
  const url = new URL(baseUrl);
  const because = `inferred from the base URL's host ${url.host}`;
  if (DEEPSEEK_HOSTS.test(url.hostname)) return { profile: PROVIDER_PROFILES.deepseek, reason: because };
  if (OPENROUTER_HOSTS.test(url.hostname)) return { profile: PROVIDER_PROFILES.openrouter, reason: because };
  if (url.port === OLLAMA_PORT) return { profile: PROVIDER_PROFILES.ollama, reason: `inferred from the base URL's port ${OLLAMA_PORT}` };
  return { profile: PROVIDER_PROFILES['openai-compatible'], reason: `${because} (no known provider there)` };
}

/** The prices that apply to `model` on this host at `at`, and which period they belong to. */
export interface AppliedRates {
  /** The rates. */
  readonly rates: TokenRates;
  /** `peak`, `off-peak`, or `flat` where the provider has one price. */
  readonly period: 'peak' | 'off-peak' | 'flat';
}

/** The model's prices on this host, if known. */
export function pricesOf(profile: ProviderProfile, model: string): ModelPrices | undefined {
  return profile.prices[model] ?? profile.anyModelPrices;
}

/** The rates in force at `at` for these prices. */
export function ratesAt(prices: ModelPrices, at: Date): AppliedRates {
  if (!prices.peak || !prices.peakHoursUtc) return { rates: prices.offPeak, period: 'flat' };
  const local = new Date(at.getTime() + (prices.peakZoneOffsetHours ?? 0) * 3_600_000);
  const weekday = local.getUTCDay() >= 1 && local.getUTCDay() <= 5;
  const hour = at.getUTCHours() + at.getUTCMinutes() / 60;
  const inPeak = weekday && prices.peakHoursUtc.some(([start, end]) => hour >= start && hour < end);
  return inPeak ? { rates: prices.peak, period: 'peak' } : { rates: prices.offPeak, period: 'off-peak' };
}
