/**
 * Writes an R1 completion as the Server-Sent Events an OpenAI-compatible server streams, in each
 * dialect servers use for the reasoning. The demo server replays recordings with it; the test fake
 * uses it too.
 */

/** Where the server puts the chain of thought. */
export type ReasoningDialect =
  /** DeepSeek's thinking mode, vLLM < 0.11, SGLang, llama.cpp: `delta.reasoning_content`. */
  | 'reasoning_content'
  /** vLLM >= 0.11, Ollama's OpenAI endpoint: `delta.reasoning`. */
  | 'reasoning'
  /** OpenRouter: `delta.reasoning` plus the same text as structured `delta.reasoning_details`. */
  | 'openrouter'
  /** Structured `reasoning_details` only (OpenRouter upstreams that send no plain `reasoning`). */
  | 'reasoning_details'
  /** Together, llama.cpp `none`: `<think>...</think>` inside `delta.content`. */
  | 'think-tags'
  /** Distills whose chat template already opened the tag: reasoning, `</think>`, answer in content. */
  | 'think-tags-no-open';

/** One completion to stream. */
export interface R1Completion {
  /** The chain of thought. */
  readonly reasoning: string;
  /** The answer text after it. */
  readonly answer: string;
  /** How the reasoning travels. */
  readonly dialect?: ReasoningDialect;
  /** Characters per chunk (DeepSeek sends roughly one token per chunk). */
  readonly chunkChars?: number;
  /** Model name echoed in each chunk. */
  readonly model?: string;
  /** Put usage in its own `choices: []` chunk (OpenAI style) instead of on the finish chunk (DeepSeek style). */
  readonly usageInSeparateChunk?: boolean;
  /** finish_reason of the last chunk. */
  readonly finishReason?: string;
  /** Usage fields: DeepSeek's (cache hit/miss counts) or plain OpenAI-style (cached_tokens only). */
  readonly usageStyle?: 'deepseek' | 'openai';
}

/** The `data: ...` events of the completion, in order, ending with `data: [DONE]`. */
export function completionEvents(completion: R1Completion): string[] {
  const dialect = completion.dialect ?? 'reasoning_content';
  const chunkChars = completion.chunkChars ?? 6;
  const base = { id: 'chatcmpl-stepwise', object: 'chat.completion.chunk', created: 1_767_000_000, model: completion.model ?? 'deepseek-flash', system_fingerprint: 'fp_stepwise_fake' };
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null, extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }], ...extra })}\n\n`;
  const pieces = (text: string) => text.match(new RegExp(`[\\s\\S]{1,${chunkChars}}`, 'g')) ?? [];
  const events = [chunk({ role: 'assistant', content: dialect === 'reasoning_content' ? null : '', ...(dialect === 'reasoning_content' ? { reasoning_content: '' } : {}) })];
  switch (dialect) {
    case 'reasoning_content':
    case 'reasoning':
      for (const text of pieces(completion.reasoning)) events.push(chunk({ content: null, [dialect]: text }));
      for (const text of pieces(completion.answer)) events.push(chunk({ content: text, [dialect]: null }));
      break;
    case 'openrouter':
    case 'reasoning_details':
      for (const [index, text] of pieces(completion.reasoning).entries()) {
        const details = [{ type: 'reasoning.text', text, format: 'unknown', index }];
        events.push(chunk({ content: '', ...(dialect === 'openrouter' ? { reasoning: text } : {}), reasoning_details: details }));
      }
      for (const text of pieces(completion.answer)) events.push(chunk({ content: text, ...(dialect === 'openrouter' ? { reasoning: null } : {}) }));
      break;
    case 'think-tags':
    case 'think-tags-no-open': {
      const open = dialect === 'think-tags' ? '<think>\n' : '';
      for (const text of pieces(`${open}${completion.reasoning}\n</think>\n\n${completion.answer}`)) events.push(chunk({ content: text }));
      break;
    }
  }
  const usage = usageOf(completion);
  if (completion.usageInSeparateChunk) {
    events.push(chunk({}, completion.finishReason ?? 'stop'));
    events.push(`data: ${JSON.stringify({ ...base, choices: [], usage })}\n\n`);
  } else {
    events.push(chunk({ content: '' }, completion.finishReason ?? 'stop', { usage }));
  }
  events.push('data: [DONE]\n\n');
  return events;
}

/** Usage as DeepSeek reports it (or OpenAI-style), estimating four characters a token. */
function usageOf(completion: R1Completion): Record<string, unknown> {
  const reasoningTokens = Math.ceil(completion.reasoning.length / 4);
  const completionTokens = reasoningTokens + Math.ceil(completion.answer.length / 4);
  const openAiStyle = {
    prompt_tokens: 180,
    completion_tokens: completionTokens,
    total_tokens: 180 + completionTokens,
    prompt_tokens_details: { cached_tokens: 128 },
    completion_tokens_details: { reasoning_tokens: reasoningTokens },
  };
  return completion.usageStyle === 'openai' ? openAiStyle : { ...openAiStyle, prompt_cache_hit_tokens: 128, prompt_cache_miss_tokens: 52 };
}
