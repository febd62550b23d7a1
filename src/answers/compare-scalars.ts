/** Numeric equivalence of two scalar expressions by evaluation at sample points. */
import type { Deadline } from './deadline.ts';
import { absolute, compare, fromDouble, subtract } from './exact-number.ts';
import { samplePoints, type Point } from './sample-points.ts';
import type { ScalarExpression } from './scalar-expression.ts';

const SAMPLE_COUNT = 10;
const EXTRA_SAMPLE_COUNT = 30;
const MIN_VALID_POINTS = 4;
const DEFAULT_RELATIVE_TOLERANCE = 1e-9;
const DEFAULT_ABSOLUTE_TOLERANCE = 1e-12;

/** How close two values must be: within either bound counts as equal. */
export interface Tolerance {
  /** Largest absolute difference accepted. */
  readonly absolute: number;
  /** Largest difference relative to the larger magnitude accepted. */
  readonly relative: number;
}

/** Tolerance for exact (symbolic) equality, loose only by floating-point noise. */
export const EXACT_TOLERANCE: Tolerance = { absolute: DEFAULT_ABSOLUTE_TOLERANCE, relative: DEFAULT_RELATIVE_TOLERANCE };

export type ScalarComparison = 'equal' | 'different' | 'unknown';

/** Whether two numbers agree within the tolerance; equal infinities agree. */
export function numbersAgree(left: number, right: number, tolerance: Tolerance): boolean {
  if (left === right) return true;
  if (!Number.isFinite(left) || !Number.isFinite(right)) return false;
  const difference = Math.abs(left - right);
  return difference <= tolerance.absolute || difference <= tolerance.relative * Math.max(Math.abs(left), Math.abs(right));
}

/** Compares two scalars over the union of their variables; "unknown" when too few points are defined. */
export function compareScalars(
  reference: ScalarExpression,
  answer: ScalarExpression,
  tolerance: Tolerance,
  deadline: Deadline,
): ScalarComparison {
  const variables = [...new Set([...reference.variables, ...answer.variables])].sort();
  if (variables.length === 0) {
    const exact = compareExactly(reference, answer, tolerance);
    if (exact) return exact;
    const [left, right] = [reference.evaluate({}), answer.evaluate({})];
    if (Number.isNaN(left) || Number.isNaN(right)) return 'unknown';
    // An overflow is not infinity: 2^5000 and 2^5000+1 both overflow, yet differ.
    if (!Number.isFinite(left) || !Number.isFinite(right)) {
      if (!reference.hasInfinity || !answer.hasInfinity) return 'unknown';
      return left === right ? 'equal' : 'different';
    }
    return numbersAgree(left, right, tolerance) ? 'equal' : 'different';
  }
  const onReals = compareAtPoints(reference, answer, samplePoints(variables, SAMPLE_COUNT + EXTRA_SAMPLE_COUNT), tolerance, deadline);
  if (onReals === 'equal' && (tolerance === EXACT_TOLERANCE || answer.decimals.length > 0) && differExactly(reference, answer, variables)) return 'different';
  if (onReals !== 'unknown') return onReals;
  return compareAtPoints(reference, answer, integerPoints(variables), tolerance, deadline);
}

/**
 * Constants built from numbers with + - * / and whole powers compare exactly, at any size: within the
 * tolerance's absolute bound (read exactly), or equal when the tolerance is the exact one.
 */
function compareExactly(reference: ScalarExpression, answer: ScalarExpression, tolerance: Tolerance): ScalarComparison | undefined {
  if (!reference.exact || !answer.exact) return undefined;
  const difference = subtract(reference.exact, answer.exact);
  if (!difference) return undefined;
  if (difference.numerator === 0n) return 'equal';
  // A decimal reference is judged by its tolerance in floating point; an answer's decimals that are
  // not exactly right are left to the rounding rule (correct to the last written place).
  if (reference.decimals.length > 0) return undefined;
  if (tolerance === EXACT_TOLERANCE || answer.decimals.length > 0) return 'different';
  const bound = fromDouble(tolerance.absolute);
  return bound && compare(absolute(difference), bound) <= 0 ? 'equal' : 'different';
}

/** Rational points with small numerators and denominators, away from 0 and ±1. */
const EXACT_POINTS: readonly (readonly [bigint, bigint])[] = [[7n, 3n], [-5n, 4n], [11n, 5n], [-13n, 6n], [17n, 7n], [2n, 9n]];

/**
 * Floating point cannot see x + 10^20 differ from x + 10^20 + 1. Where both sides are built from
 * numbers, variables, + - * / and whole powers (the reference without written decimals), evaluate
 * them exactly at a few rational points: a difference there is a difference, at any size (an
 * answer's decimals are then judged by the rounding rule).
 */
function differExactly(reference: ScalarExpression, answer: ScalarExpression, variables: readonly string[]): boolean {
  if (!reference.exactAt || !answer.exactAt || reference.decimals.length > 0) return false;
  for (const [index] of EXACT_POINTS.entries()) {
    const point = Object.fromEntries(
      variables.map((name, position) => {
        const [numerator, denominator] = EXACT_POINTS[(index + position) % EXACT_POINTS.length] as readonly [bigint, bigint];
        return [name, { numerator, denominator }];
      }),
    );
    const [left, right] = [reference.exactAt(point), answer.exactAt(point)];
    if (!left || !right) continue;
    if (compare(left, right) !== 0) return true;
  }
  return false;
}

/** Whole-number points, tried only when nothing is defined off the integers, as for (-2)^n. */
function integerPoints(variables: readonly string[]): Point[] {
  return Array.from({ length: SAMPLE_COUNT }, (_, index) =>
    Object.fromEntries(variables.map((name, position) => [name, ((index * 7 + position * 3) % 11) + 2])),
  );
}

function compareAtPoints(
  reference: ScalarExpression,
  answer: ScalarExpression,
  points: readonly Point[],
  tolerance: Tolerance,
  deadline: Deadline,
): ScalarComparison {
  let valid = 0;
  for (const point of points) {
    deadline.check();
    const [left, right] = [reference.evaluate(point), answer.evaluate(point)];
    if (!Number.isFinite(left) || !Number.isFinite(right)) continue;
    if (!numbersAgree(left, right, tolerance)) return 'different';
    if (++valid >= SAMPLE_COUNT) break;
  }
  return valid >= MIN_VALID_POINTS ? 'equal' : 'unknown';
}

/** A written decimal may be off by up to (just under) one unit in its last place: rounded or truncated. */
const LAST_PLACE_FRACTION = 0.99;
const FLOAT_NOISE = 1e-14;

/**
 * Whether the answer differs from the reference by no more than rounding its written decimals
 * explains (`0.667x` for `2x/3`, `16.67 m/s` for `60 km/h`): at every sample point the gap is within
 * the sum of how far each decimal, moved by a unit in its last place, moves the answer.
 * The same rule as for a plain decimal, applied to each decimal inside an expression.
 */
export function withinRounding(reference: ScalarExpression, answer: ScalarExpression, deadline: Deadline): boolean {
  if (answer.decimals.length === 0) return false;
  const variables = [...new Set([...reference.variables, ...answer.variables])].sort();
  const points = variables.length === 0 ? [{}] : samplePoints(variables, SAMPLE_COUNT + EXTRA_SAMPLE_COUNT);
  let valid = 0;
  for (const point of points) {
    deadline.check();
    const [expected, given] = [reference.evaluate(point), answer.evaluate(point)];
    if (!Number.isFinite(expected) || !Number.isFinite(given)) continue;
    let allowance = FLOAT_NOISE * Math.max(Math.abs(expected), 1);
    for (const decimal of answer.decimals) {
      const step = LAST_PLACE_FRACTION * 10 ** -decimal.places;
      const moved = Math.max(
        Math.abs(answer.evaluate({ ...point, [decimal.key]: decimal.value + step }) - given),
        Math.abs(answer.evaluate({ ...point, [decimal.key]: decimal.value - step }) - given),
      );
      if (!Number.isFinite(moved)) return false;
      allowance += moved;
    }
    if (Math.abs(expected - given) > allowance) return false;
    if (++valid >= SAMPLE_COUNT || variables.length === 0) break;
  }
  return variables.length === 0 ? valid === 1 : valid >= MIN_VALID_POINTS;
}
