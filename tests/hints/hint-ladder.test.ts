import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildHintLadder, type HintLadder } from '../../src/index.ts';
import { findLeak, leaksAnswer, loadLeakGuard } from '../../src/hints/leak-guard.ts';
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

describe('leaks judged by the answer checker', () => {
  it.each([
    ['So $\\angle ABC = 30^\\circ$.', '30'],
    ['Her earnings are \\$18 every day.', '18'],
    ['$9 \\times 2 = \\$64$', '64'],
    ['Each base angle is 76^\\circ, so the apex is what remains.', '76'],
    ['We find $k = 42$ works.', '42'],
    ['That is about 0.333.', '\\frac{1}{3}'],
    ['The probability is $\\dfrac{1}{3}$.', '\\frac{2}{6}'],
    ['So $r = \\sqrt{0^2 + 3^2} = 3$ and the answer is $(3, \\tfrac{\\pi}{2})$.', '\\left( 3, \\frac{\\pi}{2} \\right)'],
  ])('%s gives away %s', (text, answer) => {
    expect(findLeak(text, answer)).toBeDefined();
  });

  it.each([
    ['Subtract 2 from both sides to get $2x = 4$.', '2'],
    ['Using the power rule, $(3^k)^6 = 3^{6k}$.', '1'],
    ['The given function is $y = 2\\sin(3x + \\pi) + 1$.', '\\pi'],
    ['Multiply by 100 first.', '496'],
  ])('%s does not give away %s', (text, answer) => {
    expect(findLeak(text, answer)).toBeUndefined();
  });

  it('says which value matched, for whoever inspects the ladder', () => {
    expect(findLeak('Her earnings are \\$18 every day.', '18')).toEqual({ value: '18', as: 'result' });
  });
});

describe('a ladder, not a bare answer, whenever R1 wrote steps', () => {
  it('makes "Find $k$, if ${(3^k)}^6=3^6$" a ladder although every step of the answer text reaches k = 1', () => {
    const ladder = buildHintLadder({
      problem: 'Find $k$, if ${(3^k)}^6=3^6$.',
      reasoning: [
        'Okay, so I need to find k such that (3^k)^6 = 3^6.',
        'First, I remember the power of a power rule: (a^m)^n = a^{mn}. So the left side is 3^{6k}.',
        'Now both sides have base 3, so the exponents must be equal: 6k = 6, so k = 1.',
        'Let me check: (3^1)^6 = 3^6. Yes.',
      ].join('\n\n'),
      answer: 'Using the power of a power rule, $(3^k)^6 = 3^{6k}$, so $3^{6k} = 3^6$ gives $6k = 6$ and $k = 1$.\n\n$\\boxed{1}$',
    });
    expect(ladder.rungs.length).toBeGreaterThanOrEqual(2);
    expect(ladder.rungs[0]?.text).toContain('power of a power');
    for (const rung of ladder.rungs.slice(0, -1)) expect(leaksAnswer(rung.text, '1', 'Find $k$, if ${(3^k)}^6=3^6$.')).toBe(false);
  });

  it('gives a three-step numbered list whose last step reaches the answer two rungs before it', () => {
    const ladder = buildHintLadder({
      problem: "Janet's ducks lay 16 eggs per day. She eats 3 and bakes with 4. She sells the rest at $2 each. How much does she make?",
      reasoning: '',
      answer: '1. Eggs left after breakfast and baking: $16 - 3 - 4 = 9$.\n2. Each egg sells for \\$2.\n3. Her earnings are $9 \\times 2 = \\$18$ a day.\n\n$\\boxed{18}$',
    });
    expect(kinds(ladder).filter((kind) => kind !== 'answer').length).toBeGreaterThanOrEqual(2);
    expect(ladder.rungs.slice(0, -1).map((rung) => rung.text).join('\n')).not.toContain('18');
  });

  it('keeps the degree of a polynomial out of the rungs that lead to it', () => {
    const problem = 'What is the degree of the polynomial $(4 +5x^3 +100 +2\\pi x^4 + \\sqrt{10}x^4 +9)$?';
    const ladder = buildHintLadder({
      problem,
      reasoning: 'The degree is the highest power of x with a nonzero coefficient.\n\nThe terms are constants, 5x^3, and two x^4 terms, so the highest power is 4.',
      answer: 'The degree of a polynomial is the highest power of the variable with a nonzero coefficient. The $x^4$ terms have coefficient $2\\pi + \\sqrt{10} \\neq 0$, so the degree is $4$.\n\n$\\boxed{4}$',
    });
    expect(ladder.rungs.length).toBeGreaterThanOrEqual(2);
    expect(ladder.rungs[0]?.text).toMatch(/highest power/);
    for (const rung of ladder.rungs.slice(0, -1)) expect(findLeak(rung.text, '4', problem)).toBeUndefined();
  });

  it('stays one rung when R1 wrote a single line', () => {
    expect(buildHintLadder({ reasoning: '', answer: '$2 + 2 = \\boxed{4}$' }).rungs).toHaveLength(1);
  });

  it('records why each step was kept, cut, withheld or dropped, with the value that matched', () => {
    const ladder = buildHintLadder({
      reasoning: '',
      answer: '1. Eggs left: $16 - 3 - 4 = 9$.\n2. Earnings: $9 \\times 2 = \\$18$.\n\n$\\boxed{18}$',
    });
    expect(ladder.decisions).toContainEqual(expect.objectContaining({ action: 'kept' }));
    expect(ladder.decisions).toContainEqual(expect.objectContaining({ action: expect.stringMatching(/withheld|cut/), matched: expect.stringContaining('18') }));
  });
});

describe('rungs worth reading', () => {
  it("drops R1's monologue and keeps the mathematics it was about", () => {
    const ladder = buildHintLadder({
      reasoning: 'Okay, let me start. Starting with the basics. Janet has 16 eggs. That seems straightforward. Let me write that out:\n\nShe eats 3, so 16 - 3 = 13 are left. Alright, I think that is right.\n\nThen she bakes with 4. Let me compute 13 - 4 = 9.\n\nSo 9 * 2 = 18.',
      answer: '$\\boxed{18}$',
    });
    const text = ladder.rungs.map((rung) => rung.text).join('\n');
    expect(text).not.toMatch(/\b(?:Okay|Let me|Hmm|Wait|That seems|Starting with the basics)\b/);
    expect(text).toContain('16 - 3 = 13');
    expect(text).toContain('Compute 13 - 4 = 9.');
  });

  it('turns "**Step 2: Calculate ...**" lead-ins and headings into short plain titles', () => {
    const ladder = buildHintLadder({
      reasoning: '',
      answer: '### Step 1: Count the eggs left\nShe has $16 - 3 - 4 = 9$ eggs.\n\n**Step 2: Calculate the earnings** Multiply the eggs by the price.\n\n**Final Answer**\n$\\boxed{18}$',
    });
    const text = ladder.rungs.map((rung) => rung.text).join('\n');
    expect(text).not.toMatch(/\*\*|###|Step \d/);
    expect(ladder.rungs[0]).toEqual({ kind: 'nudge', text: 'Count the eggs left' });
  });

  it('does not repeat a rung ("Rewrite 9.8 as 9.80" once)', () => {
    const ladder = buildHintLadder({
      problem: '9.11 and 9.8, which is greater?',
      reasoning: '',
      answer: '1. **Rewrite 9.8 as 9.80**: Rewrite 9.8 as 9.80 so both have two decimal places.\n2. Rewrite 9.8 as 9.80 so both have two decimal places.\n3. Compare: 80 hundredths is more than 11 hundredths, so 9.8 is greater.\n\n$\\boxed{9.8}$',
    });
    const sayings = ladder.rungs.map((rung) => rung.text.toLowerCase().replace(/[^a-z0-9]/g, ''));
    expect(new Set(sayings).size).toBe(sayings.length);
    expect(ladder.rungs.filter((rung) => /Rewrite 9\.8 as 9\.80 so/.test(rung.text))).toHaveLength(1);
  });

  it('keeps the value in the sentence of the answer rung ("... in base 5 is $13000_5$.")', () => {
    const ladder = buildHintLadder({
      reasoning: '',
      answer: 'Divide 1000 by powers of 5: $1000 = 1 \\cdot 625 + 3 \\cdot 125$.\n\nThus, 1000 in base 10 expressed in base 5 is $\\boxed{13000_5}$.',
    });
    const last = ladder.rungs.at(-1)?.text ?? '';
    expect(last).toContain('expressed in base 5 is $13000_5$.');
    expect(last).toContain('$\\boxed{13000_5}$');
  });
});

describe('answers R1 did not box', () => {
  const POLAR = {
    problem: 'Convert the point $(0,5)$ in rectangular coordinates to polar coordinates.',
    reasoning: 'We need r and theta. r = 5, and the point is on the positive y-axis.',
    answer: 'The polar coordinates are \\((5, \\frac{\\pi}{2})\\).\n\nFor \\((x, y) = (0, 5)\\), \\(r = \\sqrt{0^2 + 5^2} = 5\\).\n\nThe point lies on the positive \\(y\\)-axis, so \\(\\theta = \\frac{\\pi}{2}\\), giving \\((5, \\frac{\\pi}{2})\\).',
  };

  it('takes the conclusion an unboxed answer opens with as the final answer, and keeps it for the answer rung', () => {
    const ladder = buildHintLadder(POLAR);
    expect(ladder.finalAnswer).toBe('(5, \\frac{\\pi}{2})');
    expect(ladder.rungs[0]?.text).toContain('r = \\sqrt{0^2 + 5^2} = 5');
    expect(ladder.rungs.slice(0, -1).map((rung) => rung.text).join('\n')).not.toContain('polar coordinates are');
    expect(ladder.rungs.at(-1)?.text).toContain('The polar coordinates are $(5, \\frac{\\pi}{2})$.');
    expect(ladder.rungs.at(-1)?.text).toContain('$\\boxed{(5, \\frac{\\pi}{2})}$');
  });

  it('reads a name the problem offers as a word answer, and a superlative sentence naming it as the result', () => {
    const ladder = buildHintLadder({
      problem: 'Which student has the greatest average speed? Evelyn ran 4.5 km in 1.25 h and Carla ran 5.2 km in 4.25 h.',
      reasoning: 'Speed is distance over time.',
      answer: 'Evelyn has the greatest average speed.\n\nEvelyn: 4.5 / 1.25 = 3.6; Carla: 5.2 / 4.25 ≈ 1.22.\n\nThe highest average speed is 3.6, which belongs to Evelyn.',
    });
    expect(ladder.finalAnswer).toBe('\\text{Evelyn}');
    expect(ladder.rungs.slice(0, -1).map((rung) => rung.text)).toEqual(['Evelyn: 4.5 / 1.25 = 3.6; Carla: 5.2 / 4.25 ≈ 1.22.']);
  });
});

describe('rungs from the reasoning', () => {
  it('leaves out a paragraph that only copies the problem out', () => {
    const problem = 'Let $a$ be a positive real number such that all the roots of $x^3 + ax^2 + ax + 1 = 0$ are real. Find the smallest possible value of $a$.';
    const ladder = buildHintLadder({
      problem,
      reasoning: `We are given: "${problem}"\n\nThe derivative is $3x^2 + 2ax + a$; its discriminant $4a^2 - 12a$ must be at least zero for two turning points.\n\nSo $a \\ge 3$, and at $a = 3$ the root $-1$ is triple.`,
      answer: '$\\boxed{3}$',
    });
    expect(ladder.rungs.map((rung) => rung.text).join('\n')).not.toContain('We are given');
    expect(ladder.rungs[0]?.text).toContain('The derivative is $3x^2 + 2ax + a$');
  });
});
