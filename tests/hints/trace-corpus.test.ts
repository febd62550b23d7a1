/**
 * Every recorded R1 trace, checked the way a student would notice: no rung before the last gives the
 * answer away (judged by the answer checker over every value the rung states, read by
 * tests/hints/ladder-judge.ts independently of the builder's leak guard), a solution with steps makes
 * a ladder of at least two rungs, no two rungs say the same thing, no rung talks to itself or keeps a
 * Markdown title, and the answer rung states R1's boxed answer in its box.
 *
 * The committed traces always run. STEPWISE_TRACE_CORPUS adds local JSON Lines files of the same shape
 * (colon-separated), e.g. the cited collection build-local-corpus.ts writes from a clone.
 */
import { describe, expect, it } from 'vitest';
import { buildHintLadder, type HintLadder } from '../../src/hints/hint-ladder.ts';
import { loadLeakGuard } from '../../src/hints/leak-guard.ts';
import { normalizeMathDelimiters, paragraphs } from '../../src/hints/tex-text.ts';
import {
  TUNED_BEFORE_COMMITTED,
  citedTraces,
  committedTraces,
  localTraces,
  splitOf,
  type Trace,
} from '../fixtures/r1-traces/corpus.ts';
import { answerRungProblems, hasSteps, judgedAnswer, leakingRungs, leaksIn, repeatedRungs, untidyRungs } from './ladder-judge.ts';

await loadLeakGuard();

const COMMITTED = committedTraces();
const CITED = citedTraces();
const TRACES: Trace[] = [...COMMITTED, ...localTraces()];

describe('the corpus', () => {
  it('has at least 100 genuine traces committed (and more cited), each cited by repository, commit, file and row', () => {
    expect(COMMITTED.length).toBeGreaterThanOrEqual(100);
    for (const trace of COMMITTED) {
      expect(trace.source).toMatch(/^(?:[\w.-]+\/[\w.-]+:\S+ \(commit [0-9a-f]{40}\)|[\w.-]+\/[\w.-]+@[0-9a-f]{7}:\S+#\d+$|Unresolved GitHub file \(code-search file id \d+)/);
    }
    for (const cited of CITED) expect(cited.source).toBe(`markyx316/LLM-Reasoning-Trace-Topology@f841ba7:${cited.path}#${cited.item}`);
    expect(new Set([...COMMITTED, ...CITED].map((trace) => trace.source)).size).toBe(COMMITTED.length + CITED.length);
  });

  it('keeps a held-back split chosen by the hash of each source id: about three in four of the traces never tuned on', () => {
    COMMITTED.forEach((trace, index) => expect(trace.split).toBe(splitOf(trace.source, index < TUNED_BEFORE_COMMITTED)));
    for (const cited of CITED) expect(cited.split).toBe(splitOf(cited.source, cited.tunedBefore));
    const neverTuned = [...COMMITTED.slice(TUNED_BEFORE_COMMITTED), ...CITED.filter((cited) => !cited.tunedBefore)];
    const heldBack = neverTuned.filter((trace) => trace.split === 'held-back').length / neverTuned.length;
    expect(heldBack).toBeGreaterThanOrEqual(0.65);
    expect(heldBack).toBeLessThanOrEqual(0.85);
    expect(COMMITTED.filter((trace) => trace.split === 'held-back').length).toBeGreaterThanOrEqual(50);
  });

  it('spans the topics and answer shapes the tutor meets', () => {
    const topics = new Set([...COMMITTED, ...CITED].map((trace) => trace.topic));
    for (const topic of ['arithmetic word problem', 'algebra', 'geometry with degrees', 'number theory', 'probability', 'physics with units', 'trigonometry']) {
      expect(topics).toContain(topic);
    }
  });
});

describe('the leak judge the corpus tests use', () => {
  const boxedOnes = COMMITTED.filter((trace) => judgedAnswer(trace, buildHintLadder(trace)) !== undefined);

  it('catches the answer in R1 answer text left unguarded, on almost every trace', () => {
    const caught = boxedOnes.filter((trace) => {
      const answer = judgedAnswer(trace, buildHintLadder(trace)) ?? '';
      const unboxed = normalizeMathDelimiters(trace.answer).replace(/\\boxed\{((?:[^{}]|\{[^{}]*\})*)\}/g, '$1');
      return paragraphs(unboxed).some((piece) => leaksIn(piece, answer, trace.problem).length > 0);
    });
    expect(caught.length).toBeGreaterThanOrEqual(Math.floor(boxedOnes.length * 0.95));
  });

  it.each([
    ['an equation', (answer: string) => `Solving gives $x = ${answer}$.`],
    ['a result in prose', (answer: string) => `So the total comes to ${answer} dollars.`],
    ['a display line', (answer: string) => `Then\n$$3 + 4 = ${answer}$$`],
    ['a box', (answer: string) => `That is $\\boxed{${answer}}$.`],
  ])('flags a deliberately leaky rung that states the answer as %s', (_form, leaky) => {
    for (const trace of boxedOnes.filter((candidate) => /^-?\d+$/.test(judgedAnswer(candidate, buildHintLadder(candidate)) ?? ''))) {
      const ladder = buildHintLadder(trace);
      const answer = judgedAnswer(trace, ladder) ?? '';
      const leakyLadder: HintLadder = { ...ladder, rungs: [{ kind: 'step', text: leaky(answer) }, ...ladder.rungs] };
      expect(leakingRungs(leakyLadder, trace.problem, answer), trace.source).not.toEqual([]);
    }
  });

  it('flags a degree, a currency and a word answer given away', () => {
    expect(leaksIn('The inscribed angle is half the arc, so it is $30^\\circ$.', '30', 'Find the angle.')).not.toEqual([]);
    expect(leaksIn('Her earnings are \\$18 a day.', '18', 'How much does she make?')).not.toEqual([]);
    expect(leaksIn('So Evelyn has the greatest average speed.', '\\text{Evelyn}', 'Which of Evelyn and Carla is faster?')).not.toEqual([]);
    expect(leaksIn('Evelyn: (1.25, 4.5)', '\\text{Evelyn}', 'Which of Evelyn and Carla is faster?')).toEqual([]);
    expect(leaksIn('She eats 3 eggs and bakes with 4.', '3', 'She eats 3 eggs and bakes with 4 of them.')).toEqual([]);
  });
});

describe.each(TRACES.map((trace, index) => [index + 1, trace.split ?? 'tune', trace.source.slice(0, 70), trace] as const))(
  'recorded trace #%i (%s: %s)',
  (_number, _split, _source, trace) => {
    const ladder = buildHintLadder(trace);

    it('keeps the answer out of every rung before the last, by the answer checker', () => {
      expect(leakingRungs(ladder, trace.problem, judgedAnswer(trace, ladder))).toEqual([]);
    });

    it('makes a ladder of at least two rungs when R1 wrote steps', () => {
      if (hasSteps(trace)) expect(ladder.rungs.length).toBeGreaterThanOrEqual(2);
      expect(ladder.rungs.at(-1)?.kind).toBe('answer');
    });

    it('never says the same thing twice', () => {
      expect(repeatedRungs(ladder)).toEqual([]);
    });

    it("carries none of R1's monologue and no Markdown headings or bold lead-ins", () => {
      expect(untidyRungs(ladder)).toEqual([]);
    });

    it("states R1's boxed answer in the answer rung's box, and never leaves a sentence without its value", () => {
      expect(answerRungProblems(ladder, trace)).toEqual([]);
    });
  },
);

describe('the recorded corpus as a whole', () => {
  it('gives most traces more than the bare answer', () => {
    const helpful = TRACES.filter((trace) => buildHintLadder(trace).rungs.length >= 3);
    expect(helpful.length).toBeGreaterThanOrEqual(Math.ceil(TRACES.length * 0.8));
  });
});
