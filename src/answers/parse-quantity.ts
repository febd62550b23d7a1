/** Reads a magnitude followed by a unit (`9.8 m/s^2`, `15 cm^2`, `125 miles`, `10 units`). */
import { unit as parseUnit, type Unit } from 'mathjs';
import type { QuantityAnswer } from './answer-shape.ts';
import { parseScalarAnswer } from './parse-scalar-answer.ts';

const UNIT_TAIL = /((?:[a-zA-Zµ]+(?:\s*\^\s*\(?-?\d+\)?)?\s*[/*]?\s*)+)$/;
const ONE_LETTER_UNITS = new Set(['m', 's', 'g', 'h', 'A', 'K', 'N', 'J', 'W', 'V', 'L']);
const UNIT_WORD = /^[a-zA-Z]{3,}(?:\s+[a-zA-Z]{3,})*$/;
const MATH_NAME = /\b(?:sin|cos|tan|sec|csc|cot|sqrt|log|exp|pi|theta|alpha|beta)\b/;

/** A quantity, or undefined when there is no unit after a constant magnitude. */
export function parseQuantity(text: string): QuantityAnswer | undefined {
  const tail = UNIT_TAIL.exec(text);
  if (!tail || tail.index === 0) return undefined;
  const head = text.slice(0, tail.index).trim();
  const unitText = (tail[1] ?? '').trim().replace(/\s*\^\s*/g, '^').replace(/[/*]$/, '').trim();
  if (!/[\d)}.]\s*$/.test(head) && !head.endsWith('%')) return undefined;
  const magnitude = parseScalarAnswer(head);
  if (!magnitude || magnitude.scalar.variables.length > 0) return undefined;
  const known = readUnit(unitText, /\s$/.test(text.slice(0, tail.index)));
  if (known) return { shape: 'quantity', text, magnitude, unit: known, unitText };
  if (UNIT_WORD.test(unitText) && !MATH_NAME.test(unitText)) return { shape: 'quantity', text, magnitude, unit: undefined, unitText };
  return undefined;
}

function readUnit(unitText: string, isSpaced: boolean): Unit | undefined {
  const letters = unitText.replace(/[^a-zA-Zµ]/g, '');
  if (letters.length === 1 && !(isSpaced && ONE_LETTER_UNITS.has(letters))) return undefined;
  if (/^(?:pi|e|i|x|y|z|n|k)$/.test(unitText)) return undefined;
  try {
    const parsed = parseUnit(`1 ${unitText}`);
    return parsed.toNumber(parsed.formatUnits()) === 1 || parsed.units.length > 0 ? parsed : undefined;
  } catch {
    return undefined;
  }
}
