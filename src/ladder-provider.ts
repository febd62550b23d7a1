/** Gets the ladder for a problem: from the cache, from a solve already under way, or from R1. */
import { createHash } from 'node:crypto';
import { ModelError } from './errors.ts';
import { createHintLadder, type HintLadder } from './hints/hint-ladder.ts';
import { loadLeakGuard } from './hints/leak-guard.ts';
import type { PromptTemplate } from './hints/prompt.ts';
import type { Logger } from './logger.ts';
import type { ReasoningModel, SentRequest, Usage } from './model/reasoning-model.ts';
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
  /** The cache key the output is stored under (a session keeps it, for `stepwise inspect`). */
  readonly key: string;
  /** The request as sent, when the solve recorded it. */
  readonly request?: SentRequest;
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
export interface ModelOutput {
  /** The chain of thought, raw. */
  readonly reasoning: string;
  /** The answer text, raw. */
  readonly answerText: string;
  /** Tokens the solve paid for (the server's model version in `usage.model`). */
  readonly usage?: Usage;
  /** The model name the solve asked for. */
  readonly model: string;
  /** The request as sent (older records have none). */
  readonly request?: SentRequest;
  /** The version (content hash) of the prompt template the request was rendered from. */
  readonly promptVersion?: string;
  /** ISO time the solve finished. */
  readonly solvedAt?: string;
  /** Which warm sample this was; set when a sample's output was adopted as the ladder. */
  readonly sample?: number;
}

/** Suffix of the key a warm sample beyond the first is kept under; sample 0 is the shared entry itself. */
const sampleSuffix = (sample: number) => `:sample${sample}`;

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

  /**
   * The cache key for a problem under the current model and prompt. Warm sample `sample` > 0 has
   * its own key, so K samples are K solves; sample 0 is the entry students share.
   */
  keyOf(problem: string, sample = 0): string {
    const digest = createHash('sha256').update(`${cacheFormOf(problem)}\u0000${this.model.id}\u0000${this.prompt.version}`).digest('hex');
    return `solve:${digest.slice(0, 32)}${sample > 0 ? sampleSuffix(sample) : ''}`;
  }

  /** The ladder students get for `problem`, calling R1 only if no one has before (in this process or any sharing the store). */
  async get(problem: string, hooks: SolveHooks = {}): Promise<SolvedLadder> {
    return this.getAt(problem, this.keyOf(problem), hooks);
  }

  /**
   * Warm sample `sample` of `problem`: sample 0 is the students' entry, unless another sample was
   * adopted in its place (then sample 0's own output, kept aside).
   */
  async getSample(problem: string, sample: number, hooks: SolveHooks = {}): Promise<SolvedLadder> {
    const key = this.keyOf(problem, sample);
    const setAside = sample === 0 ? await this.store.get<ModelOutput>(`${key}${sampleSuffix(0)}`) : undefined;
    return setAside ? ladderOf(problem, `${key}${sampleSuffix(0)}`, setAside, true) : this.getAt(problem, key, hooks);
  }

  private async getAt(problem: string, key: string, hooks: SolveHooks): Promise<SolvedLadder> {
    // The leak guard's checker loads while R1 thinks; building the ladder awaits it (and any failure).
    loadLeakGuard().catch(() => undefined);
    const cached = await this.store.get<ModelOutput>(key);
    if (cached) return await ladderOf(problem, key, cached, true);
    const running = this.inFlight.get(key);
    if (running) return await ladderOf(problem, key, (await running).output, true);
    const solving = this.solveOnce(key, problem, hooks).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, solving);
    const { output, isOurs } = await solving;
    return await ladderOf(problem, key, output, !isOurs);
  }

  /** Whether `problem` (warm sample `sample` of it) is already solved. */
  async has(problem: string, sample = 0): Promise<boolean> {
    return (await this.store.get(this.keyOf(problem, sample))) !== undefined;
  }

  /**
   * Makes warm sample `sample` the ladder students get: its output goes to the shared entry, and
   * sample 0's own output is kept aside so later warms still count it as its own sample.
   */
  async adopt(problem: string, sample: number): Promise<void> {
    const shared = this.keyOf(problem);
    const current = await this.store.get<ModelOutput>(shared);
    const chosen = sample === 0 ? await this.store.get<ModelOutput>(`${shared}${sampleSuffix(0)}`) : await this.store.get<ModelOutput>(this.keyOf(problem, sample));
    if (!chosen || (current?.sample ?? 0) === sample) return;
    if (current && (current.sample ?? 0) === 0) await this.store.set(`${shared}${sampleSuffix(0)}`, current);
    await this.store.set(shared, { ...chosen, sample });
  }

  /** The stored output at `key` (a session's `solveKey`), for inspection. */
  async read(key: string): Promise<ModelOutput | undefined> {
    return this.store.get<ModelOutput>(key);
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
    const request = { prompt: this.prompt.render(problem), endUser: hooks.endUser };
    for await (const event of this.model.solve(request, hooks.signal)) {
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
    const sent = this.model.describeRequest?.(request) ?? { model: this.model.id, parameters: {}, prompt: request.prompt };
    const output: ModelOutput = { reasoning, answerText, usage, model: this.model.id, request: sent, promptVersion: this.prompt.version, solvedAt: new Date().toISOString() };
    if (finish === 'length' && !(await buildLadder(problem, output)).finalAnswer) {
      throw new ModelError('Model hit its token limit before answering', 'The model ran out of room before it reached an answer. Please try again, or split the problem into parts.', false);
    }
    return output;
  }
}

async function ladderOf(problem: string, key: string, output: ModelOutput, fromCache: boolean): Promise<SolvedLadder> {
  const { reasoning, answerText, usage, model, request } = output;
  return { reasoning, answerText, usage, model, request, key, ladder: await buildLadder(problem, output), fromCache };
}

function buildLadder(problem: string, output: ModelOutput): Promise<HintLadder> {
  return createHintLadder({ problem, reasoning: output.reasoning, answer: output.answerText });
}
