/** Exact rational arithmetic over BigInt, so integers and fractions compare exactly at any size. */
import type { MathNode } from 'mathjs';

/** A reduced fraction with a positive denominator. */
export interface Rational {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/** Largest result kept exact, in bits (about 10,000 digits); larger results fall back to floats. */
const MAX_BITS = 33_000;
const MAX_FACTORIAL = 1_000;

function gcd(left: bigint, right: bigint): bigint {
  let [a, b] = [left < 0n ? -left : left, right < 0n ? -right : right];
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function bits(value: bigint): number {
  return (value < 0n ? -value : value).toString(2).length;
}

/** The fraction numerator/denominator in lowest terms, or undefined for a zero denominator or an oversized value. */
export function rational(numerator: bigint, denominator = 1n): Rational | undefined {
  if (denominator === 0n) return undefined;
  const sign = denominator < 0n ? -1n : 1n;
  const divisor = gcd(numerator, denominator) || 1n;
  const result = { numerator: (sign * numerator) / divisor, denominator: (sign * denominator) / divisor };
  return bits(result.numerator) + bits(result.denominator) > MAX_BITS ? undefined : result;
}

/** A plain decimal literal (`12`, `0.667`, `1.5e3`) as an exact fraction. */
export function fromDecimalText(text: string): Rational | undefined {
  const match = /^([-+]?)(\d*)(?:\.(\d*))?(?:e([-+]?\d+))?$/i.exec(text.trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return undefined;
  const fraction = match[3] ?? '';
  const exponent = Number(match[4] ?? '0') - fraction.length;
  if (Math.abs(exponent) > 10_000) return undefined;
  const digits = BigInt(`${match[1] === '-' ? '-' : ''}${match[2] || '0'}${fraction}`);
  return exponent >= 0 ? rational(digits * 10n ** BigInt(exponent)) : rational(digits, 10n ** BigInt(-exponent));
}

/** A finite double as the exact fraction it stores (used for tolerances). */
export function fromDouble(value: number): Rational | undefined {
  if (!Number.isFinite(value)) return undefined;
  return fromDecimalText(value.toExponential(20).replace(/e\+?/, 'e'));
}

export function add(left: Rational, right: Rational): Rational | undefined {
  return rational(left.numerator * right.denominator + right.numerator * left.denominator, left.denominator * right.denominator);
}

export function subtract(left: Rational, right: Rational): Rational | undefined {
  return add(left, { numerator: -right.numerator, denominator: right.denominator });
}

export function multiply(left: Rational, right: Rational): Rational | undefined {
  return rational(left.numerator * right.numerator, left.denominator * right.denominator);
}

export function divide(left: Rational, right: Rational): Rational | undefined {
  return rational(left.numerator * right.denominator, left.denominator * right.numerator);
}

/** base^exponent for a whole exponent, undefined when the result would be oversized. */
export function power(base: Rational, exponent: Rational): Rational | undefined {
  if (exponent.denominator !== 1n) return undefined;
  const magnitude = exponent.numerator < 0n ? -exponent.numerator : exponent.numerator;
  if ((bits(base.numerator) + bits(base.denominator)) * Number(magnitude) > MAX_BITS * 2 && base.numerator !== 0n) {
    const isUnit = (base.numerator === 1n || base.numerator === -1n) && base.denominator === 1n;
    if (!isUnit) return undefined;
  }
  const raised = { numerator: base.numerator ** magnitude, denominator: base.denominator ** magnitude };
  return exponent.numerator < 0n ? rational(raised.denominator, raised.numerator) : rational(raised.numerator, raised.denominator);
}

export function compare(left: Rational, right: Rational): number {
  const difference = left.numerator * right.denominator - right.numerator * left.denominator;
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

export function absolute(value: Rational): Rational {
  return value.numerator < 0n ? { numerator: -value.numerator, denominator: value.denominator } : value;
}

function factorial(value: Rational): Rational | undefined {
  if (value.denominator !== 1n || value.numerator < 0n || value.numerator > BigInt(MAX_FACTORIAL)) return undefined;
  let result = 1n;
  for (let factor = 2n; factor <= value.numerator; factor++) result *= factor;
  return rational(result);
}

interface NodeFields {
  type: string;
  fn?: string;
  args?: MathNode[];
  content?: MathNode;
  value?: unknown;
}

/**
 * The exact value of a constant expression made of numbers, + - * /, whole powers and factorials;
 * undefined when it uses anything else (a variable, pi, a root) or grows too large.
 * `literal` gives each number's written text, in the order the tree meets them.
 */
export function exactValue(
  node: MathNode,
  literal: (node: MathNode) => string | undefined,
  scope: Readonly<Record<string, Rational>> = {},
): Rational | undefined {
  const fields = node as unknown as NodeFields & { name?: string };
  switch (fields.type) {
    case 'ConstantNode': {
      const text = literal(node);
      return text === undefined ? undefined : fromDecimalText(text);
    }
    case 'SymbolNode':
      return Object.hasOwn(scope, fields.name ?? '') ? scope[fields.name ?? ''] : undefined;
    case 'ParenthesisNode':
      return exactValue(fields.content as MathNode, literal, scope);
    case 'OperatorNode': {
      const args = (fields.args ?? []).map((arg) => exactValue(arg, literal, scope));
      if (args.some((arg) => arg === undefined)) return undefined;
      const [left, right] = args as [Rational, Rational];
      switch (fields.fn) {
        case 'add': return add(left, right);
        case 'subtract': return subtract(left, right);
        case 'multiply': return multiply(left, right);
        case 'divide': return divide(left, right);
        case 'pow': return power(left, right);
        case 'unaryMinus': return { numerator: -left.numerator, denominator: left.denominator };
        case 'unaryPlus': return left;
        case 'factorial': return factorial(left);
        default: return undefined;
      }
    }
    default:
      return undefined;
  }
}
