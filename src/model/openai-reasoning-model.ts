/** R1 (or any OpenAI-compatible reasoning server) through the official `openai` SDK, streaming. */
import { createHash } from 'node:crypto';
import OpenAI from 'openai';
import { ModelError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { classifyFailure, deadlineFailure, MisconfigurationError, misconfiguration, wrongBaseUrlSentence, type DeadlineKind, type FailureContext } from './model-failure.ts';
import { costOf, type TokenPrices } from './pricing.ts';
import { chooseProfile, type ProviderProfile, type ReasoningEffort, type ReasoningField } from './provider-profiles.ts';
import type { ModelEvent, ReasoningModel, SentRequest, SolveRequest } from './reasoning-model.ts';
import { ThinkSplitter } from './think-splitter.ts';
import { readUsage } from './usage.ts';

const BACKOFF_CAP_MS = 8_000;
/** Hex characters of the salted hash sent as the end-user id. */
const END_USER_HASH_CHARS = 32;
/** Reasoning fields looked for after the profile's own, in case the server is not what it seems. */
const ALL_REASONING_FIELDS: readonly ReasoningField[] = ['reasoning_content', 'reasoning', 'reasoning_details', 'thinking'];

/** How to reach the model and how patient to be. */
export interface OpenAiModelOptions {
  /** Secret API key; never logged. */
  readonly apiKey: string;
  /** e.g. https://api.deepseek.com */
  readonly baseUrl: string;
  /** e.g. deepseek-flash */
  readonly model: string;
  /** The host's profile: extra fields, refused fields, reasoning fields. Inferred from the URL when absent. */
  readonly provider?: ProviderProfile;
  /** How hard to think, where the provider has the setting (default high). */
  readonly reasoningEffort?: ReasoningEffort;
  /**
   * False for the tutor's replies: the profile's thinking-off fields are sent instead of its
   * thinking ones, and any reasoning the server still streams (R1 always thinks) is dropped.
   */
  readonly thinking?: boolean;
  /** Salt for the end-user field; without one, no end-user field is sent. */
  readonly endUserSalt?: string;
  /** Prices at a moment, to put a cost on each solve's usage. */
  readonly prices?: (at: Date) => TokenPrices;
  /** Longest wait for the first reasoning or answer token (keep-alive comments don't count). */
  readonly firstTokenTimeoutMs: number;
  /** Longest a whole solve may take, retries included. */
  readonly overallTimeoutMs: number;
  /** Retries after 429/5xx/connection failures before giving up. */
  readonly maxRetries: number;
  /** First backoff delay; doubles per retry, with jitter. */
  readonly retryBaseDelayMs: number;
  /** Where failures and retries are reported for the operator. */
  readonly logger: Logger;
}

/** The real R1 client: one normaliser for reasoning_content, reasoning and `<think>` dialects. */
export class OpenAiReasoningModel implements ReasoningModel {
  readonly id: string;
  /** The profile requests are shaped by. */
  readonly profile: ProviderProfile;
  private readonly client: OpenAI;
  private readonly host: string;
  private readonly context: FailureContext;

  constructor(private readonly options: OpenAiModelOptions) {
    this.id = options.model;
    this.host = new URL(options.baseUrl).host;
    this.profile = options.provider ?? chooseProfile(undefined, options.baseUrl).profile;
    this.context = { host: this.host, model: options.model, profile: this.profile };
    // Retries and timeouts are ours: the SDK's would restart the clock and hide cut streams.
    // Its own console output (a malformed chunk echoes the raw stream) goes through our scrubbing logger.
    this.client = new OpenAI({
      apiKey: options.apiKey, baseURL: options.baseUrl, maxRetries: 0, timeout: options.overallTimeoutMs,
      logger: sdkLogger(options.logger), logLevel: 'warn',
    });
  }

  /** The models the server lists (`GET /models`), for `stepwise doctor`. */
  async listModels(signal?: AbortSignal): Promise<string[]> {
    try {
      const { data: page, response } = await this.client.models.list({ signal }).withResponse();
      if (isHtml(response)) throw misconfiguration(wrongBaseUrlSentence(this.context, `a web page (HTTP ${response.status})`), response.status);
      return page.data.map((model) => model.id);
    } catch (error) {
      throw classifyFailure(error, this.context);
    }
  }

  /** The request body this model sends for `request` (the profile's fields, none it refuses). */
  requestBody(request: SolveRequest): Record<string, unknown> {
    const thinks = this.options.thinking !== false;
    const body: Record<string, unknown> = {
      model: this.options.model,
      messages: messagesOf(request, this.profile.allowsSystemMessage),
      stream: true,
      stream_options: { include_usage: true },
      ...this.profile.sampling,
      ...(thinks ? this.profile.extraFields(this.options.reasoningEffort ?? 'high') : this.profile.thinkingOffFields ?? {}),
      ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
    };
    if (request.endUser && this.options.endUserSalt && this.profile.endUserField) {
      body[this.profile.endUserField] = hashEndUser(request.endUser, this.options.endUserSalt);
    }
    for (const field of this.profile.refusedFields) delete body[field];
    return body;
  }

  /** What `solve(request)` sends, read from the same body it sends. */
  describeRequest(request: SolveRequest): SentRequest {
    const { messages: _messages, ...parameters } = this.requestBody(request);
    return { model: this.options.model, host: this.host, provider: this.profile.name, parameters, prompt: request.prompt };
  }

  async *solve(request: SolveRequest, signal?: AbortSignal): AsyncIterable<ModelEvent> {
    const deadline = Date.now() + this.options.overallTimeoutMs;
    let retries = 0;
    let cutRetried = false;
    for (let attempt = 1; ; attempt++) {
      const progress = { received: false };
      try {
        yield* this.attempt(request, deadline, progress, signal);
        return;
      } catch (error) {
        const failure = error instanceof ModelError ? error : classifyFailure(error, this.context);
        if (signal?.aborted) throw failure;
        // A stream cut after data arrived gets exactly one fresh start; other retryable
        // failures get the bounded backoff.
        const cut = progress.received && failure.isRetryable;
        const allowed = cut ? !cutRetried : failure.isRetryable && retries < this.options.maxRetries;
        const delayMs = cut ? 0 : this.backoff(retries);
        if (!allowed || Date.now() + delayMs >= deadline) {
          if (failure instanceof MisconfigurationError) {
            this.options.logger.error('model misconfigured', { problem: failure.message, model: this.id, host: this.host, provider: this.profile.name, status: failure.status, cause: failure.cause });
          } else {
            this.options.logger.error('model solve failed', { model: this.id, attempt, status: failure.status, error: failure.message });
          }
          throw failure;
        }
        if (cut) cutRetried = true;
        else retries++;
        this.options.logger.warn('model attempt failed; retrying', { model: this.id, attempt, delayMs, error: failure.message });
        yield { type: 'restart', reason: failure.userMessage, attempt: attempt + 1 };
        await sleep(delayMs, signal);
      }
    }
  }

  private async *attempt(
    request: SolveRequest,
    deadline: number,
    progress: { received: boolean },
    signal?: AbortSignal,
  ): AsyncIterable<ModelEvent> {
    const controller = new AbortController();
    let expired: DeadlineKind | undefined;
    const expire = (kind: DeadlineKind) => () => {
      expired = kind;
      controller.abort();
    };
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const overallTimer = setTimeout(expire('overall'), Math.max(deadline - Date.now(), 0));
    let firstTokenTimer: NodeJS.Timeout | undefined = setTimeout(expire('first-token'), this.options.firstTokenTimeoutMs);
    const firstToken = () => {
      clearTimeout(firstTokenTimer);
      firstTokenTimer = undefined;
      progress.received = true;
    };
    const startedAt = new Date();
    try {
      // The profile's extra fields are not in the SDK's types; the SDK sends the body as given.
      const body = this.requestBody(request) as unknown as OpenAI.Chat.ChatCompletionCreateParamsStreaming;
      const { data: stream, response } = await this.client.chat.completions.create(body, { signal: controller.signal }).withResponse();
      if (isHtml(response)) throw misconfiguration(wrongBaseUrlSentence(this.context, `a web page (HTTP ${response.status})`), response.status);
      const isReply = this.options.thinking === false;
      // Thinking turned off: content is the reply unless it opens with <think>.
      const splitter = new ThinkSplitter(isReply && this.profile.thinkingOffFields !== undefined);
      // A reply model that always thinks inline: content with no </think> at all was the reply after all.
      let inlineReasoning = '';
      let isAnswered = false;
      let finish: string | undefined;
      let servedModel: string | undefined;
      const inContent = (kind: 'reasoning' | 'answer', text: string): ModelEvent => (kind === 'reasoning' ? { type: 'reasoning', text, field: 'think' } : { type: 'answer', text });
      for await (const chunk of stream) {
        if (typeof chunk.model === 'string' && chunk.model) servedModel = chunk.model;
        if (chunk.usage) {
          const usage = readUsage(chunk.usage);
          if (usage) yield { type: 'usage', usage: this.priced({ ...usage, servedModel }, startedAt) };
        }
        const choice = chunk.choices[0];
        if (!choice) continue;
        const delta = choice.delta as Record<string, unknown> | undefined;
        const reasoning = this.reasoningOf(delta);
        if (reasoning && this.options.thinking === false) {
          firstToken(); // a model that always thinks: its reasoning is not the reply, but it is progress
        } else if (reasoning) {
          firstToken();
          splitter.noteReasoningField();
          yield { type: 'reasoning', text: reasoning.text, field: reasoning.field };
        }
        const content = typeof delta?.content === 'string' ? delta.content : '';
        if (content) {
          firstToken();
          for (const piece of splitter.push(content)) {
            if (piece.kind === 'answer') isAnswered = true;
            if (isReply && piece.kind === 'reasoning') inlineReasoning += piece.text;
            else yield inContent(piece.kind, piece.text);
          }
        }
        if (choice.finish_reason) finish = choice.finish_reason;
      }
      for (const piece of splitter.end()) {
        if (piece.kind === 'answer') isAnswered = true;
        if (isReply && piece.kind === 'reasoning') inlineReasoning += piece.text;
        else yield inContent(piece.kind, piece.text);
      }
      if (isReply && !isAnswered && inlineReasoning.trim()) yield { type: 'answer', text: inlineReasoning };
      if (!finish) {
        throw new ModelError('The model stream ended without a finish reason (cut mid-way)',
          "The model's answer was cut off. Please try again.", true);
      }
      yield { type: 'finish', reason: finish };
    } catch (error) {
      if (expired) {
        const limit = expired === 'first-token' ? this.options.firstTokenTimeoutMs : this.options.overallTimeoutMs;
        throw deadlineFailure(expired, limit);
      }
      if (signal?.aborted) throw new ModelError('Solve cancelled', 'The solve was cancelled.', false, undefined, { cause: error });
      throw classifyFailure(error, this.context);
    } finally {
      clearTimeout(overallTimer);
      clearTimeout(firstTokenTimer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** The reasoning delta, wherever this server puts it: the profile's fields first. */
  private reasoningOf(delta: Record<string, unknown> | undefined): { text: string; field: ReasoningField } | undefined {
    if (!delta) return undefined;
    const fields = [...this.profile.reasoningFields, ...ALL_REASONING_FIELDS].filter((field) => field !== 'think');
    for (const field of new Set(fields)) {
      const text = field === 'reasoning_details' ? detailsText(delta.reasoning_details) : delta[field];
      if (typeof text === 'string' && text) return { text, field };
    }
    return undefined;
  }

  private priced<T extends Parameters<typeof costOf>[0]>(usage: T, at: Date): T & { costUsd?: number; pricePeriod?: TokenPrices['period'] } {
    if (!this.options.prices) return usage;
    const prices = this.options.prices(at);
    return { ...usage, costUsd: costOf(usage, prices), pricePeriod: prices.period };
  }

  private backoff(retries: number): number {
    const base = Math.min(this.options.retryBaseDelayMs * 2 ** retries, BACKOFF_CAP_MS);
    return Math.round(base / 2 + Math.random() * (base / 2));
  }
}

/** The text of OpenRouter's structured `reasoning_details` (text and summary entries; encrypted ones have none). */
function detailsText(details: unknown): string {
  if (!Array.isArray(details)) return '';
  return details.map((detail: unknown) => {
    const entry = detail as { text?: unknown; summary?: unknown } | null;
    if (typeof entry?.text === 'string') return entry.text;
    return typeof entry?.summary === 'string' ? entry.summary : '';
  }).join('');
}

/** The messages of a request: a system message where the host takes one, else the instructions lead the user turn. */
function messagesOf(request: SolveRequest, allowsSystemMessage: boolean): { role: 'system' | 'user'; content: string }[] {
  if (!request.system) return [{ role: 'user', content: request.prompt }];
  if (allowsSystemMessage) return [{ role: 'system', content: request.system }, { role: 'user', content: request.prompt }];
  return [{ role: 'user', content: `${request.system.trimEnd()}\n\nThe student's message:\n${request.prompt}` }];
}

/** The end-user id a provider sees: a salted hash, never the platform id itself. */
export function hashEndUser(endUser: string, salt: string): string {
  return createHash('sha256').update(`${salt}\u0000${endUser}`).digest('hex').slice(0, END_USER_HASH_CHARS);
}

function isHtml(response: Response): boolean {
  return /text\/html/i.test(response.headers.get('content-type') ?? '');
}

/** The SDK's logger interface over ours, so its output is scrubbed of secrets like ours. */
function sdkLogger(logger: Logger) {
  const line = (write: (message: string, fields?: Record<string, unknown>) => void) => (message: string, ...rest: unknown[]) =>
    write(`openai client: ${message}`, rest.length > 0 ? { detail: rest.map((part) => (typeof part === 'string' ? part : safeJson(part))) } : undefined);
  return { error: line(logger.error.bind(logger)), warn: line(logger.warn.bind(logger)), info: line(logger.info.bind(logger)), debug: () => {} };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}
