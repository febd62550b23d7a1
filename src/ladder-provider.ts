/** Gets the ladder for a problem: from the cache, from a solve already under way, or from R1. */
import { createHash } from 'node:crypto';
import { ModelError } from './errors.ts';
import { createHintLadder, type HintLadder } from './hints/hint-ladder.ts';
import { loadLeakGuard } from './hints/leak-guard.ts';
import type { PromptTemplate } from './hints/prompt.ts';
import type { Logger } from './logger.ts';
import type { ReasoningModel, Usage } from './model/reasoning-model.ts';
import { cacheFormOf } from './problem-input.ts';
import type { View } from './views.ts';
import { isLeaseLive, renewLease, SOLVE_LEASE_MS, takeLease, whileRenewing, type SolveLease } from './solve-lease.ts';
import { updateRecord, type Store, type Versioned } from './store/store.ts';

/** Live progress of a solve, for the "R1 is thinking" line. */
export interface SolveProgress {
  /** What R1 is doing now. */
  readonly phase: 'waiting' | 'thinking' | 'answering' | 'retrying';
  /** Time since the solve started. */
  readonly elapsedMs: number;
  /** Reasoning tokens received so far (one per streamed chunk, as DeepSeek sends them). */
  readonly reasoningTokens: number;
  /** Why it is retrying, when it is. */
  readonly note?: string;
}

/** A ladder with what it cost and where it came from. */
export interface SolvedLadder {
  /** The hints. */
  readonly ladder: HintLadder;
  /** R1's chain of thought. */
  readonly reasoning: string;
  /** R1's answer text. */
  readonly answerText: string;
  /** Tokens paid for this ladder (when it was first made). */
  readonly usage?: Usage;
  /** The model that made it. */
  readonly model: string;
  /** True when no model call was made for this request. */
  readonly fromCache: boolean;
}

/** Callbacks and cancellation for one solve. */
export interface SolveHooks {
  /** Called on each streamed event; throttle in the adapter. */
  readonly onProgress?: (progress: SolveProgress) => void;
  /** Aborts the model call. */
  readonly signal?: AbortSignal;
  /**
   * Tutor.solve on a set problem: called at once with the statement and the instructor's first
   * hint (handed out for delivery: post it through Tutor.deliver), before R1 answers. With it,
   * solve's own result is only what joins later: R1's rungs, or the line that more are unavailable.
   */
  readonly onShown?: (view: View) => Promise<void> | void;
  /** Who asked (`platform:userId`), for the provider's end-user field (sent hashed). */
  readonly endUser?: string;
}

/** What R1 said about a problem: cached as said, so ladder-builder improvements apply to old solves. */
interface ModelOutput {
  readonly reasoning: string;
  readonly answerText: string;
  readonly usage?: Usage;
  readonly model: string;
}

/** The store's record that a process is solving a problem now. */
interface InFlightMarker extends Versioned {
  readonly lease: SolveLease;
}

const MARKER_POLL_MS = 500;
const WAIT_PROGRESS_EVERY = 4;

/** Solves each distinct (problem, model, prompt version) once, ever. */
export class LadderProvider {
  private readonly inFlight = new Map<string, Promise<{ output: ModelOutput; isOurs: boolean }>>();

  constructor(
    private readonly store: Store,
    private readonly model: ReasoningModel,
    private readonly prompt: PromptTemplate,
    private readonly logger?: Logger,
  ) {}

  /** The cache key for a problem under the current model and prompt. */
  keyOf(problem: string): string {
    const digest = createHash('sha256').update(`${cacheFormOf(problem)}\u0000${this.model.id}\u0000${this.prompt.version}`).digest('hex');
    return `solve:${digest.slice(0, 32)}`;
  }

  /** The ladder for `problem`, calling R1 only if no one has before (in this process or any sharing the store). */
  async get(problem: string, hooks: SolveHooks = {}): Promise<SolvedLadder> {
    // The leak guard's checker loads while R1 thinks; building the ladder awaits it (and any failure).
    loadLeakGuard().catch(() => undefined);
    const key = this.keyOf(problem);
    const cached = await this.store.get<ModelOutput>(key);
    if (cached) return await ladderOf(problem, cached, true);
    const running = this.inFlight.get(key);
    if (running) return await ladderOf(problem, (await running).output, true);
    const solving = this.solveOnce(key, problem, hooks).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, solving);
    const { output, isOurs } = await solving;
    return await ladderOf(problem, output, !isOurs);
  }

  /**
   * Solves under the store's in-flight marker for this problem (a lease, renewed while R1
   * streams): when another process holds a live marker, waits for its result instead of paying
   * R1 again, and takes over if that marker lapses or is released without a result.
   */
  private async solveOnce(key: string, problem: string, hooks: SolveHooks): Promise<{ output: ModelOutput; isOurs: boolean }> {
    const markerKey = `${key}:in-flight`;
    const started = Date.now();
    for (let poll = 0; ; poll++) {
      const marker = await this.store.get<InFlightMarker>(markerKey);
      if (!marker || !isLeaseLive(marker.lease, Date.now())) {
        const lease = takeLease(Date.now(), SOLVE_LEASE_MS);
        if (await this.store.swap(markerKey, marker?.version ?? 0, { version: (marker?.version ?? 0) + 1, lease })) {
          // The holder before us may have stored its result just before releasing the marker.
          const done = await this.store.get<ModelOutput>(key);
          if (done) {
            await this.releaseMarker(markerKey, lease);
            return { output: done, isOurs: false };
          }
          return { output: await this.solveHoldingMarker(key, markerKey, lease, problem, hooks), isOurs: true };
        }
      }
      const done = await this.store.get<ModelOutput>(key);
      if (done) return { output: done, isOurs: false };
      if (hooks.signal?.aborted) throw new ModelError('aborted while waiting for another solve', 'The solve was cancelled.', false);
      if (poll === 0 || poll % WAIT_PROGRESS_EVERY === 0) hooks.onProgress?.({ phase: 'waiting', elapsedMs: Date.now() - started, reasoningTokens: 0 });
      await new Promise((resolve) => setTimeout(resolve, MARKER_POLL_MS / 2 + Math.random() * MARKER_POLL_MS));
    }
  }

  private async solveHoldingMarker(key: string, markerKey: string, lease: SolveLease, problem: string, hooks: SolveHooks): Promise<ModelOutput> {
    const renew = () => updateRecord<InFlightMarker>(this.store, markerKey, (current) =>
      current?.lease.id === lease.id ? { ...current, lease: renewLease(current.lease, Date.now(), SOLVE_LEASE_MS) } : undefined);
    try {
      const onError = (error: unknown) => this.logger?.warn('could not renew an in-flight solve marker', { key, error });
      const output = await whileRenewing(SOLVE_LEASE_MS, renew, onError, () => this.solve(problem, hooks));
      await this.store.set(key, output);
      return output;
    } finally {
      // Released with or without a result: a waiter finds the result, or takes the solve over at once.
      await this.releaseMarker(markerKey, lease);
    }
  }

  private async releaseMarker(markerKey: string, lease: SolveLease): Promise<void> {
    const current = await this.store.get<InFlightMarker>(markerKey);
    if (current?.lease.id === lease.id) await this.store.delete(markerKey);
  }

  private async solve(problem: string, hooks: SolveHooks): Promise<ModelOutput> {
    const started = Date.now();
    let reasoning = '';
    let answerText = '';
    let reasoningTokens = 0;
    let usage: Usage | undefined;
    let finish: string | undefined;
    const report = (phase: SolveProgress['phase'], note?: string) =>
      hooks.onProgress?.({ phase, elapsedMs: Date.now() - started, reasoningTokens, note });
    report('waiting');
    for await (const event of this.model.solve({ prompt: this.prompt.render(problem), endUser: hooks.endUser }, hooks.signal)) {
      switch (event.type) {
        case 'reasoning':
          reasoning += event.text;
          reasoningTokens++;
          report('thinking');
          break;
        case 'answer':
          answerText += event.text;
          report('answering');
          break;
        case 'usage':
          usage = event.usage;
          break;
        case 'restart':
          reasoning = '';
          answerText = '';
          reasoningTokens = 0;
          report('retrying', event.reason);
          break;
        case 'finish':
          finish = event.reason;
          break;
      }
    }
    if (!reasoning.trim() && !answerText.trim()) {
      throw new ModelError(`Model finished (${finish ?? 'no reason'}) with no output`, 'The model returned an empty answer. Please try again.', true);
    }
    const output = { reasoning, answerText, usage, model: this.model.id };
    if (finish === 'length' && !(await ladderOf(problem, output, false)).ladder.finalAnswer) {
      throw new ModelError('Model hit its token limit before answering', 'The model ran out of room before it reached an answer. Please try again, or split the problem into parts.', false);
    }
    return output;
  }
}

async function ladderOf(problem: string, output: ModelOutput, fromCache: boolean): Promise<SolvedLadder> {
  return { ...output, ladder: await createHintLadder({ problem, reasoning: output.reasoning, answer: output.answerText }), fromCache };
}
