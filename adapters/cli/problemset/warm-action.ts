/** `stepwise problemset warm FILE`: store the set, show the cost estimate, then solve every problem ahead of class. */
import { parseArgs } from 'node:util';
import { describePeriod, describeWarm, LOCAL_SPACE, MAX_WARM_SAMPLES, userMessageOf, type WarmEstimate, type WarmProblemResult } from '../../../src/index.ts';
import { NO_KEY_NOTICE, openCliEngine } from '../cli-engine.ts';
import { EXIT_MISSING_ARGUMENT, type CliCommand } from '../command.ts';
import { uploadLocalSet } from './upload-local-set.ts';

export const warmAction: CliCommand = {
  name: 'warm',
  summary: "Store a set and prepare every problem's hints ahead of class (cost estimate first)",
  usage: 'stepwise problemset warm FILE [--samples K] [--concurrency N] [--estimate]',
  async run(args, io) {
    const { values, positionals } = parseArgs({ args, options: { concurrency: { type: 'string' }, samples: { type: 'string' }, estimate: { type: 'boolean' } }, allowPositionals: true });
    const [file] = positionals;
    const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
    const samples = values.samples === undefined ? 1 : Number(values.samples);
    const badConcurrency = concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 16);
    const badSamples = !(Number.isInteger(samples) && samples >= 1 && samples <= MAX_WARM_SAMPLES);
    if (!file || positionals.length > 1 || badConcurrency || badSamples) {
      io.stderr.write(`Name one set file (and --concurrency 1 to 16, --samples 1 to ${MAX_WARM_SAMPLES}).\nUsage: ${this.usage}\n`);
      return EXIT_MISSING_ARGUMENT;
    }
    const engine = await openCliEngine(io, false, { announceDemo: false });
    const instructor = { ...engine.user, isInstructor: true };
    try {
      const { set } = await uploadLocalSet(engine, io, file);
      const { classroom } = engine.stepwise;
      const estimate = await classroom.estimateWarm(LOCAL_SPACE, instructor, set.id, samples);
      io.stdout.write(`${describeEstimate(set.id, estimate)}\n`);
      if (values.estimate) return 0;
      // Only a warm that solves something calls the model, so only then is demo mode worth a word.
      if (engine.demo && estimate.problems > estimate.alreadyWarm) io.stderr.write(`${NO_KEY_NOTICE}\n`);
      const result = await classroom.warm(LOCAL_SPACE, instructor, set.id, {
        concurrency,
        samples,
        onProgress: ({ done, total, result: problem }) =>
          io.stdout.write(`[${done}/${total}] ${problem.problemId}: ${problem.status}${samplesNote(problem)}${problem.fromCache ? ' (already warm)' : ''}${problem.message ? ` (${problem.message})` : ''}\n`),
      });
      io.stdout.write(`${describeWarm(result)}\n`);
      return result.results.every((problem) => problem.status === 'agrees') ? 0 : 1;
    } catch (error) {
      io.stderr.write(`${userMessageOf(error)}\n`);
      return 1;
    } finally {
      await engine.close();
    }
  },
};

/** "week-1: 8 problems, 2 already warm; about 1,200 input + 24,000 output tokens ≈ $0.05 ..." */
export function describeEstimate(setId: string, estimate: WarmEstimate): string {
  const toSolve = estimate.problems - estimate.alreadyWarm;
  const tokens = `about ${estimate.inputTokens.toLocaleString('en')} input + ${estimate.outputTokens.toLocaleString('en')} output tokens`;
  const price = `at $${estimate.prices.inputPerMillion}/M input and $${estimate.prices.outputPerMillion}/M output, ${describePeriod(estimate.prices.period)} (override with STEPWISE_PRICE_INPUT_PER_MTOK, STEPWISE_PRICE_OUTPUT_PER_MTOK)`;
  const solves = estimate.samples > 1 ? ` (${estimate.solves} solves: ${estimate.samples} samples each, less those cached)` : '';
  return toSolve === 0
    ? `${setId}: all ${estimate.problems} problems are already warm${estimate.samples > 1 ? ` with ${estimate.samples} samples` : ''}; nothing to pay.`
    : `${setId}: ${estimate.problems} problems, ${estimate.alreadyWarm} already warm. Warming ${toSolve}${solves} costs ${tokens} ≈ $${estimate.costUsd.toFixed(2)} ${price}.`;
}

/** " (4 of 5 samples agree)", or "" for one sample. */
function samplesNote(result: WarmProblemResult): string {
  return result.agreement ? ` (${result.agreement.agreeing} of ${result.agreement.total} samples agree${result.agreement.hasMajority ? '' : ': no majority'})` : '';
}
