/** Builds a ready-to-use engine from configuration: the composition root every adapter shares. */
import type { AnswerChecker } from './answer-checker.ts';
import { createAnswerChecker } from './answer-feedback.ts';
import { Classroom } from './classroom/classroom.ts';
import type { Config } from './config.ts';
import { loadSolvePrompt } from './hints/prompt.ts';
import { Inspector } from './inspect/inspector.ts';
import type { Logger } from './logger.ts';
import { OpenAiReasoningModel } from './model/openai-reasoning-model.ts';
import { PROVIDER_PROFILES } from './model/provider-profiles.ts';
import type { ReasoningModel } from './model/reasoning-model.ts';
import { createStore } from './store/create-store.ts';
import type { Store } from './store/store.ts';
import { Tutor } from './tutor.ts';

/** A running engine and how to shut it down. */
export interface Stepwise {
  /** The use cases of one session. */
  readonly tutor: Tutor;
  /** Problem sets, warming, practice, reports and space defaults. */
  readonly classroom: Classroom;
  /** How a ladder came to be, for instructors (`stepwise inspect`). */
  readonly inspector: Inspector;
  /** The open store (for adapters that keep their own records in it). */
  readonly store: Store;
  /** The model in use. */
  readonly model: ReasoningModel;
  /** Judges answers by equivalence (students' attempts, R1's answers against the instructor's). */
  readonly checker: AnswerChecker;
  /** Closes the store. */
  close(): Promise<void>;
}

/** Overrides for tests and demo mode. */
export interface StepwiseOverrides {
  /** Use this store instead of opening the configured one. */
  readonly store?: Store;
  /** Use this model instead of the OpenAI client. */
  readonly model?: ReasoningModel;
  /** Use this model for replies in the thread (default: the OpenAI client with thinking off, or `model` when that is given). */
  readonly replyModel?: ReasoningModel;
  /** Clock for the tutor. */
  readonly now?: () => number;
}

/** The OpenAI client for the model named in `config`, shaped by its provider profile. */
export function createReasoningModel(config: Config, logger: Logger): OpenAiReasoningModel {
  return new OpenAiReasoningModel({
    apiKey: config.apiKey ?? 'missing-key',
    baseUrl: config.baseUrl,
    model: config.model,
    provider: PROVIDER_PROFILES[config.provider],
    reasoningEffort: config.reasoningEffort,
    endUserSalt: config.endUserSalt,
    prices: config.prices,
    firstTokenTimeoutMs: config.firstTokenTimeoutMs,
    overallTimeoutMs: config.overallTimeoutMs,
    maxRetries: config.maxRetries,
    retryBaseDelayMs: config.retryDelayMs,
    logger,
  });
}

/** The OpenAI client for replies in the thread: STEPWISE_REPLY_MODEL (or the solve model) with thinking off where the provider allows. */
export function createReplyModel(config: Config, logger: Logger): OpenAiReasoningModel {
  return new OpenAiReasoningModel({
    apiKey: config.apiKey ?? 'missing-key',
    baseUrl: config.baseUrl,
    model: config.replyModel,
    provider: PROVIDER_PROFILES[config.provider],
    thinking: false,
    endUserSalt: config.endUserSalt,
    prices: config.replyPrices,
    // A reply is a few sentences: it gets a tenth of a solve's patience, and at most one retry.
    firstTokenTimeoutMs: Math.min(config.firstTokenTimeoutMs, 30_000),
    overallTimeoutMs: Math.min(config.overallTimeoutMs, 60_000),
    maxRetries: Math.min(config.maxRetries, 1),
    retryBaseDelayMs: config.retryDelayMs,
    logger,
  });
}

/** Opens the store and connects the model named in `config`. */
export async function openStepwise(config: Config, logger: Logger, overrides: StepwiseOverrides = {}): Promise<Stepwise> {
  const model = overrides.model ?? createReasoningModel(config, logger);
  // A test's (or demo's) scripted model answers replies too, unless it brings its own.
  const replyModel = overrides.replyModel ?? (overrides.model ? overrides.model : createReplyModel(config, logger));
  const store = overrides.store ?? (await createStore({ kind: config.store, dataDir: config.dataDir, redisUrl: config.redisUrl }));
  const checker = createAnswerChecker();
  const prompt = loadSolvePrompt();
  const tutor = new Tutor({
    store,
    model,
    prompt,
    logger,
    checker,
    maxProblemChars: config.maxProblemChars,
    now: overrides.now,
    replyModel,
    conversationLimits: config.conversation,
  });
  const classroom = new Classroom({ tutor, store, checker, prices: config.prices });
  const inspector = new Inspector({ tutor, store, model, prompt, checker, prices: config.prices });
  return { tutor, classroom, inspector, store, model, checker, close: () => store.close() };
}
