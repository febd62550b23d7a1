/**
 * Warming a set: solve every problem ahead of class (bounded concurrency, with progress), check
 * R1's answer against the instructor's, and report disagreements problem by problem.
 */
import type { AnswerChecker } from '../answer-checker.ts';
import { userMessageOf } from '../errors.ts';
import type { Usage } from '../model/reasoning-model.ts';
import type { TokenPrices } from '../model/pricing.ts';
import { addUsage } from '../model/usage.ts';
import type { ProblemSet } from '../problemsets/index.ts';
import type { Tutor } from '../tutor.ts';

/** Output tokens R1 typically spends on a school problem (reasoning + answer), for estimates. */
const ESTIMATED_OUTPUT_TOKENS = 4_000;
/** Rough characters per token for estimating prompt size. */
const CHARS_PER_TOKEN = 4;
/** Prompt tokens the solve template adds around the statement. */
const TEMPLATE_TOKENS = 150;
export const DEFAULT_WARM_CONCURRENCY = 4;

export type { TokenPrices };

/** What warming will cost, before it starts. */
export interface WarmEstimate {
  /** Problems in the set. */
  readonly problems: number;
  /** Problems whose ladder is already cached (free). */
  readonly alreadyWarm: number;
  /** Estimated tokens for the rest. */
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Estimated cost in US dollars at `prices`. */
  readonly costUsd: number;
  /** The prices used (their `period` says whether peak, off-peak or STEPWISE_PRICE_* applied). */
  readonly prices: TokenPrices;
}

/** How one problem warmed. */
export interface WarmProblemResult {
  /** The problem's id. */
  readonly problemId: string;
  /** agrees: R1's answer matches the instructor's; disagrees/no-answer: students get authored hints only; failed: the model failed. */
  readonly status: 'agrees' | 'disagrees' | 'no-answer' | 'failed';
  /** R1's final answer, for the instructor to compare. */
  readonly r1Answer?: string;
  /** Why it failed, in a sentence. */
  readonly message?: string;
  /** Whether the ladder was already cached. */
  readonly fromCache: boolean;
}

/** The outcome of warming a whole set. */
export interface WarmResult {
  /** The set warmed. */
  readonly setId: string;
  /** One result per problem, in set order. */
  readonly results: readonly WarmProblemResult[];
  /** Tokens actually spent. */
  readonly usage?: Usage;
}

/** Reported after each problem. */
export interface WarmProgress {
  /** Problems finished so far. */
  readonly done: number;
  /** Problems in the set. */
  readonly total: number;
  /** The problem just finished. */
  readonly result: WarmProblemResult;
}

/** Estimates the cost of warming `set`; cached problems cost nothing. */
export async function estimateWarm(set: ProblemSet, tutor: Tutor, prices: TokenPrices): Promise<WarmEstimate> {
  const cached = await Promise.all(set.problems.map((problem) => tutor.isPrepared(problem.statement)));
  const toSolve = set.problems.filter((_, index) => !cached[index]);
  const inputTokens = toSolve.reduce((sum, problem) => sum + TEMPLATE_TOKENS + Math.ceil(problem.statement.length / CHARS_PER_TOKEN), 0);
  const outputTokens = toSolve.length * ESTIMATED_OUTPUT_TOKENS;
  const costUsd = (inputTokens * prices.inputPerMillion + outputTokens * prices.outputPerMillion) / 1_000_000;
  return { problems: set.problems.length, alreadyWarm: set.problems.length - toSolve.length, inputTokens, outputTokens, costUsd, prices };
}

/** Solves every problem of `set` with at most `concurrency` model calls at once. */
export async function warmSet(
  set: ProblemSet,
  tutor: Tutor,
  checker: AnswerChecker,
  options: { readonly concurrency?: number; readonly onProgress?: (progress: WarmProgress) => void; readonly signal?: AbortSignal } = {},
): Promise<WarmResult> {
  const results: WarmProblemResult[] = new Array(set.problems.length);
  let usage: Usage | undefined;
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < set.problems.length && !options.signal?.aborted) {
      const index = next++;
      const problem = set.problems[index];
      if (!problem) return;
      const result = await warmOne(problem, tutor, checker, options.signal);
      results[index] = result.result;
      if (result.usage) usage = addUsage(usage, result.usage);
      options.onProgress?.({ done: ++done, total: set.problems.length, result: result.result });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? DEFAULT_WARM_CONCURRENCY) }, worker));
  return { setId: set.id, results: results.filter(Boolean), usage };
}

async function warmOne(
  problem: ProblemSet['problems'][number],
  tutor: Tutor,
  checker: AnswerChecker,
  signal?: AbortSignal,
): Promise<{ result: WarmProblemResult; usage?: Usage }> {
  try {
    const solved = await tutor.prepare(problem.statement, { signal });
    const r1Answer = solved.ladder.finalAnswer;
    const base = { problemId: problem.id, fromCache: solved.fromCache, r1Answer };
    const usage = solved.fromCache ? undefined : solved.usage;
    if (r1Answer === undefined) return { result: { ...base, status: 'no-answer' }, usage };
    const { verdict } = await checker(problem.answer, r1Answer, problem.answerOptions);
    return { result: { ...base, status: verdict === 'equivalent' ? 'agrees' : 'disagrees' }, usage };
  } catch (error) {
    return { result: { problemId: problem.id, status: 'failed', message: userMessageOf(error), fromCache: false } };
  }
}
