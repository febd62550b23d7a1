/**
 * The README's figures for hint ladders on recorded R1 traces: per split, how many traces pass each
 * check of tests/hints/trace-corpus.test.ts. Run with the local collections named as for the test:
 *
 *   STEPWISE_TRACE_CORPUS=/tmp/local-traces.jsonl npx tsx tests/hints/trace-report.ts [--details tune|held-back]
 *
 * --details prints each failing trace of that split with what failed.
 */
import { buildHintLadder } from '../../src/hints/hint-ladder.ts';
import { loadLeakGuard } from '../../src/hints/leak-guard.ts';
import { committedTraces, localTraces, type Trace } from '../fixtures/r1-traces/corpus.ts';
import { answerRungProblems, hasSteps, judgedAnswer, leakingRungs, repeatedRungs, untidyRungs } from './ladder-judge.ts';

await loadLeakGuard();

const detailsFor = process.argv.includes('--details') ? process.argv[process.argv.indexOf('--details') + 1] : undefined;
const groups: [string, Trace[]][] = [
  ['committed', committedTraces()],
  ['local', localTraces()],
];
const checks = ['leak', 'one rung', 'repeat', 'untidy', 'answer rung'] as const;

for (const split of ['tune', 'held-back'] as const) {
  for (const [name, traces] of groups) {
    const inSplit = traces.filter((trace) => (trace.split ?? 'tune') === split);
    if (inSplit.length === 0) continue;
    const failures: Record<(typeof checks)[number], number> = { leak: 0, 'one rung': 0, repeat: 0, untidy: 0, 'answer rung': 0 };
    let passing = 0;
    let rungs = 0;
    for (const trace of inSplit) {
      const ladder = buildHintLadder(trace);
      rungs += ladder.rungs.length;
      const found = {
        leak: leakingRungs(ladder, trace.problem, judgedAnswer(trace, ladder)),
        'one rung': hasSteps(trace) && ladder.rungs.length < 2 ? ['one rung although R1 wrote steps'] : [],
        repeat: repeatedRungs(ladder),
        untidy: untidyRungs(ladder),
        'answer rung': answerRungProblems(ladder, trace),
      };
      const failed = checks.filter((check) => found[check].length > 0);
      failed.forEach((check) => failures[check]++);
      if (failed.length === 0) passing++;
      else if (detailsFor === split) console.log(`  ${trace.source}\n    ${failed.flatMap((check) => found[check]).join('\n    ')}`);
    }
    console.log(`${split} / ${name}: ${inSplit.length} traces, all checks pass ${passing}, ${(rungs / inSplit.length).toFixed(1)} rungs a ladder; failing: ${checks.map((check) => `${check} ${failures[check]}`).join(', ')}`);
  }
}

const everything = groups.flatMap(([, traces]) => traces);
const topics = new Map<string, number>();
for (const trace of everything) topics.set(trace.topic ?? 'unknown', (topics.get(trace.topic ?? 'unknown') ?? 0) + 1);
console.log(`topics (${everything.length}): ${[...topics].sort((a, b) => b[1] - a[1]).map(([topic, count]) => `${topic} ${count}`).join(', ')}`);
