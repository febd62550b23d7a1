/** R1 (or any OpenAI-compatible reasoning server) through the official `openai` SDK, streaming. */
import OpenAI from 'openai';
import { ModelError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { classifyFailure, deadlineFailure, type DeadlineKind } from './model-failure.ts';
import type { ModelEvent, ReasoningModel, SentRequest, SolveRequest } from './reasoning-model.ts';
import { ThinkSplitter } from './think-splitter.ts';
import { readUsage } from './usage.ts';

const BACKOFF_CAP_MS = 8_000;

/** How to reach the model and how patient to be. */
export interface OpenAiModelOptions {
  /** Secret API key; never logged. */
  readonly apiKey: string;
  /** e.g. https://api.deepseek.com */
  readonly baseUrl: string;
  /** e.g. deepseek-reasoner */
  readonly model: string;
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
  private readonly client: OpenAI;
  private readonly host: string;

  constructor(private readonly options: OpenAiModelOptions) {
    this.id = options.model;
    this.host = new URL(options.baseUrl).host;
    // Retries and timeouts are ours: the SDK's would restart the clock and hide cut streams.
    this.client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseUrl, maxRetries: 0, timeout: options.overallTimeoutMs });
  }

  describeRequest(request: SolveRequest): SentRequest {
    const { messages: _messages, ...parameters } = this.requestBody(request);
    return { model: this.options.model, host: this.host, parameters, prompt: request.prompt };
  }

  /** The request body this model sends for `request`: one place, so what is recorded is what is sent. */
  requestBody(request: SolveRequest): Record<string, unknown> {
    return {
      model: this.options.model,
      messages: [{ role: 'user', content: request.prompt }],
      stream: true,
      stream_options: { include_usage: true },
    };
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
        const failure = error instanceof ModelError ? error : classifyFailure(error, this.host);
        if (signal?.aborted) throw failure;
        // A stream cut after data arrived gets exactly one fresh start; other retryable
        // failures get the bounded backoff.
        const cut = progress.received && failure.isRetryable;
        const allowed = cut ? !cutRetried : failure.isRetryable && retries < this.options.maxRetries;
        const delayMs = cut ? 0 : this.backoff(retries);
        if (!allowed || Date.now() + delayMs >= deadline) {
          this.options.logger.error('model solve failed', { model: this.id, attempt, status: failure.status, error: failure.message });
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
    try {
      // Built as a plain record (providers add fields the SDK's types do not know); the SDK sends it as given.
      const body = this.requestBody(request) as unknown as OpenAI.Chat.ChatCompletionCreateParamsStreaming;
      const stream = await this.client.chat.completions.create(body, { signal: controller.signal });
      const splitter = new ThinkSplitter();
      let finish: string | undefined;
      for await (const chunk of stream) {
        if (chunk.usage) {
          const usage = readUsage(chunk.usage);
          if (usage) yield { type: 'usage', usage: chunk.model ? { ...usage, servedModel: chunk.model } : usage };
        }
        const choice = chunk.choices[0];
        if (!choice) continue;
        const delta = choice.delta as Record<string, unknown> | undefined;
        const reasoning = reasoningOf(delta);
        if (reasoning) {
          firstToken();
          splitter.noteReasoningField();
          yield { type: 'reasoning', text: reasoning };
        }
        const content = typeof delta?.content === 'string' ? delta.content : '';
        if (content) {
          firstToken();
          for (const piece of splitter.push(content)) yield { type: piece.kind, text: piece.text };
        }
        if (choice.finish_reason) finish = choice.finish_reason;
      }
      for (const piece of splitter.end()) yield { type: piece.kind, text: piece.text };
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
      throw classifyFailure(error, this.host);
    } finally {
      clearTimeout(overallTimer);
      clearTimeout(firstTokenTimer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private backoff(retries: number): number {
    const base = Math.min(this.options.retryBaseDelayMs * 2 ** retries, BACKOFF_CAP_MS);
    return Math.round(base / 2 + Math.random() * (base / 2));
  }
}

/** The reasoning delta, wherever this server puts it. */
function reasoningOf(delta: Record<string, unknown> | undefined): string {
  for (const field of ['reasoning_content', 'reasoning', 'thinking']) {
    const value = delta?.[field];
    if (typeof value === 'string' && value) return value;
  }
  return '';
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}
