/** All configuration, read from environment variables through one schema that reports every problem at once. */
import { z } from 'zod';
import { UserFacingError } from './errors.ts';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z.object({
  STEPWISE_MODEL_API_KEY: z.string().min(1).optional(),
  DEEPSEEK_API_KEY: z.string().min(1).optional(),
  STEPWISE_MODEL_BASE_URL: z.url({ message: 'must be a URL such as https://api.deepseek.com' }).default('https://api.deepseek.com'),
  STEPWISE_MODEL: z.string().min(1).default('deepseek-reasoner'),
  STEPWISE_DATA_DIR: z.string().min(1).default('data'),
  STEPWISE_STORE: z.enum(['sqlite', 'redis', 'memory']).default('sqlite'),
  STEPWISE_REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  STEPWISE_MAX_PROBLEM_CHARS: positiveInt(4000),
  STEPWISE_FIRST_TOKEN_TIMEOUT_MS: positiveInt(120_000),
  STEPWISE_TIMEOUT_MS: positiveInt(600_000),
  STEPWISE_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  STEPWISE_RETRY_DELAY_MS: positiveInt(1000),
  STEPWISE_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  // DeepSeek R1's list prices at launch (USD per million tokens); re-check your provider's page.
  STEPWISE_PRICE_INPUT_PER_MTOK: z.coerce.number().nonnegative().default(0.55),
  STEPWISE_PRICE_OUTPUT_PER_MTOK: z.coerce.number().nonnegative().default(2.19),
});

/** Stepwise's settings, in the engine's own names and units. */
export interface Config {
  /** The model API key; undefined means demo mode. */
  readonly apiKey?: string;
  /** OpenAI-compatible base URL of the model server. */
  readonly baseUrl: string;
  /** Model name. */
  readonly model: string;
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
  /** Token prices for warm cost estimates. */
  readonly prices: { readonly inputPerMillion: number; readonly outputPerMillion: number };
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
  if (values.STEPWISE_STORE === 'redis' && !values.STEPWISE_REDIS_URL) {
    throw new UserFacingError("Stepwise's configuration has 1 problem(s):\n- STEPWISE_REDIS_URL: required when STEPWISE_STORE=redis (e.g. redis://127.0.0.1:6379)");
  }
  return {
    apiKey: values.STEPWISE_MODEL_API_KEY ?? values.DEEPSEEK_API_KEY,
    baseUrl: values.STEPWISE_MODEL_BASE_URL,
    model: values.STEPWISE_MODEL,
    dataDir: values.STEPWISE_DATA_DIR,
    store: values.STEPWISE_STORE,
    redisUrl: values.STEPWISE_REDIS_URL,
    maxProblemChars: values.STEPWISE_MAX_PROBLEM_CHARS,
    firstTokenTimeoutMs: values.STEPWISE_FIRST_TOKEN_TIMEOUT_MS,
    overallTimeoutMs: values.STEPWISE_TIMEOUT_MS,
    maxRetries: values.STEPWISE_MAX_RETRIES,
    retryDelayMs: values.STEPWISE_RETRY_DELAY_MS,
    logLevel: values.STEPWISE_LOG_LEVEL,
    prices: { inputPerMillion: values.STEPWISE_PRICE_INPUT_PER_MTOK, outputPerMillion: values.STEPWISE_PRICE_OUTPUT_PER_MTOK },
  };
}
