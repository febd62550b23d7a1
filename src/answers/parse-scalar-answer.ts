/** Reads a number or expression answer, keeping what its written form says about precision. */
import type { ScalarAnswer } from './answer-shape.ts';
import { parseScalar } from './scalar-expression.ts';

const INTEGER = /^[-+]?\d+$/;
const DECIMAL = /^[-+]?(?:\d+\.\d*|\.\d+)$/;
const COMMA_THOUSANDS = /^[-+]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/;
const SPACE_THOUSANDS = /^[-+]?\d{1,3}(?: \d{3})+(?:\.\d+)?$/;

/** Whether the text is one number written with thousands separators, like `7,425,000`. */
export function isThousandsNumber(text: string): boolean {
  return COMMA_THOUSANDS.test(text.trim().replace(/%$/, ''));
}

/** A scalar answer, or undefined when the text is not a readable number or expression. */
export function parseScalarAnswer(text: string): ScalarAnswer | undefined {
  let body = text.trim();
  const isPercent = body.endsWith('%');
  if (isPercent) body = body.slice(0, -1).trim();
  if (COMMA_THOUSANDS.test(body) || SPACE_THOUSANDS.test(body)) body = body.replace(/[, ]/g, '');
  const scalar = parseScalar(body);
  if (!scalar) return undefined;
  const isInteger = INTEGER.test(body);
  const isDecimal = !isInteger && DECIMAL.test(body);
  return {
    shape: isInteger ? 'integer' : isDecimal ? 'decimal' : 'expression',
    text: body,
    scalar,
    decimalPlaces: isDecimal ? (body.split('.')[1] ?? '').length : isInteger ? 0 : undefined,
    significantDigits: isDecimal || isInteger ? countSignificantDigits(body) : undefined,
    isPercent,
    hasDecimal: /\d\.\d|(?:^|[^\d])\.\d/.test(body),
  };
}

/** The digits of a plain number written without the sign and leading zeros. */
function countSignificantDigits(numberText: string): number {
  const digits = numberText.replace(/[-+.]/g, '').replace(/^0+/, '');
  return Math.max(digits.length, 1);
}

/** Reads `1,22` (a decimal comma) as 1.22; used only when a single number is expected. */
export function readDecimalComma(text: string): string | undefined {
  const match = /^([-+]?\d+),(\d+)$/.exec(text.trim());
  if (!match || COMMA_THOUSANDS.test(text.trim())) return undefined;
  return `${match[1]}.${match[2]}`;
}
