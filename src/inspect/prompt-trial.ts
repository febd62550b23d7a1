/**
 * Trying a prompt before students see it: solve a set (or re-build recorded traces) with a variant
 * and with the current prompt, side by side. Nothing is written to the shared store unless the
 * variant is promoted.
 */
import type { AnswerChecker, AnswerOptions } from '../answer-checker.ts';
import { userMessageOf } from '../errors.ts';
import { createHintLadder, type LadderSource } from '../hints/hint-ladder.ts';
import type { PromptTemplate } from '../hints/prompt.ts';
import { LadderProvider } from '../ladder-provider.ts';
import type { ReasoningModel, Usage } from '../model/reasoning-model.ts';
import { addUsage } from '../model/usage.ts';
import type { Store } from '../store/store.ts';
import { overlayStore } from './overlay-store.ts';
import { pricesAt, solveCostUsd, type PriceSource } from './usage-cost.ts';

const DEFAULT_TRIAL_CONCURRENCY = 4;

/** One problem to try. */
export interface TrialProblem {
  /** Its id in the set, or its line number in the traces file. */
  readonly id: string;
  readonly statement: string;
  /** The instructor's answer, when known. */
  readonly reference?: string;
  readonly answerOptions?: AnswerOptions;
  /** R1's recorded output under the current prompt: the current side is re-built from it, not solved. */
  readonly recorded?: { readonly reasoning: string; readonly answer: string };
}

/** How one prompt did on one problem. */
export interface TrialCell {
  /** Rungs in the ladder (0 when the solve failed). */
  readonly rungs: number;
  /** Where the steps came from. */
  readonly source?: LadderSource;
  /** Steps and rungs the leak guard withheld, cut or dropped because they state the answer. */
  readonly leaksCaught: number;
  /** R1's final answer. */
  readonly r1Answer?: string;
  /** Whether it is equivalent to the instructor's (undefined when there is no reference or no answer). */
  readonly agrees?: boolean;
  /** Tokens of the solve (prompt + reasoning + answer); undefined when unknown. */
  readonly tokens?: number;
  /** Re-built from a recorded trace, or read from the cache, instead of solved now. */
  readonly origin: 'solved' | 'cache' | 'recorded';
  /** Why the solve failed. */
  readonly failure?: string;
}

/** Totals for one prompt. */
export interface TrialTotals {
  readonly version: string;
  readonly rungs: number;
  readonly leaksCaught: number;
  /** Problems whose answer agrees with the instructor's, of those with a reference. */
  readonly agreeing: number;
  readonly withReference: number;
  /** Tokens paid now (cache and recorded traces cost nothing). */
  readonly usage?: Usage;
  readonly costUsd: number;
}

/** The side-by-side result. */
export interface PromptTrial {
  readonly rows: readonly { readonly problemId: string; readonly current: TrialCell; readonly variant: TrialCell }[];
  readonly current: TrialTotals;
  readonly variant: TrialTotals;
  /** Whether the variant's solves were written to the shared cache (only when promoted). */
  readonly promoted: boolean;
}

/** What a trial runs on. */
export interface PromptTrialDependencies {
  /** The shared store: read for cached solves, written only when `promote` is set. */
  readonly store: Store;
  readonly model: ReasoningModel;
  /** The prompt students get now. */
  readonly current: PromptTemplate;
  /** The prompt being tried. */
  readonly variant: PromptTemplate;
  readonly checker: AnswerChecker;
  /** For the cost of the solves made now. */
  readonly prices: PriceSource;
}

/** Runs both prompts over `problems` with at most `concurrency` model calls at once. */
export async function tryPrompt(deps: PromptTrialDependencies, problems: readonly TrialProblem[], options: { readonly promote?: boolean; readonly concurrency?: number; readonly signal?: AbortSignal } = {}): Promise<PromptTrial> {
  const scratch = overlayStore(deps.store);
  const current = new LadderProvider(scratch, deps.model, deps.current);
  const variant = new LadderProvider(options.promote ? deps.store : scratch, deps.model, deps.variant);
  const cells = problems.map(() => ({}) as { current?: TrialCell; variant?: TrialCell });
  const usage: { current?: Usage; variant?: Usage } = {};
  const units = problems.flatMap((problem, index) => (['current', 'variant'] as const).map((side) => ({ problem, index, side })));
  let next = 0;
  const worker = async () => {
    while (next < units.length && !options.signal?.aborted) {
      const unit = units[next++];
      if (!unit) return;
      const { cell, paid } = await tryOne(unit.problem, unit.side === 'current' ? current : variant, unit.side === 'current', deps.checker, options.signal);
      (cells[unit.index] as { current?: TrialCell; variant?: TrialCell })[unit.side] = cell;
      if (paid) usage[unit.side] = addUsage(usage[unit.side], paid);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? DEFAULT_TRIAL_CONCURRENCY) }, worker));
  } finally {
    await scratch.close();
  }
  const failed: TrialCell = { rungs: 0, leaksCaught: 0, origin: 'solved', failure: 'not run' };
  const rows = problems.map((problem, index) => ({ problemId: problem.id, current: cells[index]?.current ?? failed, variant: cells[index]?.variant ?? failed }));
  const totals = (side: 'current' | 'variant', version: string): TrialTotals => {
    const column = rows.map((row) => row[side]);
    const paid = usage[side];
    return {
      version, rungs: sum(column.map((cell) => cell.rungs)), leaksCaught: sum(column.map((cell) => cell.leaksCaught)),
      agreeing: column.filter((cell) => cell.agrees === true).length, withReference: problems.filter((problem) => problem.reference !== undefined).length,
      usage: paid, costUsd: paid ? solveCostUsd(paid, pricesAt(deps.prices, new Date())) : 0,
    };
  };
  return { rows, current: totals('current', deps.current.version), variant: totals('variant', deps.variant.version), promoted: options.promote === true };
}

async function tryOne(problem: TrialProblem, ladders: LadderProvider, isCurrent: boolean, checker: AnswerChecker, signal?: AbortSignal): Promise<{ cell: TrialCell; paid?: Usage }> {
  try {
    const output = isCurrent && problem.recorded
      ? { reasoning: problem.recorded.reasoning, answerText: problem.recorded.answer, usage: undefined, origin: 'recorded' as const }
      : await ladders.get(problem.statement, { signal }).then((solved) => ({ ...solved, origin: solved.fromCache ? ('cache' as const) : ('solved' as const) }));
    const ladder = await createHintLadder({ problem: problem.statement, reasoning: output.reasoning, answer: output.answerText });
    const agrees = problem.reference === undefined
      ? undefined
      : ladder.finalAnswer !== undefined && (await checker(problem.reference, ladder.finalAnswer, problem.answerOptions ?? {})).verdict === 'equivalent';
    const usage = output.usage;
    const cell: TrialCell = {
      rungs: ladder.rungs.length, source: ladder.source, leaksCaught: (ladder.decisions ?? []).filter((decision) => decision.matched !== undefined).length,
      r1Answer: ladder.finalAnswer, agrees, tokens: usage ? usage.promptTokens + usage.reasoningTokens + usage.answerTokens : undefined, origin: output.origin,
    };
    return { cell, paid: output.origin === 'solved' ? usage : undefined };
  } catch (error) {
    return { cell: { rungs: 0, leaksCaught: 0, origin: 'solved', failure: userMessageOf(error) } };
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** The trial as a Markdown table, current and variant side by side. */
export function promptTrialTable(trial: PromptTrial): string {
  const pair = (current: string, variant: string) => `${current} → ${variant}`;
  const answer = (cell: TrialCell) => (cell.failure ? 'failed' : cell.agrees === undefined ? (cell.r1Answer ?? 'none') : `${cell.agrees ? 'yes' : 'no'} (${cell.r1Answer ?? 'none'})`);
  const tokens = (cell: TrialCell) => (cell.tokens === undefined ? (cell.origin === 'recorded' ? 'recorded' : '?') : `${cell.tokens.toLocaleString('en')}${cell.origin === 'cache' ? ' (cached)' : ''}`);
  const lines = [
    `Current prompt ${trial.current.version} → variant ${trial.variant.version}, ${trial.rows.length} problem${trial.rows.length === 1 ? '' : 's'}`,
    '',
    '| problem | rungs | leaks caught | agrees with your answer | tokens |',
    '| --- | --- | --- | --- | --- |',
    ...trial.rows.map((row) => `| ${row.problemId} | ${pair(String(row.current.rungs), String(row.variant.rungs))} | ${pair(String(row.current.leaksCaught), String(row.variant.leaksCaught))} | ${pair(answer(row.current), answer(row.variant))} | ${pair(tokens(row.current), tokens(row.variant))} |`),
    `| **total** | ${pair(String(trial.current.rungs), String(trial.variant.rungs))} | ${pair(String(trial.current.leaksCaught), String(trial.variant.leaksCaught))} | ${pair(`${trial.current.agreeing} of ${trial.current.withReference}`, `${trial.variant.agreeing} of ${trial.variant.withReference}`)} | ${pair(paidTokens(trial.current), paidTokens(trial.variant))} |`,
    '',
    `Paid now: ${pair(`$${trial.current.costUsd.toFixed(4)}`, `$${trial.variant.costUsd.toFixed(4)}`)}.`,
  ];
  const failures = trial.rows.flatMap((row) => (['current', 'variant'] as const).flatMap((side) => (row[side].failure ? [`- ${row.problemId} (${side}): ${row[side].failure}`] : [])));
  return [...lines, ...(failures.length > 0 ? ['', 'Failed:', ...failures] : [])].join('\n');
}

function paidTokens(totals: TrialTotals): string {
  const usage = totals.usage;
  return usage ? (usage.promptTokens + usage.reasoningTokens + usage.answerTokens).toLocaleString('en') : '0';
}
