import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkEquivalence } from '../../src/answers/index.ts';
import { parseProblemSet, resolvePolicy } from '../../src/index.ts';

const load = (name: string) => parseProblemSet(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8'));

/** For each example problem: an answer a student might type that must be accepted, and one that must not. */
const STUDENT_ANSWERS: Record<string, { readonly right: string; readonly wrong: string }> = {
  'solve-linear': { right: 'x = 6', wrong: 'x = 4' },
  'factor-quadratic': { right: '(x-3)(x-2)', wrong: 'x^2 - 5x + 6' },
  'quadratic-roots': { right: 'x = 3, x = -2', wrong: '{2, -3}' },
  'linear-inequality': { right: '(3, \\infty)', wrong: 'x < 3' },
  'simplify-fraction': { right: '2x/3', wrong: '3x/2' },
  'linear-system': { right: '(2,1)', wrong: '(1, 2)' },
  slope: { right: '3.0', wrong: '1/3' },
  'exponent-rules': { right: 'x*x', wrong: 'x^10' },
  'free-fall-acceleration': { right: '980 cm/s^2', wrong: '9.8' },
  'average-speed': { right: '60 km/hr', wrong: '375 km/h' },
  'newtons-second-law': { right: '6 kg*m/s^2', wrong: '6 J' },
  'kinetic-energy': { right: '4 J', wrong: '8 J' },
  'drop-time': { right: '2.02 s', wrong: '4.1 s' },
  'ohms-law': { right: '3000 mA', wrong: '48 A' },
};

describe.each(['algebra.yaml', 'physics.yaml'])('examples/%s', (file) => {
  const set = load(file);

  it('validates, with authored hints and a per-problem policy override', () => {
    expect(set.problems.some((problem) => problem.hints.length > 0)).toBe(true);
    const policies = set.problems.map((problem) => JSON.stringify(resolvePolicy(set, problem)));
    expect(new Set(policies).size).toBeGreaterThan(1);
  });

  it.each(set.problems.map((problem) => [problem.id, problem] as const))('%s: the checker accepts the reference, a plausible equivalent, and rejects a wrong answer', (id, problem) => {
    const student = STUDENT_ANSWERS[id];
    expect(student, `add a student answer for ${id}`).toBeDefined();
    expect(checkEquivalence(problem.answer, problem.answer, problem.answerOptions).verdict).toBe('equivalent');
    expect(checkEquivalence(problem.answer, student?.right ?? '', problem.answerOptions).verdict).toBe('equivalent');
    expect(checkEquivalence(problem.answer, student?.wrong ?? '', problem.answerOptions).verdict).toBe('not-equivalent');
  });
});

describe('the example sets cover what the issue asks for', () => {
  it('has a factoring problem that requires its form, a set answer, an inequality, and physics answers that require units', () => {
    const algebra = load('algebra.yaml');
    const physics = load('physics.yaml');
    expect(algebra.problems.length).toBeGreaterThanOrEqual(6);
    expect(algebra.problems.find((problem) => problem.id === 'factor-quadratic')?.answerOptions.requireForm).toBe(true);
    expect(algebra.problems.map((problem) => problem.answer)).toEqual(expect.arrayContaining(['{-2, 3}', 'x > 3']));
    expect(physics.problems.length).toBeGreaterThanOrEqual(5);
    expect(physics.problems.every((problem) => problem.answerOptions.unitsRequired)).toBe(true);
    expect(physics.problems[0]?.answer).toBe('9.8 m/s^2');
  });
});
