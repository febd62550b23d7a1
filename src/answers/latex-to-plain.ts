/** Rewrites LaTeX commands (`\frac`, `\sqrt`, `^{}`, `\sin`) as plain typed math, or says it cannot. */
import { matchingBrace } from '../hints/boxed.ts';

const PLAIN_NAMES = new Set([
  'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'arcsin', 'arccos', 'arctan', 'arcsec', 'arccsc', 'arccot',
  'sinh', 'cosh', 'tanh', 'sech', 'csch', 'coth', 'ln', 'log', 'exp', 'pi', 'alpha', 'beta', 'gamma', 'delta',
  'epsilon', 'varepsilon', 'theta', 'vartheta', 'lambda', 'mu', 'nu', 'rho', 'sigma', 'tau', 'phi', 'varphi',
  'omega', 'psi', 'chi', 'eta', 'zeta', 'kappa', 'xi', 'Delta', 'Omega', 'Phi', 'Theta', 'Gamma', 'Sigma', 'Lambda',
  'Psi', 'Pi', 'max', 'min', 'gcd', 'lcm',
]);
const UNWRAPPED = new Set(['mathbf', 'vec', 'overline', 'hat', 'bar', 'widehat', 'tilde', 'mathbb', 'mathcal', 'underline']);
const RENAMED: Readonly<Record<string, string>> = {
  infty: 'Infinity', pm: '±', mp: '∓', lfloor: 'floor(', rfloor: ')', lceil: 'ceil(', rceil: ')',
  vert: '|', lvert: '|', rvert: '|', mid: '|', prime: "'",
};

/** Plain math for a LaTeX string, or undefined when it uses a command we do not read. */
export function latexToPlain(text: string): string | undefined {
  let output = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index] ?? '';
    if (char === '\\') {
      const name = /^\\([a-zA-Z]+|.)/.exec(text.slice(index))?.[1] ?? '';
      const converted = convertCommand(text, index + name.length + 1, name);
      if (converted === undefined) return undefined;
      output += converted.text;
      index = converted.end;
    } else if (char === '{' || char === '}') {
      output += char === '{' ? '(' : ')';
      index++;
    } else {
      output += char;
      index++;
    }
  }
  return output;
}

interface Converted {
  text: string;
  end: number;
}

function convertCommand(text: string, start: number, name: string): Converted | undefined {
  if (name === 'frac' || name === 'binom') {
    const numerator = readGroup(text, start);
    const denominator = numerator && readGroup(text, numerator.end);
    if (!numerator || !denominator) return undefined;
    const joined = name === 'frac' ? `((${numerator.text})/(${denominator.text}))` : `combinations(${numerator.text},${denominator.text})`;
    return { text: joined, end: denominator.end };
  }
  if (name === 'sqrt') return convertRoot(text, start);
  if (PLAIN_NAMES.has(name)) return { text: ` ${name} `, end: start };
  if (UNWRAPPED.has(name)) {
    const group = readGroup(text, start);
    return group && { text: `(${group.text})`, end: group.end };
  }
  const renamed = RENAMED[name];
  if (renamed !== undefined) return { text: ` ${renamed} `, end: start };
  if (name === '{' || name === '}') return { text: name, end: start };
  return undefined;
}

function convertRoot(text: string, start: number): Converted | undefined {
  let index = skipSpaces(text, start);
  let degree: string | undefined;
  if (text[index] === '[') {
    const close = text.indexOf(']', index);
    if (close === -1) return undefined;
    degree = latexToPlain(text.slice(index + 1, close));
    if (degree === undefined) return undefined;
    index = close + 1;
  }
  const radicand = readGroup(text, index);
  if (!radicand) return undefined;
  const root = degree === undefined ? `sqrt(${radicand.text})` : `nthRoot(${radicand.text},${degree})`;
  return { text: root, end: radicand.end };
}

/** A `{...}` group (converted) or a single character argument, as in `\frac12`. */
function readGroup(text: string, start: number): Converted | undefined {
  const index = skipSpaces(text, start);
  if (text[index] === '{') {
    const close = matchingBrace(text, index);
    if (close === undefined) return undefined;
    const inner = latexToPlain(text.slice(index + 1, close));
    return inner === undefined ? undefined : { text: inner, end: close + 1 };
  }
  if (text[index] === '\\') {
    const name = /^\\([a-zA-Z]+)/.exec(text.slice(index))?.[1];
    if (name === undefined) return undefined;
    const converted = convertCommand(text, index + name.length + 1, name);
    return converted && { text: `(${converted.text})`, end: converted.end };
  }
  const char = text[index];
  return char === undefined ? undefined : { text: char, end: index + 1 };
}

function skipSpaces(text: string, index: number): number {
  while (text[index] === ' ') index++;
  return index;
}
