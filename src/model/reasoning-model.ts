/** The reasoning model as the engine sees it, whatever server hosts it. */
import type { ReasoningField } from './provider-profiles.ts';

/** Token counts for one solve, as the provider billed them. */
export interface Usage {
  /** Prompt tokens in total (cache hits plus misses). */
  readonly promptTokens: number;
  /** Prompt tokens served from the provider's context cache (cheaper). */
  readonly cacheHitTokens: number;
  /** Prompt tokens not found in the cache. */
  readonly cacheMissTokens: number;
  /** Chain-of-thought tokens. */
  readonly reasoningTokens: number;
  /** Tokens of the final answer text (completion minus reasoning). */
  readonly answerTokens: number;
  /** The model (version) the server says served the request, e.g. `deepseek-flash`. */
  readonly servedModel?: string;
  /** What it cost in US dollars at the profile's (or STEPWISE_PRICE_*) prices. */
  readonly costUsd?: number;
  /** Which prices applied: `peak`, `off-peak`, `flat`, `override` or `unknown`. */
  readonly pricePeriod?: 'peak' | 'off-peak' | 'flat' | 'override' | 'unknown';
}

/** The request as sent to the server, for an instructor inspecting a ladder (never the key). */
export interface SentRequest {
  /** The model name sent. */
  readonly model: string;
  /** The host the request went to, e.g. `api.deepseek.com`. */
  readonly host?: string;
  /** The provider profile, when the client knows one. */
  readonly provider?: string;
  /** Every body field except the messages (stream, stream_options, thinking, ...). */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** The user turn, verbatim. */
  readonly prompt: string;
}

/** What one solve asks of the model. */
export interface SolveRequest {
  /** The whole user turn: R1 takes no system prompt. */
  readonly prompt: string;
  /** Who asked (`platform:userId`); sent only as a salted hash in the provider's end-user field. */
  readonly endUser?: string;
  /** Instructions before the user turn (the tutor's replies); folded into the user turn where the host takes no system message. */
  readonly system?: string;
  /** Most output tokens (a reply is short); unset, the host's default. */
  readonly maxTokens?: number;
}

/** One thing the model said, in stream order. */
export type ModelEvent =
  /** `field` says where it arrived (`reasoning_content`, `reasoning`, ..., or `think` for tags in content). */
  | { readonly type: 'reasoning'; readonly text: string; readonly field?: ReasoningField }
  | { readonly type: 'answer'; readonly text: string }
  | { readonly type: 'usage'; readonly usage: Usage }
  /** The stream failed and is being retried from the start: discard what came before. */
  | { readonly type: 'restart'; readonly reason: string; readonly attempt: number }
  /** The model finished; `reason` is the provider's finish_reason (`stop`, `length`, ...). */
  | { readonly type: 'finish'; readonly reason: string };

/** Reasons about a problem and streams what it thinks and answers. */
export interface ReasoningModel {
  /** The model name sent to the server, e.g. `deepseek-reasoner`; part of the ladder cache key. */
  readonly id: string;
  /** Yields reasoning and answer deltas; throws ModelError (with isRetryable) on failure. */
  solve(request: SolveRequest, signal?: AbortSignal): AsyncIterable<ModelEvent>;
  /** What `solve(request)` sends, for the record; models that cannot say leave it out. */
  describeRequest?(request: SolveRequest): SentRequest;
}
