/** The shapes an answer can take once parsed; the reference's shape decides how answers are compared. */
import type { Unit } from 'mathjs';
import type { ScalarExpression } from './scalar-expression.ts';

/** A number or expression, with what its written form says about precision. */
export interface ScalarAnswer {
  readonly shape: 'integer' | 'decimal' | 'expression';
  /** The normalized text it was read from. */
  readonly text: string;
  /** The parsed expression. */
  readonly scalar: ScalarExpression;
  /** Digits after the point when written as a plain decimal. */
  readonly decimalPlaces: number | undefined;
  /** Significant digits when written as a plain decimal. */
  readonly significantDigits: number | undefined;
  /** Written with `%`. */
  readonly isPercent: boolean;
  /** Contains a decimal number anywhere, so it may be an approximation. */
  readonly hasDecimal: boolean;
}

/** An equation or inequality, possibly a chain such as `a < x <= b`. */
export interface RelationAnswer {
  readonly shape: 'equation' | 'inequality';
  readonly text: string;
  /** The sides, left to right. */
  readonly sides: readonly ScalarExpression[];
  /** The operators between sides: `=`, `!=`, `<`, `<=`, `>`, `>=`. */
  readonly operators: readonly string[];
  /** The side texts, to spot a lone variable on one side. */
  readonly sideTexts: readonly string[];
}

/** One interval; a singleton `{a}` in a union is the closed interval [a, a]. */
export interface Interval {
  readonly lower: ScalarAnswer;
  readonly upper: ScalarAnswer;
  readonly isLowerClosed: boolean;
  readonly isUpperClosed: boolean;
}

/** An interval or a union of intervals. */
export interface IntervalAnswer {
  readonly shape: 'interval';
  readonly text: string;
  readonly intervals: readonly Interval[];
}

/** Several answers: a `{set}`, a bare list, or a `(tuple)`; `(a, b)` may also be an open interval. */
export interface CollectionAnswer {
  readonly shape: 'set' | 'list' | 'tuple';
  readonly text: string;
  readonly elements: readonly ParsedAnswer[];
  /** `(a, b)`: a pair that could be read as an open interval. */
  readonly couldBeInterval: boolean;
  /**
   * Order carries no meaning: a `{set}`, `±`, values joined by "or"/"and", a list of tuples, or the
   * values of one variable (`x = 1, x = 2`). A bare list or tuple is not order-free.
   */
  readonly orderFree: boolean;
  /** `7:32` or `12:00`: a ratio or clock time, always read in order. */
  readonly isRatio?: boolean;
  /** Each element's label when every element is labelled (`AB = 4, CD = 5`), else undefined. */
  readonly labels?: readonly string[] | undefined;
}

/** A value with a name: `(p, q) = (3, 2)`, `S_{ABC} : S = 7 : 32`, `D = (0, 1)`. */
export interface LabelledAnswer {
  readonly shape: 'labelled';
  readonly text: string;
  readonly label: string;
  readonly value: ParsedAnswer;
}

/** A numeral in a stated base: `204_5`, `204_{5}`, `(204)_5`, `11011_2`. */
export interface NumeralAnswer {
  readonly shape: 'numeral';
  readonly text: string;
  readonly base: number;
  /** Its value, exactly. */
  readonly value: bigint;
}

/** A matrix or column vector, row by row. */
export interface MatrixAnswer {
  readonly shape: 'matrix';
  readonly text: string;
  readonly rows: readonly (readonly ParsedAnswer[])[];
}

/** A magnitude with a unit; `unit` is undefined for words we do not know (e.g. `apples`). */
export interface QuantityAnswer {
  readonly shape: 'quantity';
  readonly text: string;
  readonly magnitude: ScalarAnswer;
  readonly unit: Unit | undefined;
  readonly unitText: string;
}

/** A multiple-choice letter or a short text answer. */
export interface WordAnswer {
  readonly shape: 'choice' | 'text';
  readonly text: string;
}

export type ParsedAnswer =
  | ScalarAnswer
  | RelationAnswer
  | IntervalAnswer
  | CollectionAnswer
  | MatrixAnswer
  | QuantityAnswer
  | WordAnswer
  | LabelledAnswer
  | NumeralAnswer;
