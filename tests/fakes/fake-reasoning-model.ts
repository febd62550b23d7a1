/** An in-process ReasoningModel that plays a scripted R1 stream (for tests that don't test the wire). */
import { ModelError, type ModelEvent, type ReasoningModel, type SolveRequest } from '../../src/index.ts';

/** What the fake does for one solve: stream these events, or fail with this error. */
export type FakeScript = readonly ModelEvent[] | ModelError;

/** Plays `scripts` in order, one per solve call (the last one repeats), or the script a function picks for each prompt. */
export class FakeReasoningModel implements ReasoningModel {
  readonly id: string;
  /** Prompts received, in order. */
  readonly prompts: string[] = [];
  private held: Promise<void> | undefined;
  private release: (() => void) | undefined;

  /**
   * @param arrivesLikeANetwork yield to the event loop between events, as chunks from a socket
   *   do (otherwise a whole stream is one run of microtasks, which no real model produces).
   */
  constructor(private readonly scripts: readonly FakeScript[] | ((prompt: string) => FakeScript), id = 'fake-r1', private readonly arrivesLikeANetwork = false) {
    this.id = id;
  }

  /** Number of solve calls made. */
  get calls(): number {
    return this.prompts.length;
  }

  /** Makes the next solves pause after their first reasoning event until `resume()` is called. */
  hold(): void {
    this.held = new Promise((resolve) => (this.release = resolve));
  }

  /** Lets held solves continue. */
  resume(): void {
    this.release?.();
    this.held = undefined;
  }

  async *solve(request: SolveRequest, signal?: AbortSignal): AsyncIterable<ModelEvent> {
    const script = typeof this.scripts === 'function' ? this.scripts(request.prompt) : this.scripts[Math.min(this.prompts.length, this.scripts.length - 1)];
    this.prompts.push(request.prompt);
    if (!script) throw new Error('FakeReasoningModel has no scripts');
    if (script instanceof ModelError) throw script;
    let first = true;
    for (const event of script) {
      if (signal?.aborted) throw new ModelError('aborted', 'The solve was cancelled.', false);
      yield event;
      if (this.arrivesLikeANetwork) await new Promise((resolve) => setImmediate(resolve));
      if (first && this.held) await this.held;
      first = false;
    }
  }
}

/** The events R1 would stream for this reasoning and answer text, in chunks of `chunkChars`. */
export function r1Events(reasoning: string, answer: string, chunkChars = 8): ModelEvent[] {
  const chunks = (text: string) => text.match(new RegExp(`[\\s\\S]{1,${chunkChars}}`, 'g')) ?? [];
  return [
    ...chunks(reasoning).map((text) => ({ type: 'reasoning' as const, text })),
    ...chunks(answer).map((text) => ({ type: 'answer' as const, text })),
    { type: 'usage', usage: { promptTokens: 120, cacheHitTokens: 0, cacheMissTokens: 120, reasoningTokens: 300, answerTokens: 90 } },
    { type: 'finish', reason: 'stop' },
  ];
}

/** A solved linear equation in the format prompts/solve.md asks for (3 rungs: nudge, step, nudge, answer). */
export const LINEAR_EQUATION = {
  problem: 'Solve 2x + 3 = 7',
  reasoning: 'Okay, so I need to solve 2x + 3 = 7.\n\nSubtract 3 from both sides: 2x = 4.\n\nDivide by 2: x = 2.\n\nWait, let me check: 2(2) + 3 = 7. Yes.',
  answer: [
    'Step 1',
    'Hint: What could you do to both sides to get the $2x$ term by itself?',
    'Work: Subtract 3 from both sides: $2x + 3 - 3 = 7 - 3$, so $2x = 4$.',
    '',
    'Step 2',
    'Hint: How do you undo multiplying by 2?',
    'Work: Divide both sides by 2: $x = \\frac{4}{2} = 2$.',
    '',
    'Final answer: $\\boxed{2}$',
  ].join('\n'),
};
