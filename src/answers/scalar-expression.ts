/** A readable scalar expression: mathjs parses it; we evaluate it over the reals ourselves. */
import { parse, type MathNode } from 'mathjs';
import { exactValue, type Rational } from './exact-number.ts';
import { latexToPlain } from './latex-to-plain.ts';
import { toMathJsSyntax } from './typed-math.ts';

const MAX_FACTORIAL = 170;
const ODD_ROOT_DENOMINATORS = [3, 5, 7, 9, 11, 13, 15];
const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E, Infinity: Number.POSITIVE_INFINITY };

type Evaluator = (scope: Readonly<Record<string, number>>) => number;

/** Number literals in the order the parsed tree meets them: exact values are read from this text, never from floats. */
const NUMBER_LITERAL = /(?<![\w.])(?:\d+(?:\.\d*)?|\.\d+)/g;

/** A decimal number written in the expression: evaluating with `key` in the scope replaces its value. */
export interface DecimalLiteral {
  /** Scope key that overrides the literal's value (to see how rounding it moves the result). */
  readonly key: string;
  readonly value: number;
  /** Digits after the point, as written. */
  readonly places: number;
  /** Significant digits, as written. */
  readonly significantDigits: number;
}
type RealFunction = (...values: number[]) => number;

/** One parsed scalar: its mathjs tree, free variables and a real-valued evaluator. */
export interface ScalarExpression {
  /** The mathjs syntax tree, for form checks. */
  readonly node: MathNode;
  /** Free variable names, sorted. */
  readonly variables: readonly string[];
  /** Value at a point; NaN where undefined over the reals. */
  readonly evaluate: Evaluator;
  /** The exact value of a constant built from numbers with + - * / and whole powers, else undefined. */
  readonly exact?: Rational | undefined;
  /** The exact value at a point with rational coordinates, for expressions built from + - * / and whole powers. */
  readonly exactAt?: ((point: Readonly<Record<string, Rational>>) => Rational | undefined) | undefined;
  /** The decimal numbers written in it, in order. */
  readonly decimals: readonly DecimalLiteral[];
  /** Uses the symbol for infinity. */
  readonly hasInfinity: boolean;
}

const FUNCTIONS: Readonly<Record<string, RealFunction>> = {
  sin: Math.sin, cos: Math.cos, tan: Math.tan,
  sec: (x) => 1 / Math.cos(x), csc: (x) => 1 / Math.sin(x), cot: (x) => 1 / Math.tan(x),
  arcsin: Math.asin, arccos: Math.acos, arctan: Math.atan, asin: Math.asin, acos: Math.acos, atan: Math.atan,
  arcsec: (x) => Math.acos(1 / x), arccsc: (x) => Math.asin(1 / x), arccot: (x) => Math.atan(1 / x),
  sinh: Math.sinh, cosh: Math.cosh, tanh: Math.tanh,
  sech: (x) => 1 / Math.cosh(x), csch: (x) => 1 / Math.sinh(x), coth: (x) => 1 / Math.tanh(x),
  sqrt: (x) => (x < 0 ? Number.NaN : Math.sqrt(x)),
  nthRoot: (x, n = 2) => realPower(x, 1 / n),
  abs: Math.abs, exp: Math.exp, floor: Math.floor, ceil: Math.ceil,
  ln: (x) => (x <= 0 ? Number.NaN : Math.log(x)),
  log: (x, base) => (x <= 0 ? Number.NaN : base === undefined ? Math.log10(x) : Math.log(x) / Math.log(base)),
  combinations: (n, k) => factorial(n) / (factorial(k) * factorial(n - k)),
  max: Math.max, min: Math.min,
};

/** Parses normalized LaTeX or typed math; undefined when it is not a scalar we can read. */
export function parseScalar(text: string): ScalarExpression | undefined {
  // The classifier tries the same pieces more than once (as a list item, a side, an endpoint); parse each once.
  if (parsed.has(text)) return parsed.get(text);
  const result = parseScalarUncached(text);
  if (parsed.size >= PARSE_CACHE_SIZE) parsed.clear();
  parsed.set(text, result);
  return result;
}

const PARSE_CACHE_SIZE = 2_000;
const parsed = new Map<string, ScalarExpression | undefined>();

function parseScalarUncached(text: string): ScalarExpression | undefined {
  const plain = latexToPlain(text);
  const syntax = plain === undefined ? undefined : toMathJsSyntax(plain);
  if (syntax === undefined || syntax.trim() === '') return undefined;
  let node: MathNode;
  try {
    node = parse(syntax);
  } catch {
    return undefined;
  }
  const literals = syntax.match(NUMBER_LITERAL) ?? [];
  const state: CompileState = { variables: new Set(), literals, texts: new Map(), decimals: [], next: 0, hasInfinity: false };
  const evaluate = compile(node, state);
  if (!evaluate) return undefined;
  const literalsMatch = state.next === literals.length;
  const literal = (constant: MathNode) => state.texts.get(constant);
  const exact = literalsMatch && state.variables.size === 0 ? exactValue(node, literal) : undefined;
  const exactAt = literalsMatch && state.variables.size > 0 ? (point: Readonly<Record<string, Rational>>) => exactValue(node, literal, point) : undefined;
  return {
    node,
    variables: [...state.variables].sort(),
    evaluate,
    exact,
    exactAt,
    decimals: literalsMatch ? state.decimals : [],
    hasInfinity: state.hasInfinity,
  };
}

interface CompileState {
  variables: Set<string>;
  literals: readonly string[];
  texts: Map<MathNode, string>;
  decimals: DecimalLiteral[];
  next: number;
  hasInfinity: boolean;
}

function compileConstant(node: MathNode, state: CompileState): Evaluator | undefined {
  const value = Number((node as unknown as { value: unknown }).value);
  if (Number.isNaN(value)) return undefined;
  const text = state.literals[state.next];
  if (!Number.isFinite(value) && text === undefined) {
    state.hasInfinity = true;
    return () => value;
  }
  state.next++;
  if (text === undefined) return () => value;
  state.texts.set(node, text);
  if (!text.includes('.')) return () => value;
  const places = (text.split('.')[1] ?? '').length;
  const key = `#decimal${state.decimals.length}`;
  const significantDigits = Math.max(text.replace('.', '').replace(/^0+/, '').length, 1);
  state.decimals.push({ key, value, places, significantDigits });
  return (scope) => scope[key] ?? value;
}

function compile(node: MathNode, state: CompileState): Evaluator | undefined {
  const variables = state.variables;
  switch (node.type) {
    case 'ConstantNode':
      return compileConstant(node, state);
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name;
      if (name === 'Infinity') state.hasInfinity = true;
      const constant = CONSTANTS[name];
      if (constant !== undefined) return () => constant;
      variables.add(name);
      return (scope) => scope[name] ?? Number.NaN;
    }
    case 'ParenthesisNode':
      return compile((node as unknown as { content: MathNode }).content, state);
    case 'OperatorNode':
      return compileOperator(node as unknown as { fn: string; args: MathNode[] }, state);
    case 'FunctionNode': {
      const call = node as unknown as { fn: { name?: string }; args: MathNode[] };
      const fn = FUNCTIONS[call.fn.name ?? ''];
      const args = compileAll(call.args, state);
      if (!fn || !args) return undefined;
      return (scope) => fn(...args.map((arg) => arg(scope)));
    }
    default:
      return undefined;
  }
}

function compileAll(nodes: MathNode[], state: CompileState): Evaluator[] | undefined {
  const compiled = nodes.map((child) => compile(child, state));
  return compiled.every((item) => item !== undefined) ? (compiled as Evaluator[]) : undefined;
}

function compileOperator(node: { fn: string; args: MathNode[] }, state: CompileState): Evaluator | undefined {
  const args = compileAll(node.args, state);
  if (!args) return undefined;
  const [left, right] = args as [Evaluator, Evaluator];
  switch (node.fn) {
    case 'add': return (scope) => left(scope) + right(scope);
    case 'subtract': return (scope) => left(scope) - right(scope);
    case 'multiply': return (scope) => left(scope) * right(scope);
    case 'divide': return (scope) => left(scope) / right(scope);
    case 'pow': return (scope) => realPower(left(scope), right(scope));
    case 'unaryMinus': return (scope) => -left(scope);
    case 'unaryPlus': return left;
    case 'factorial': return (scope) => factorial(left(scope));
    default: return undefined;
  }
}

/** Real powers, with real odd roots of negatives: (-8)^(1/3) = -2, as a student expects. */
export function realPower(base: number, exponent: number): number {
  if (base >= 0 || Number.isInteger(exponent)) return Math.pow(base, exponent);
  for (const denominator of ODD_ROOT_DENOMINATORS) {
    const numerator = exponent * denominator;
    if (Math.abs(numerator - Math.round(numerator)) < 1e-9) {
      const magnitude = Math.pow(-base, exponent);
      return Math.round(numerator) % 2 === 0 ? magnitude : -magnitude;
    }
  }
  return Number.NaN;
}

function factorial(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_FACTORIAL) return Number.NaN;
  let result = 1;
  for (let factor = 2; factor <= value; factor++) result *= factor;
  return result;
}
