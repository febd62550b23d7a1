import { describe, expect, it } from 'vitest';
import { checkEquivalence } from '../../src/answers/index.ts';

const verdictOf = (reference: string, answer: string, options = {}) => checkEquivalence(reference, answer, options).verdict;

describe('checkEquivalence by shape', () => {
  it('compares integers exactly', () => {
    expect(verdictOf('12', '12.0')).toBe('equivalent');
    expect(verdictOf('12', '12.01')).toBe('not-equivalent');
    expect(verdictOf('12', '\\frac{24}{2}')).toBe('equivalent');
  });

  it('compares decimals to the precision the reference is written with', () => {
    expect(verdictOf('7.78', '\\frac{70}{9}')).toBe('equivalent');
    expect(verdictOf('0.50', '0.51')).toBe('not-equivalent');
    expect(verdictOf('1.52399022', '(1+.2345)^2')).toBe('not-equivalent');
  });

  it('compares expressions by value at non-integer points', () => {
    expect(verdictOf('\\frac{\\sqrt2}{2}', 'sqrt(2)/2')).toBe('equivalent');
    expect(verdictOf('(x+1)^2', 'x^2+2x+1')).toBe('equivalent');
    expect(verdictOf('0', 'sin(pi x)')).toBe('not-equivalent');
    expect(verdictOf('x+1', 'x+2n+1')).toBe('not-equivalent');
    expect(verdictOf('-1.709975946', '(-5)^(1/3)')).toBe('equivalent');
  });

  it('compares equations up to a non-zero factor', () => {
    expect(verdictOf('y=2x-5', '2y=4x-10')).toBe('equivalent');
    expect(verdictOf('y=x', 'y=-x')).toBe('not-equivalent');
    expect(verdictOf('x=3', 'x = 3.0')).toBe('equivalent');
    expect(verdictOf('x=3', 'y = 3')).toBe('not-equivalent');
  });

  it('compares inequalities with direction and strictness', () => {
    expect(verdictOf('x < 1', '-x > -1')).toBe('equivalent');
    expect(checkEquivalence('x >= 2', 'x <= 2').feedback).toBe('Check the direction of the inequality.');
    expect(checkEquivalence('x >= 2', 'x > 2').feedback).toContain('boundary');
  });

  it('reads an inequality and its interval as the same answer, both ways, with oo, inf and infinity as ∞', () => {
    expect(verdictOf('x > 5', '(5, \\infty)')).toBe('equivalent');
    expect(verdictOf('-2 \\le x \\le 7', '[-2, 7]')).toBe('equivalent');
    expect(verdictOf('[-2, 7]', '-2 \\le x \\le 7')).toBe('equivalent');
    expect(verdictOf('(3, \\infty)', 'x > 3')).toBe('equivalent');
    expect(verdictOf('[0, 5)', '0 <= x < 5')).toBe('equivalent');
    for (const infinity of ['oo', 'inf', 'infinity']) expect(verdictOf('x > 3', `(3, ${infinity})`)).toBe('equivalent');
    expect(verdictOf('0 < f(x) < 1', '(0, 1)')).toBe('equivalent');
    expect(verdictOf('(3, \\infty)', 'x >= 3')).toBe('not-equivalent');
  });

  it('compares intervals and unions by endpoints and brackets', () => {
    expect(verdictOf('(-\\infty, 2) \\cup (3, \\infty)', '(3, ∞) ∪ (-∞, 2)')).toBe('equivalent');
    expect(checkEquivalence('[0, 1)', '[0, 1]').feedback).toContain('brackets');
  });

  it('compares sets without order, and is unsure about a bare list in another order unless the problem says', () => {
    expect(verdictOf('\\{1, 2, 3\\}', '3, 2, 1')).toBe('equivalent');
    const unsure = checkEquivalence('1, 2, 3', '3, 2, 1');
    expect(unsure.verdict).toBe('unsure');
    expect(unsure.feedback).toBe('Same values in a different order; if order matters here, check the order.');
    expect(checkEquivalence('1, 2, 3', '3, 2, 1', { ordered: false }).verdict).toBe('equivalent');
    expect(verdictOf('x = 3 \\text{ or } x = 1', '1, 3')).toBe('equivalent');
    expect(verdictOf('(1, 2), (3, 4)', '(3, 4), (1, 2)')).toBe('equivalent');
    expect(verdictOf('(1, 2), (3, 4)', '(3, 4), (1, 2), (3, 4)')).toBe('equivalent');
    expect(verdictOf('\\{1, 2\\}', '1, 1, 3')).toBe('not-equivalent');
    expect(verdictOf('19, 46, and 82', '21, 36, and 82')).toBe('not-equivalent');
    expect(checkEquivalence('1, 2, 3', '3, 2, 1', { ordered: true }).feedback).toBe('Right values, but in the wrong order.');
    expect(verdictOf('\\{1, 2, 3\\}', '\\{1, 2\\}')).toBe('not-equivalent');
  });

  it('compares tuples in order and matrices cell by cell', () => {
    expect(verdictOf('(1, 2)', '(2, 1)')).toBe('unsure');
    expect(checkEquivalence('(1, 2)', '(2, 1)', { ordered: true }).verdict).toBe('not-equivalent');
    expect(verdictOf('\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}', '[[1,2],[3,4]]')).toBe('equivalent');
    expect(verdictOf('\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}', '[[1,2],[4,3]]')).toBe('not-equivalent');
    expect(verdictOf('\\begin{pmatrix}1 & 2\\\\3 & 4\\end{pmatrix}', '\\begin{bmatrix}1 & 2\\\\3 & 4\\end{bmatrix}')).toBe('equivalent');
  });

  it('converts units and rejects other dimensions', () => {
    expect(verdictOf('2 km', '2000 m')).toBe('equivalent');
    expect(checkEquivalence('2 km', '2000 s').feedback).toContain('units');
    expect(verdictOf('25 m/s', '90 km/h')).toBe('equivalent');
  });

  it('reads multiple-choice letters and short text', () => {
    expect(verdictOf('(C)', 'c')).toBe('equivalent');
    expect(verdictOf('\\text{Evelyn}', 'Evelyn')).toBe('equivalent');
  });
});

describe('checkEquivalence teaching options', () => {
  it('requireForm rejects an expanded answer to a factor problem', () => {
    const check = checkEquivalence('(x+1)^2', 'x^2+2x+1', { requireForm: true });
    expect(check.verdict).toBe('not-equivalent');
    expect(check.feedback).toContain('equivalent, but not in the form');
  });

  it('allowDecimal (default on) accepts a rounded decimal with three significant digits', () => {
    expect(verdictOf('\\frac{1}{3}', '0.333')).toBe('equivalent');
    expect(verdictOf('\\frac{1}{3}', '0.33')).toBe('not-equivalent');
    expect(checkEquivalence('\\frac{1}{3}', '0.333', { allowDecimal: false }).feedback).toContain('exact value');
  });

  it('unitsRequired says the units are missing without giving them away', () => {
    const check = checkEquivalence('9.8 m/s^2', '9.8', { unitsRequired: true });
    expect(check.verdict).toBe('not-equivalent');
    expect(check.feedback).toBe('Right value, but the units are missing.');
    expect(check.feedback).not.toContain('m/s');
  });
});

describe('checkEquivalence when it cannot tell', () => {
  it.each(['\\frac{3}{', 'x^^2', '', '@@'])('says "unsure" and "could not read" for %j', (answer) => {
    const check = checkEquivalence('5', answer);
    expect(check.verdict).toBe('unsure');
    expect(check.couldNotRead).toBe(true);
    expect(check.feedback).toContain('3/4');
  });

  it('is unsure, not wrong, when the budget is spent', () => {
    const check = checkEquivalence('sin(x)^2 + cos(x)^2', '1', { timeBudgetMs: -1 });
    expect(check.verdict).toBe('unsure');
    expect(check.couldNotRead).toBe(false);
  });

  it('never puts the reference in the feedback', () => {
    for (const answer of ['7', '2 km', 'x > 9', '(1, 3)']) {
      expect(checkEquivalence('\\frac{22}{7}', answer).feedback).not.toContain('22');
    }
  });
  it('reads x = = 3 as unreadable, not as 3', () => {
    const check = checkEquivalence('3', 'x = = 3');
    expect(check.verdict).toBe('unsure');
    expect(check.couldNotRead).toBe(true);
  });
});

describe('checkEquivalence on the classes of issue 11', () => {
  it('compares numerals in a stated base as numerals in that base', () => {
    for (const answer of ['204_5', '204_{5}', '(204)_5']) expect(verdictOf('204_5', answer)).toBe('equivalent');
    expect(verdictOf('204_5', '54')).toBe('not-equivalent');
    expect(verdictOf('204_5', '204')).toBe('not-equivalent');
    expect(verdictOf('11011_2', '11010_2')).toBe('not-equivalent');
  });

  it('compares clock times and ratios part by part', () => {
    expect(verdictOf('12:00', '1:00')).toBe('not-equivalent');
    expect(verdictOf('12:00', '12:00')).toBe('equivalent');
  });

  it('compares integers and fractions exactly at any size', () => {
    expect(verdictOf('10^{1000}', '10^{1000} + 1')).toBe('not-equivalent');
    expect(verdictOf('2^{100}', '1267650600228229401496703205376')).toBe('equivalent');
    expect(verdictOf('2^{100}', '1267650600228229401496703205377')).toBe('not-equivalent');
    expect(verdictOf('100!', '100! + 1')).toBe('not-equivalent');
    expect(verdictOf('x + 10^{20}', 'x + 10^{20} + 1')).toBe('not-equivalent');
    expect(verdictOf('3', '3.0000000001')).toBe('not-equivalent');
    expect(verdictOf('9'.repeat(400), `${'9'.repeat(399)}8`)).toBe('not-equivalent');
    expect(verdictOf('9'.repeat(400), '9'.repeat(400))).toBe('equivalent');
    expect(verdictOf('x + 1', 'x + 1.0000000001')).toBe('not-equivalent');
    expect(verdictOf('\\frac{1}{7}', '0.142857142857142857143')).toBe('equivalent');
    expect(verdictOf('(x + 10^{20})^2', 'x^2 + 2 \\cdot 10^{20} x + 10^{40}')).toBe('equivalent');
  });

  it('reads decimals inside expressions and quantities by the plain-number rule', () => {
    expect(verdictOf('\\frac{2x}{3}', '0.667x')).toBe('equivalent');
    expect(checkEquivalence('\\frac{2x}{3}', '0.667x', { allowDecimal: false }).verdict).toBe('not-equivalent');
    expect(verdictOf('\\frac{2x}{3}', '0.6x')).toBe('not-equivalent');
    expect(verdictOf('60 km/h', '16.67 m/s')).toBe('equivalent');
    expect(verdictOf('60 km/h', '16.76 m/s')).toBe('not-equivalent');
  });

  it('reads mixed numbers and labelled solutions', () => {
    expect(verdictOf('\\frac{3}{2}', '1 1/2')).toBe('equivalent');
    expect(verdictOf('\\frac{1}{2}', '1 1/2')).toBe('not-equivalent');
    expect(verdictOf('3/2', '1\\frac{1}{2}')).toBe('equivalent');
    expect(verdictOf('AB = 4, CD = 5', '4, 5')).toBe('equivalent');
    expect(verdictOf('AB = 4, CD = 5', 'CD = 5, AB = 4')).toBe('equivalent');
    expect(verdictOf('p=5, q=2', '(5, 2)')).toBe('equivalent');
    expect(verdictOf('(p, q) = (3, 2)', '(3, 2)')).toBe('equivalent');
  });

  it('tells the teacher why in the reason', () => {
    expect(checkEquivalence('1, 2, 3', '3, 2, 1').reason).toContain('different order');
    expect(checkEquivalence('204_5', '54').reason).toContain('base');
    expect(checkEquivalence('7', '8').reason).toContain('reference read as integer, answer as integer');
  });
});
