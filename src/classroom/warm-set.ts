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
/** Most samples a warm may take per problem (Pardos and Bhandari took 10). */
export const MAX_WARM_SAMPLES = 10;

/** The store key a set's last warm result is kept under (in the space's scope). */
export const warmKeyOf = (setId: string) => `warm:${setId}`;

export type { TokenPrices };

/** What warming will cost, before it starts. */
export interface WarmEstimate {
  /** Problems in the set. */
  readonly problems: number;
  /** Problems whose ladder is already cached (free): every sample of it, when sampling. */
  readonly alreadyWarm: number;
  /** Samples per problem the estimate covers. */
  readonly samples: number;
  /** Solves the warm will pay for (problems times samples, less those cached). */
  readonly solves: number;
  /** Estimated tokens for the rest. */
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Estimated cost in US dollars at `prices`. */
  readonly costUsd: number;
  /** The prices used (their `period` says whether peak, off-peak or STEPWISE_PRICE_* applied). */
  readonly prices: TokenPrices;
}

/** One group of samples whose answers the checker judged equivalent. */
export interface SampleAnswer {
  /** The answer as the first sample of the group stated it (undefined: no final answer). */
  readonly answer?: string;
  /** Which samples gave it (0-based). */
  readonly samples: readonly number[];
}

/** How the samples of one problem agreed with each other. */
export interface SampleAgreement {
  /** Samples taken. */
  readonly total: number;
  /** Samples in the largest group of equivalent answers. */
  readonly agreeing: number;
  /** Whether that group is more than half of the samples. */
  readonly hasMajority: boolean;
  /** The groups, largest first; failed samples are in none. */
  readonly groups: readonly SampleAnswer[];
  /** The sample whose ladder students get. */
  readonly chosen: number;
  /** Samples whose solve failed. */
  readonly failed: number;
}

/** How one problem warmed. */
export interface WarmProblemResult {
  /** The problem's id. */
  readonly problemId: string;
  /**
   * agrees: R1's answer (the samples' majority) matches the instructor's; disagrees/no-answer:
   * students get authored hints only; no-majority: the samples split (the ladder is from the
   * largest group, check it); failed: the model failed.
   */
  readonly status: 'agrees' | 'disagrees' | 'no-answer' | 'no-majority' | 'failed';
  /** R1's final answer (the largest group's, when sampling), for the instructor to compare. */
  readonly r1Answer?: string;
  /** With no majority: whether the ladder kept (the largest group's) agrees with the instructor's answer. */
  readonly agreesWithReference?: boolean;
  /** Why it failed, in a sentence. */
  readonly message?: string;
  /** Whether the ladder was already cached (every sample of it). */
  readonly fromCache: boolean;
  /** With more than one sample: how they agreed. */
  readonly agreement?: SampleAgreement;
}

/** The outcome of warming a whole set. */
export interface WarmResult {
  /** The set warmed. */
  readonly setId: string;
  /** One result per problem, in set order. */
  readonly results: readonly WarmProblemResult[];
  /** Tokens actually spent, over every sample. */
  readonly usage?: Usage;
  /** Samples per problem. */
  readonly samples?: number;
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

/** Estimates the cost of warming `set` with `samples` solves per problem; cached solves cost nothing. */
export async function estimateWarm(set: ProblemSet, tutor: Tutor, prices: TokenPrices, samples = 1): Promise<WarmEstimate> {
  const units = set.problems.flatMap((problem) => Array.from({ length: samples }, (_, sample) => ({ problem, sample })));
  const cached = await Promise.all(units.map(({ problem, sample }) => tutor.isPrepared(problem.statement, sample)));
  const toSolve = units.filter((_, index) => !cached[index]).map(({ problem }) => problem);
  const inputTokens = toSolve.reduce((sum, problem) => sum + TEMPLATE_TOKENS + Math.ceil(problem.statement.length / CHARS_PER_TOKEN), 0);
  const outputTokens = toSolve.length * ESTIMATED_OUTPUT_TOKENS;
  const costUsd = (inputTokens * prices.inputPerMillion + outputTokens * prices.outputPerMillion) / 1_000_000;
  const alreadyWarm = set.problems.filter((_, index) => cached.slice(index * samples, (index + 1) * samples).every(Boolean)).length;
  return { problems: set.problems.length, alreadyWarm, samples, solves: toSolve.length, inputTokens, outputTokens, costUsd, prices };
}

/** What a warm may be told. */
export interface WarmOptions {
  /** Most model calls at once (over all problems and samples). */
  readonly concurrency?: number;
  /** Independent solves per problem; the majority answer's ladder is kept (default 1). */
  readonly samples?: number;
  /** Called as each problem finishes (all its samples). */
  readonly onProgress?: (progress: WarmProgress) => void;
  /** Stops starting new solves. */
  readonly signal?: AbortSignal;
}

type SetProblem = ProblemSet['problems'][number];

/** One finished solve of one sample. */
interface SampleOutcome {
  readonly answer?: string;
  readonly fromCache: boolean;
  readonly usage?: Usage;
  readonly failure?: string;
}

/** Solves every problem of `set` (`samples` times each) with at most `concurrency` model calls at once. */
export async function warmSet(set: ProblemSet, tutor: Tutor, checker: AnswerChecker, options: WarmOptions = {}): Promise<WarmResult> {
  const samples = Math.max(1, options.samples ?? 1);
  const results: WarmProblemResult[] = new Array(set.problems.length);
  const outcomes = set.problems.map(() => new Array<SampleOutcome>(samples));
  const remaining = set.problems.map(() => samples);
  const units = set.problems.flatMap((_, problem) => Array.from({ length: samples }, (_, sample) => ({ problem, sample })));
  let usage: Usage | undefined;
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < units.length && !options.signal?.aborted) {
      const unit = units[next++];
      const problem = unit && set.problems[unit.problem];
      if (!unit || !problem) return;
      const outcome = await solveSample(problem, unit.sample, samples, tutor, options.signal);
      if (outcome.usage) usage = addUsage(usage, outcome.usage);
      (outcomes[unit.problem] as SampleOutcome[])[unit.sample] = outcome;
      const left = (remaining[unit.problem] ?? 1) - 1;
      remaining[unit.problem] = left;
      if (left > 0) continue;
      const result = await judgeProblem(problem, outcomes[unit.problem] as SampleOutcome[], tutor, checker);
      results[unit.problem] = result;
      options.onProgress?.({ done: ++done, total: set.problems.length, result });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? DEFAULT_WARM_CONCURRENCY) }, worker));
  return { setId: set.id, results: results.filter(Boolean), usage, ...(samples > 1 ? { samples } : {}) };
}

async function solveSample(problem: SetProblem, sample: number, samples: number, tutor: Tutor, signal?: AbortSignal): Promise<SampleOutcome> {
  try {
    // One sample: the students' entry, exactly as before. Several: each sample its own solve.
    const solved = await tutor.prepare(problem.statement, { signal }, samples > 1 ? sample : undefined);
    return { answer: solved.ladder.finalAnswer, fromCache: solved.fromCache, usage: solved.fromCache ? undefined : solved.usage };
  } catch (error) {
    return { fromCache: false, failure: userMessageOf(error) };
  }
}

/** Groups the samples' answers by equivalence, adopts a majority sample's ladder, and compares it with the instructor's. */
async function judgeProblem(problem: SetProblem, outcomes: readonly SampleOutcome[], tutor: Tutor, checker: AnswerChecker): Promise<WarmProblemResult> {
  const fromCache = outcomes.every((outcome) => outcome.fromCache);
  const answered = outcomes.flatMap((outcome, sample) => (outcome.failure === undefined ? [{ sample, answer: outcome.answer }] : []));
  if (answered.length === 0) return { problemId: problem.id, status: 'failed', message: outcomes[0]?.failure ?? 'model failure', fromCache };
  const groups = await groupAnswers(answered, (a, b) => checker(a, b, problem.answerOptions ?? {}));
  const largest = groups[0] as SampleAnswer;
  const hasMajority = largest.samples.length * 2 > outcomes.length;
  const chosen = largest.samples[0] as number;
  if (outcomes.length > 1) await tutor.adoptSample(problem.statement, chosen);
  const agreement: SampleAgreement = { total: outcomes.length, agreeing: largest.samples.length, hasMajority, groups, chosen, failed: outcomes.length - answered.length };
  const base = { problemId: problem.id, fromCache, r1Answer: largest.answer, ...(outcomes.length > 1 ? { agreement } : {}) };
  const agrees = largest.answer !== undefined && (await checker(problem.answer, largest.answer, problem.answerOptions ?? {})).verdict === 'equivalent';
  if (!hasMajority) return { ...base, status: 'no-majority', agreesWithReference: agrees };
  return { ...base, status: largest.answer === undefined ? 'no-answer' : agrees ? 'agrees' : 'disagrees' };
}

/** Groups answers the checker judges equivalent (each against the group's first); no answer is a group of its own. Largest first, ties by first sample. */
async function groupAnswers(
  answered: readonly { sample: number; answer?: string }[],
  check: (reference: string, answer: string) => Promise<{ verdict: string }>,
): Promise<SampleAnswer[]> {
  const groups: { answer?: string; samples: number[] }[] = [];
  for (const { sample, answer } of answered) {
    let home: { answer?: string; samples: number[] } | undefined;
    for (const group of groups) {
      const same = group.answer === undefined || answer === undefined ? group.answer === answer : (await check(group.answer, answer)).verdict === 'equivalent';
      if (same) {
        home = group;
        break;
      }
    }
    if (home) home.samples.push(sample);
    else groups.push({ answer, samples: [sample] });
  }
  return groups.sort((a, b) => b.samples.length - a.samples.length || (a.samples[0] ?? 0) - (b.samples[0] ?? 0));
}
