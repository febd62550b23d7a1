/**
 * Every recorded R1 trace, checked the way a student would notice: no rung before the last gives the
 * answer away (judged by the answer checker, independently of the leak guard's own reading), a
 * solution with steps makes a ladder of at least two rungs, no two rungs say the same thing, no rung
 * talks to itself, and the answer rung states R1's boxed answer in its box.
 *
 * STEPWISE_TRACE_CORPUS may name more JSON Lines files of the same shape (colon-separated), e.g. a
 * local copy of a public collection that may not be committed; their traces get the same checks.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkEquivalence } from '../../src/answers/index.ts';
import { lastBoxed } from '../../src/hints/boxed.ts';
import { buildHintLadder, type HintLadder } from '../../src/hints/hint-ladder.ts';
import { loadLeakGuard } from '../../src/hints/leak-guard.ts';
import { normalizeMathDelimiters } from '../../src/hints/tex-text.ts';

await loadLeakGuard();

interface Trace {
  problem: string;
  reasoning: string;
  answer: string;
  source: string;
  split?: 'tune' | 'held-back';
}

const committed = new URL('../fixtures/r1-traces/traces.jsonl', import.meta.url);
const extra = (process.env.STEPWISE_TRACE_CORPUS ?? '').split(':').filter(Boolean);
const TRACES: Trace[] = [committed, ...extra].flatMap((file) =>
  readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Trace),
);

const MONOLOGUE = /\b(?:Okay|Let me|Hmm+|Wait|I think|That seems|Alright)\b/;
const MATH_SPAN = /\$\$([\s\S]+?)\$\$|(?<!\\)\$((?:\\.|[^$\\\n])+?)(?<!\\)\$/g;

/** Values a rung states, read independently of the leak guard: each math span, its last `=` side, and numbers given as a result. */
function resultsStated(text: string): { value: string; isResult: boolean }[] {
  const values: { value: string; isResult: boolean }[] = [];
  for (const span of text.matchAll(MATH_SPAN)) {
    const math = (span[1] ?? span[2] ?? '').trim();
    values.push({ value: math, isResult: false });
    const sides = math.split(/=|\\approx/);
    if (sides.length > 1) values.push({ value: (sides.at(-1) ?? '').trim().replace(/[.,;]$/, ''), isResult: true });
  }
  for (const match of text.replace(MATH_SPAN, ' ').matchAll(/(?:=|\bis|\bare|\bequals|\bgives)\s*(\\?\$?\s?-?\d[\d,]*(?:\.\d+)?(?:\s*(?:\^\\circ|°|%))?)/g)) {
    values.push({ value: match[1] ?? '', isResult: true });
  }
  return values.filter((entry) => entry.value.length > 0 && entry.value.length < 120);
}

function problemStates(problem: string, answer: string): boolean {
  return [...problem.matchAll(/-?\d+(?:\.\d+)?/g)].some((match) => checkEquivalence(answer, match[0], { timeBudgetMs: 25 }).verdict === 'equivalent')
    || [...problem.matchAll(MATH_SPAN)].some((span) => checkEquivalence(answer, (span[1] ?? span[2] ?? '').trim(), { timeBudgetMs: 25 }).verdict === 'equivalent');
}

/** Whether R1 wrote more than one line of solution (so one rung would be no ladder). */
function hasSteps(trace: Trace): boolean {
  const answer = normalizeMathDelimiters(trace.answer).replace(/\$*\\boxed\{[^]*?\}\$*/g, '').trim();
  const pieces = answer.split(/\n\s*\n|\n(?=\s*\d+[.)]\s)/).filter((piece) => /[a-z0-9]/i.test(piece));
  return pieces.length >= 2 || trace.reasoning.split(/\n\s*\n/).filter((piece) => piece.trim()).length >= 2;
}

function leakingRungs(ladder: HintLadder, problem: string): string[] {
  const answer = ladder.finalAnswer;
  if (!answer) return [];
  const stated = problemStates(problem, answer);
  return ladder.rungs.slice(0, -1).flatMap((rung) => {
    if (/\\boxed\b/.test(rung.text)) return [`${rung.kind}: a box`];
    return resultsStated(normalizeMathDelimiters(rung.text))
      .filter((entry) => (!stated || entry.isResult) && checkEquivalence(answer, entry.value, { timeBudgetMs: 25 }).verdict === 'equivalent')
      .map((entry) => `${rung.kind}: ${entry.value}`);
  });
}

describe.each(TRACES.map((trace, index) => [index + 1, trace.source.slice(0, 60), trace] as const))('recorded trace #%i (%s)', (_number, _source, trace) => {
  const ladder = buildHintLadder(trace);
  const texts = ladder.rungs.map((rung) => rung.text);

  it('keeps the answer out of every rung before the last, by the answer checker', () => {
    expect(leakingRungs(ladder, trace.problem)).toEqual([]);
  });

  it('makes a ladder of at least two rungs when R1 wrote steps', () => {
    if (hasSteps(trace)) expect(ladder.rungs.length).toBeGreaterThanOrEqual(2);
    expect(ladder.rungs.at(-1)?.kind).toBe('answer');
  });

  it('never says the same thing twice', () => {
    const sayings = texts.map((text) => text.toLowerCase().replace(/[^a-z0-9]+/g, ''));
    expect(new Set(sayings).size).toBe(sayings.length);
    ladder.rungs.forEach((rung, index) => {
      const next = ladder.rungs[index + 1];
      if (rung.kind === 'nudge' && next?.kind === 'step') {
        const firstSentence = next.text.split(/(?<=[.!?])\s|\n/)[0] ?? '';
        expect(firstSentence.toLowerCase().replace(/[^a-z0-9]+/g, '')).not.toBe(rung.text.toLowerCase().replace(/[^a-z0-9]+/g, ''));
      }
    });
  });

  it("carries none of R1's monologue and no Markdown headings or bold lead-ins", () => {
    for (const text of texts) {
      expect(text).not.toMatch(MONOLOGUE);
      expect(text).not.toMatch(/^\s*#{1,6}\s/m);
      expect(text).not.toMatch(/^\s*(?:\d+[.)]\s*)?\*\*[^*\n]+\*\*:?(?:\s|$)/m);
    }
  });

  it("states R1's boxed answer in the answer rung's box, and never leaves a sentence without its value", () => {
    const boxed = lastBoxed(normalizeMathDelimiters(trace.answer));
    const last = ladder.rungs.at(-1)?.text ?? '';
    if (boxed) expect(last).toContain(`\\boxed{${ladder.finalAnswer}}`);
    if (boxed) expect(checkEquivalence(boxed, ladder.finalAnswer ?? '').verdict).not.toBe('not-equivalent');
    expect(last).not.toMatch(/\b(?:is|are|equals|be)\s*[.,;]/);
  });
});

describe('the recorded corpus as a whole', () => {
  it('gives most traces more than the bare answer', () => {
    const helpful = TRACES.filter((trace) => buildHintLadder(trace).rungs.length >= 3);
    expect(helpful.length).toBeGreaterThanOrEqual(Math.ceil(TRACES.length * 0.8));
  });
});
