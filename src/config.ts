/** All configuration, read from environment variables through one schema that reports every problem at once. */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { UserFacingError } from './errors.ts';
import { priceBook, type TokenPrices } from './model/pricing.ts';
import { chooseProfile, PROVIDER_NAMES, REASONING_EFFORTS, type ProviderName, type ReasoningEffort } from './model/provider-profiles.ts';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z.object({
  STEPWISE_MODEL_API_KEY: z.string().min(1).optional(),
  DEEPSEEK_API_KEY: z.string().min(1).optional(),
  STEPWISE_MODEL_PROVIDER: z.enum(PROVIDER_NAMES, { message: `must be one of ${PROVIDER_NAMES.join(', ')}` }).optional(),
  STEPWISE_MODEL_BASE_URL: z.url({ message: 'must be a URL such as https://api.deepseek.com' }).optional(),
  // Unset: the provider profile's model (deepseek-flash on DeepSeek).
  STEPWISE_MODEL: z.string().min(1).optional(),
  // The model that answers students' questions in the thread; unset, the solve model with thinking off.
  STEPWISE_REPLY_MODEL: z.string().min(1).optional(),
  STEPWISE_REPLY_LIMIT: positiveInt(20),
  STEPWISE_REPLY_COOLDOWN_SECONDS: z.coerce.number().int().min(0).default(5),
  STEPWISE_REPLY_MAX_CHARS: z.coerce.number().int().min(100, 'must be at least 100').max(3000, 'must be at most 3000').default(600),
  STEPWISE_REASONING_EFFORT: z.enum(REASONING_EFFORTS, { message: `must be one of ${REASONING_EFFORTS.join(', ')}` }).default('high'),
  // Salt for the end-user field sent to the provider; unset, one is derived from the API key.
  STEPWISE_END_USER_SALT: z.string().min(8, 'must be at least 8 characters').optional(),
  STEPWISE_DATA_DIR: z.string().min(1).default('data'),
  STEPWISE_STORE: z.enum(['sqlite', 'redis', 'memory']).default('sqlite'),
  STEPWISE_REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  STEPWISE_MAX_PROBLEM_CHARS: positiveInt(4000),
  STEPWISE_FIRST_TOKEN_TIMEOUT_MS: positiveInt(120_000),
  STEPWISE_TIMEOUT_MS: positiveInt(600_000),
  STEPWISE_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  STEPWISE_RETRY_DELAY_MS: positiveInt(1000),
  STEPWISE_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  // USD per million tokens; unset, the provider profile's prices (peak or off-peak) apply.
  STEPWISE_PRICE_INPUT_PER_MTOK: z.coerce.number().nonnegative().optional(),
  STEPWISE_PRICE_CACHE_HIT_PER_MTOK: z.coerce.number().nonnegative().optional(),
  STEPWISE_PRICE_OUTPUT_PER_MTOK: z.coerce.number().nonnegative().optional(),
});

/** Stepwise's settings, in the engine's own names and units. */
export interface Config {
  /** The model API key; undefined means demo mode. */
  readonly apiKey?: string;
  /** The provider profile in use. */
  readonly provider: ProviderName;
  /** Why that profile (named, or inferred from the base URL), for `stepwise doctor`. */
  readonly providerReason: string;
  /** OpenAI-compatible base URL of the model server. */
  readonly baseUrl: string;
  /** Model name. */
  readonly model: string;
  /** How hard the model should think, where the provider has the setting. */
  readonly reasoningEffort: ReasoningEffort;
  /** The model that answers questions in the thread, asked with thinking off where the provider allows. */
  readonly replyModel: string;
  /** Questions per student per session, seconds between two, longest reply in characters. */
  readonly conversation: { readonly maxQuestions: number; readonly cooldownSeconds: number; readonly maxReplyChars: number };
  /** Token prices of the reply model at a moment. */
  readonly replyPrices: (at: Date) => TokenPrices;
  /** Salt for hashing a student into the provider's end-user field. */
  readonly endUserSalt: string;
  /** Where the SQLite file (and other local data) lives. */
  readonly dataDir: string;
  /** Which store backend. */
  readonly store: 'sqlite' | 'redis' | 'memory';
  /** Redis URL for the redis store. */
  readonly redisUrl?: string;
  /** Longest problem accepted. */
  readonly maxProblemChars: number;
  /** Wait for the first token. */
  readonly firstTokenTimeoutMs: number;
  /** Whole-solve deadline. */
  readonly overallTimeoutMs: number;
  /** Retries on 429/5xx/connection failures. */
  readonly maxRetries: number;
  /** First retry delay. */
  readonly retryDelayMs: number;
  /** Operator log level. */
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Token prices at a moment (profile prices, peak or off-peak, or STEPWISE_PRICE_*). */
  readonly prices: (at: Date) => TokenPrices;
}

/** Reads the configuration; throws one UserFacingError listing every bad variable and its fix. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([key, value]) => key in schema.shape && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `- ${String(issue.path[0])}: ${issue.message} (got ${JSON.stringify(String(env[String(issue.path[0])] ?? ''))})`);
    throw new UserFacingError(`Stepwise's configuration has ${lines.length} problem(s):\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  const { profile, reason } = chooseProfile(values.STEPWISE_MODEL_PROVIDER, values.STEPWISE_MODEL_BASE_URL);
  const baseUrl = values.STEPWISE_MODEL_BASE_URL ?? profile.baseUrl;
  const model = values.STEPWISE_MODEL ?? profile.model;
  const problems = [
    ...(values.STEPWISE_STORE === 'redis' && !values.STEPWISE_REDIS_URL ? ['- STEPWISE_REDIS_URL: required when STEPWISE_STORE=redis (e.g. redis://127.0.0.1:6379)'] : []),
    ...(baseUrl ? [] : [`- STEPWISE_MODEL_BASE_URL: required with STEPWISE_MODEL_PROVIDER=${profile.name} (e.g. http://127.0.0.1:8000/v1)`]),
    ...(model ? [] : [`- STEPWISE_MODEL: required with STEPWISE_MODEL_PROVIDER=${profile.name} (the model name your server lists at GET /models)`]),
  ];
  if (problems.length > 0 || !baseUrl || !model) {
    throw new UserFacingError(`Stepwise's configuration has ${problems.length} problem(s):\n${problems.join('\n')}`);
  }
  const apiKey = values.STEPWISE_MODEL_API_KEY ?? values.DEEPSEEK_API_KEY;
  const replyModel = values.STEPWISE_REPLY_MODEL ?? model;
  const overrides = {
    inputPerMillion: values.STEPWISE_PRICE_INPUT_PER_MTOK,
    outputPerMillion: values.STEPWISE_PRICE_OUTPUT_PER_MTOK,
    cacheHitPerMillion: values.STEPWISE_PRICE_CACHE_HIT_PER_MTOK,
  };
  return {
    apiKey,
    provider: profile.name,
    providerReason: reason,
    baseUrl,
    model,
    reasoningEffort: values.STEPWISE_REASONING_EFFORT,
    replyModel,
    conversation: { maxQuestions: values.STEPWISE_REPLY_LIMIT, cooldownSeconds: values.STEPWISE_REPLY_COOLDOWN_SECONDS, maxReplyChars: values.STEPWISE_REPLY_MAX_CHARS },
    replyPrices: priceBook(profile, replyModel, overrides),
    endUserSalt: values.STEPWISE_END_USER_SALT ?? createHash('sha256').update(`stepwise end-user salt\u0000${apiKey ?? 'no key'}`).digest('hex'),
    dataDir: values.STEPWISE_DATA_DIR,
    store: values.STEPWISE_STORE,
    redisUrl: values.STEPWISE_REDIS_URL,
    maxProblemChars: values.STEPWISE_MAX_PROBLEM_CHARS,
    firstTokenTimeoutMs: values.STEPWISE_FIRST_TOKEN_TIMEOUT_MS,
    overallTimeoutMs: values.STEPWISE_TIMEOUT_MS,
    maxRetries: values.STEPWISE_MAX_RETRIES,
    retryDelayMs: values.STEPWISE_RETRY_DELAY_MS,
    logLevel: values.STEPWISE_LOG_LEVEL,
    prices: priceBook(profile, model, overrides),
  };
}
