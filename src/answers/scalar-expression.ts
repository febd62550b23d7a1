/** A readable scalar expression: mathjs parses it; we evaluate it over the reals ourselves. */
import { parse, type MathNode } from 'mathjs';
import { latexToPlain } from './latex-to-plain.ts';
import { toMathJsSyntax } from './typed-math.ts';

const MAX_FACTORIAL = 170;
const ODD_ROOT_DENOMINATORS = [3, 5, 7, 9, 11, 13, 15];
const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E, Infinity: Number.POSITIVE_INFINITY };

type Evaluator = (scope: Readonly<Record<string, number>>) => number;
type RealFunction = (...values: number[]) => number;

/** One parsed scalar: its mathjs tree, free variables and a real-valued evaluator. */
export interface ScalarExpression {
  /** The mathjs syntax tree, for form checks. */
  readonly node: MathNode;
  /** Free variable names, sorted. */
  readonly variables: readonly string[];
  /** Value at a point; NaN where undefined over the reals. */
  readonly evaluate: Evaluator;
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
  const plain = latexToPlain(text);
  const syntax = plain === undefined ? undefined : toMathJsSyntax(plain);
  if (syntax === undefined || syntax.trim() === '') return undefined;
  let node: MathNode;
  try {
    node = parse(syntax);
  } catch {
    return undefined;
  }
  const variables = new Set<string>();
  const evaluate = compile(node, variables);
  return evaluate && { node, variables: [...variables].sort(), evaluate };
}

function compile(node: MathNode, variables: Set<string>): Evaluator | undefined {
  switch (node.type) {
    case 'ConstantNode': {
      const value = Number((node as unknown as { value: unknown }).value);
      return Number.isNaN(value) ? undefined : () => value;
    }
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name;
      const constant = CONSTANTS[name];
      if (constant !== undefined) return () => constant;
      variables.add(name);
      return (scope) => scope[name] ?? Number.NaN;
    }
    case 'ParenthesisNode':
      return compile((node as unknown as { content: MathNode }).content, variables);
    case 'OperatorNode':
      return compileOperator(node as unknown as { fn: string; args: MathNode[] }, variables);
    case 'FunctionNode': {
      const call = node as unknown as { fn: { name?: string }; args: MathNode[] };
      const fn = FUNCTIONS[call.fn.name ?? ''];
      const args = compileAll(call.args, variables);
      if (!fn || !args) return undefined;
      return (scope) => fn(...args.map((arg) => arg(scope)));
    }
    default:
      return undefined;
  }
}

function compileAll(nodes: MathNode[], variables: Set<string>): Evaluator[] | undefined {
  const compiled = nodes.map((child) => compile(child, variables));
  return compiled.every((item) => item !== undefined) ? (compiled as Evaluator[]) : undefined;
}

function compileOperator(node: { fn: string; args: MathNode[] }, variables: Set<string>): Evaluator | undefined {
  const args = compileAll(node.args, variables);
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
