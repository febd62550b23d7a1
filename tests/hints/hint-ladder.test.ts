import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildHintLadder, type HintLadder } from '../../src/index.ts';
import { leaksAnswer, loadLeakGuard } from '../../src/hints/leak-guard.ts';
import { LINEAR_EQUATION } from '../fakes/fake-reasoning-model.ts';

interface Trace { problem: string; reasoning: string; answer: string; source: string }
const TRACES: Trace[] = readFileSync(new URL('../fixtures/r1-traces/traces.jsonl', import.meta.url), 'utf8')
  .trim().split('\n').map((line) => JSON.parse(line) as Trace);

await loadLeakGuard();

const kinds = (ladder: HintLadder) => ladder.rungs.map((rung) => rung.kind);

describe('buildHintLadder', () => {
  it('turns the requested Step/Hint/Work format into nudge and step rungs ending in the answer', () => {
    const ladder = buildHintLadder(LINEAR_EQUATION);
    expect(ladder.source).toBe('structured');
    expect(kinds(ladder)).toEqual(['nudge', 'step', 'nudge', 'answer']);
    expect(ladder.rungs[0]?.text).toBe('What could you do to both sides to get the $2x$ term by itself?');
    expect(ladder.rungs.at(-1)?.text).toContain('$\\boxed{2}$');
    expect(ladder.finalAnswer).toBe('2');
  });

  it('reads "**Step 1:**" headings when R1 writes its own format', () => {
    const ladder = buildHintLadder({
      reasoning: '',
      answer: '**Step 1: Expand the square**\n$(x+1)^2 = x^2 + 2x + 1$\n\n**Step 2: Collect terms**\nSo the expression is $x^2 + 2x + 1 - 1 = x^2 + 2x$.\n\n\\[\\boxed{x^2 + 2x}\\]',
    });
    expect(ladder.source).toBe('structured');
    expect(ladder.rungs[0]).toEqual({ kind: 'nudge', text: 'Expand the square' });
    expect(ladder.rungs[1]?.text).toContain('(x+1)^2 = x^2 + 2x + 1');
    expect(kinds(ladder).at(-1)).toBe('answer');
  });

  it('splits a numbered list with \\[...\\] blocks, rewriting them as $$...$$', () => {
    const ladder = buildHintLadder({
      reasoning: '',
      answer: 'To solve \\(3x - 5 = 10\\):\n\n1. **Add 5 to both sides**:\n   \\[\n   3x = 15\n   \\]\n\n2. **Divide both sides by 3**:\n   \\[\n   x = 5\n   \\]\n\n**Final Answer**\n\\[\n\\boxed{5}\n\\]',
    });
    expect(ladder.source).toBe('answer-text');
    expect(ladder.rungs.map((rung) => rung.text).join('\n')).not.toMatch(/\\\[|\\\(/);
    expect(ladder.rungs[0]).toEqual({ kind: 'nudge', text: 'Add 5 to both sides.' });
    expect(ladder.rungs[1]?.text).toContain('$$3x = 15$$');
    expect(ladder.rungs.at(-1)?.text).toContain('x = 5');
  });

  it('builds steps from the reasoning when the answer is only a box, dropping detours and checks', () => {
    const ladder = buildHintLadder({
      reasoning: [
        'Okay, so I need to find the area of a circle with radius 3.',
        'The area formula for a circle is A = \\pi r^2, so I should square the radius first and then multiply by pi.',
        'Wait, is the radius 3 or is the diameter 3? The problem says radius, so r = 3.',
        'Squaring gives r^2 = 9, so A = 9\\pi.',
        'Let me double-check: pi times 3 squared is 9 pi. Yes.',
      ].join('\n\n'),
      answer: '$\\boxed{9\\pi}$',
    });
    expect(ladder.source).toBe('reasoning');
    const text = ladder.rungs.map((rung) => rung.text).join('\n');
    expect(text).not.toMatch(/Wait|double-check|Okay, so I need/);
    expect(ladder.rungs[0]?.text).toMatch(/^The area formula/);
    expect(ladder.rungs.at(-1)?.text).toContain('\\boxed{9\\pi}');
  });

  it('finds the final answer in the reasoning when the answer text has no box', () => {
    const ladder = buildHintLadder({ reasoning: 'So 6 * 7 = 42.\n\n**Final Answer**\n\\boxed{42}', answer: 'The product is 42.' });
    expect(ladder.finalAnswer).toBe('42');
  });

  it('never returns an empty ladder: one answer rung is the worst case', () => {
    for (const trace of [{ reasoning: '', answer: '' }, { reasoning: 'hmm', answer: '' }, { reasoning: '', answer: '\\boxed{7}' }]) {
      const ladder = buildHintLadder(trace);
      expect(ladder.rungs.length).toBeGreaterThanOrEqual(1);
      expect(ladder.rungs.at(-1)?.kind).toBe('answer');
      expect(ladder.rungs.at(-1)?.text.length).toBeGreaterThan(0);
    }
  });

  it('keeps the nudge of the step that reaches the answer, but moves its work into the answer rung', () => {
    const ladder = buildHintLadder(LINEAR_EQUATION);
    expect(ladder.rungs[2]).toEqual({ kind: 'nudge', text: 'How do you undo multiplying by 2?' });
    expect(ladder.rungs[3]?.text).toMatch(/^Divide both sides by 2/);
  });

  it('caps long solutions at six steps by merging neighbours', () => {
    const steps = Array.from({ length: 12 }, (_, index) => `Step ${index + 1}\nHint: Think about part ${index + 1}.\nWork: Compute $a_${index + 1} = ${index + 10}$.`);
    const ladder = buildHintLadder({ reasoning: '', answer: `${steps.join('\n\n')}\n\nFinal answer: $\\boxed{999}$` });
    expect(ladder.rungs.filter((rung) => rung.kind === 'step')).toHaveLength(6);
    expect(ladder.rungs.map((rung) => rung.text).join('\n')).toContain('a_12 = 21');
  });

  describe.each(TRACES.map((trace, index) => [index + 1, trace] as const))('on recorded R1 output #%i', (_number, trace) => {
    const ladder = buildHintLadder(trace);

    it('ends with the answer and keeps it out of every rung before the last', () => {
      expect(ladder.rungs.at(-1)?.kind).toBe('answer');
      expect(ladder.finalAnswer).toBeDefined();
      for (const rung of ladder.rungs.slice(0, -1)) {
        expect(rung.text).not.toMatch(/\\boxed/);
        expect(leaksAnswer(rung.text, ladder.finalAnswer ?? '', trace.problem)).toBe(false);
      }
    });

    it('has a sensible number of non-empty rungs', () => {
      expect(ladder.rungs.length).toBeGreaterThanOrEqual(1);
      expect(ladder.rungs.length).toBeLessThanOrEqual(13);
      for (const rung of ladder.rungs) expect(rung.text.trim()).not.toBe('');
    });
  });

  it('gives most recorded outputs more than the bare answer', () => {
    const helpful = TRACES.filter((trace) => buildHintLadder(trace).rungs.length >= 3);
    expect(helpful.length).toBeGreaterThanOrEqual(Math.ceil(TRACES.length * 0.8));
  });
});

describe('leaksAnswer', () => {
  it.each([
    ['So $x = 2$.', '2', true],
    ['Subtract 2 from both sides to get $2x = 4$.', '2', false],
    ['The average speed is $40 \\text{ miles per hour}$.', '40', true],
    ['Multiply by 100 first.', '496', false],
    ['$16 \\times 31 = 496$', '496', true],
    ['The profit is \\$70,000.', '70000', true],
    ['Then $\\tan(30^\\circ) = \\frac{\\sqrt{3}}{3}$.', '\\frac{\\sqrt{3}}{3}', true],
    ['Each ball is equally likely to be picked.', 'A', false],
    ['Thus the answer is A.', 'A', true],
    ['We got $\\boxed{3}$ early.', '17', true],
  ])('%s with answer %s -> %s', (text, answer, leaks) => {
    expect(leaksAnswer(text, answer)).toBe(leaks);
  });

  it('does not count a number the problem itself mentions unless it is stated as the result', () => {
    const problem = '9.11 and 9.8, which is greater?';
    expect(leaksAnswer('Write 9.8 as 9.80 to compare tenths.', '9.8', problem)).toBe(false);
    expect(leaksAnswer('So the greater number is 9.8.', '9.8', problem)).toBe(true);
  });
});
