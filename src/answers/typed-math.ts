/** Reads typed math (`2x`, `sin x`, `sqrt(2)/2`, `|x|`, `204_5`) into explicit mathjs syntax. */

const FUNCTIONS = [
  'arcsin', 'arccos', 'arctan', 'arcsec', 'arccsc', 'arccot', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh',
  'sech', 'csch', 'coth', 'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'sqrt', 'nthRoot', 'ln', 'log', 'exp', 'abs',
  'floor', 'ceil', 'combinations', 'max', 'min', 'gcd', 'lcm',
];
const NAMES = [
  ...FUNCTIONS, 'Infinity', 'pi', 'alpha', 'beta', 'gamma', 'delta', 'varepsilon', 'epsilon', 'vartheta', 'theta',
  'lambda', 'mu', 'nu', 'rho', 'sigma', 'tau', 'varphi', 'phi', 'omega', 'psi', 'chi', 'eta', 'zeta', 'kappa', 'xi',
  'Delta', 'Omega', 'Phi', 'Theta', 'Gamma', 'Sigma', 'Lambda', 'Psi', 'Pi',
].sort((a, b) => b.length - a.length);
const FUNCTION_SET = new Set(FUNCTIONS);
const INVERSE_TRIG: Readonly<Record<string, string>> = { sin: 'arcsin', cos: 'arccos', tan: 'arctan' };

type TokenKind = 'number' | 'name' | 'function' | 'operator' | 'open' | 'close' | 'bar';
interface Token {
  kind: TokenKind;
  text: string;
}

/** mathjs-ready syntax with explicit `*` and call parentheses, or undefined when unreadable. */
export function toMathJsSyntax(plain: string): string | undefined {
  const tokens = tokenize(plain.replace(/\*\*/g, '^'));
  if (!tokens) return undefined;
  try {
    return emit(tokens, 0, tokens.length);
  } catch {
    return undefined;
  }
}

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const rest = text.slice(index);
    const space = /^\s+/.exec(rest);
    if (space) {
      index += space[0].length;
      continue;
    }
    const based = /^(\d+)_\(?(\d+)\)?/.exec(rest);
    if (based) {
      const value = fromBase(based[1] ?? '', Number(based[2]));
      if (value === undefined) return undefined;
      tokens.push({ kind: 'number', text: String(value) });
      index += based[0].length;
      continue;
    }
    const number = /^(?:\d+(?:\.\d*)?|\.\d+)/.exec(rest);
    if (number) {
      tokens.push({ kind: 'number', text: number[0].endsWith('.') ? number[0].slice(0, -1) : number[0] });
      index += number[0].length;
      continue;
    }
    const word = /^[a-zA-Z]+/.exec(rest);
    if (word) {
      tokens.push(...splitWord(word[0]));
      index += word[0].length;
      const subscript = /^_\(?([a-zA-Z0-9]+)\)?/.exec(text.slice(index));
      const last = tokens.at(-1);
      if (subscript && last?.kind === 'name') {
        last.text += `_${subscript[1]}`;
        index += subscript[0].length;
      }
      continue;
    }
    const char = text[index] ?? '';
    if ('([' .includes(char)) tokens.push({ kind: 'open', text: '(' });
    else if (')]'.includes(char)) tokens.push({ kind: 'close', text: ')' });
    else if (char === '|') tokens.push({ kind: 'bar', text: '|' });
    else if ('+-*/^!,_'.includes(char)) tokens.push({ kind: 'operator', text: char });
    else return undefined;
    index++;
  }
  return tokens;
}

function splitWord(word: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < word.length) {
    const name = NAMES.find((candidate) => word.startsWith(candidate, index));
    const text = name ?? word[index] ?? '';
    tokens.push({ kind: FUNCTION_SET.has(text) ? 'function' : 'name', text });
    index += text.length;
  }
  return tokens;
}

function fromBase(digits: string, base: number): number | undefined {
  if (base < 2 || base > 10) return undefined;
  let value = 0;
  for (const digit of digits) {
    const digitValue = Number(digit);
    if (digitValue >= base) return undefined;
    value = value * base + digitValue;
  }
  return value;
}

/** Emits tokens[start, end) with implicit products and function calls made explicit. */
function emit(tokens: Token[], start: number, end: number): string {
  let output = '';
  let previous: Token | undefined;
  let index = start;
  while (index < end) {
    const token = tokens[index] as Token;
    if (token.kind === 'bar') {
      const close = findClosingBar(tokens, index, end);
      const piece = `abs(${emit(tokens, index + 1, close)})`;
      output += (startsFactor(previous) ? '*' : '') + piece;
      previous = { kind: 'close', text: ')' };
      index = close + 1;
      continue;
    }
    if (token.kind === 'function') {
      const call = emitCall(tokens, index, end);
      output += (startsFactor(previous) ? '*' : '') + call.text;
      previous = { kind: 'close', text: ')' };
      index = call.end;
      continue;
    }
    if ((token.kind === 'number' || token.kind === 'name' || token.kind === 'open') && startsFactor(previous)) output += '*';
    output += token.kind === 'operator' && token.text === '_' ? '' : token.text;
    previous = token;
    index++;
  }
  return output;
}

function startsFactor(previous: Token | undefined): boolean {
  if (!previous) return false;
  return previous.kind === 'number' || previous.kind === 'name' || previous.kind === 'close' || previous.text === '!';
}

function findClosingBar(tokens: Token[], open: number, end: number): number {
  let depth = 0;
  for (let index = open + 1; index < end; index++) {
    const kind = tokens[index]?.kind;
    if (kind === 'open') depth++;
    else if (kind === 'close') depth--;
    else if (kind === 'bar' && depth === 0) {
      const before = tokens[index - 1];
      if (before && (before.kind !== 'operator' || before.text === '!') && before.kind !== 'open') return index;
    }
  }
  throw new Error('unbalanced |');
}

/** `sin x`, `sin^2 x`, `sin(x)`, `log_2 8`, `sin^{-1} x`. */
function emitCall(tokens: Token[], index: number, end: number): { text: string; end: number } {
  let name = (tokens[index] as Token).text;
  let next = index + 1;
  let power: string | undefined;
  let base: string | undefined;
  if (tokens[next]?.text === '^') {
    const exponent = atomEnd(tokens, next + 1, end);
    power = emit(tokens, next + 1, exponent);
    next = exponent;
    const inverse = INVERSE_TRIG[name];
    if (/^\(?-1\)?$/.test(power) && inverse) {
      name = inverse;
      power = undefined;
    }
  } else if (tokens[next]?.text === '_' && name === 'log') {
    const baseEnd = atomEnd(tokens, next + 1, end);
    base = emit(tokens, next + 1, baseEnd);
    next = baseEnd;
  }
  const isGroup = tokens[next]?.kind === 'open';
  const argumentEnd = isGroup ? atomEnd(tokens, next, end) : factorRunEnd(tokens, next, end);
  if (argumentEnd === next) throw new Error(`${name} has no argument`);
  const argument = isGroup ? emit(tokens, next + 1, argumentEnd - 1) : emit(tokens, next, argumentEnd);
  const called = base === undefined ? `${name}(${argument})` : `log(${argument},${base})`;
  return { text: power === undefined ? called : `(${called})^(${power})`, end: argumentEnd };
}

/** End of one atom: a number, name, or bracketed group, with a leading minus allowed. */
function atomEnd(tokens: Token[], index: number, end: number): number {
  let position = index;
  if (tokens[position]?.text === '-') position++;
  const token = tokens[position];
  if (!token) throw new Error('missing atom');
  if (token.kind !== 'open') return position + 1;
  let depth = 0;
  for (; position < end; position++) {
    const kind = tokens[position]?.kind;
    if (kind === 'open') depth++;
    else if (kind === 'close' && --depth === 0) return position + 1;
  }
  throw new Error('unbalanced (');
}

/** `sin 2x^2 y` takes `2x^2 y` as its argument, stopping at `+`, `-`, `,`, `)` or another function. */
function factorRunEnd(tokens: Token[], index: number, end: number): number {
  let position = index;
  while (position < end) {
    const token = tokens[position] as Token;
    if (token.kind === 'number' || token.kind === 'name') position++;
    else if (token.kind === 'open') position = atomEnd(tokens, position, end);
    else if (token.text === '^') position = atomEnd(tokens, position + 1, end);
    else if (token.text === '!') position++;
    else break;
  }
  return position;
}
