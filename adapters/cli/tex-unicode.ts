/**
 * TeX as readable Unicode for the terminal: `x^2-5x+6=0` → `x² − 5x + 6 = 0`, `\frac{\sqrt2}{2}` →
 * `√2/2`, `\int_0^1` → `∫₀¹`. What it does not know stays as written, so nothing is lost.
 */

const SYMBOLS: Readonly<Record<string, string>> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ',
  vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', varpi: 'ϖ', rho: 'ρ',
  sigma: 'σ', varsigma: 'ς', tau: 'τ', upsilon: 'υ', phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
  Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
  infty: '∞', partial: '∂', nabla: '∇', forall: '∀', exists: '∃', emptyset: '∅', varnothing: '∅', ell: 'ℓ', hbar: 'ℏ',
  int: '∫', iint: '∬', oint: '∮', sum: '∑', prod: '∏', angle: '∠', triangle: '△', circ: '∘', bullet: '•',
  degree: '°', prime: '′', ldots: '…', cdots: '⋯', dots: '…', vdots: '⋮', ddots: '⋱', lbrace: '{', rbrace: '}',
  '{': '{', '}': '}', '%': '%', '$': '$', '&': '&', '#': '#', '_': '_', langle: '⟨', rangle: '⟩', lfloor: '⌊',
  rfloor: '⌋', lceil: '⌈', rceil: '⌉', vert: '|', lvert: '|', rvert: '|', Vert: '‖', '|': '‖', neg: '¬', lnot: '¬',
  therefore: '∴', because: '∵', checkmark: '✓', square: '□', qed: '∎',
};
/** Relations and binary operators: drawn with a space either side. */
const OPERATORS: Readonly<Record<string, string>> = {
  cdot: '·', times: '×', div: '÷', pm: '±', mp: '∓', ast: '∗', star: '⋆', oplus: '⊕', otimes: '⊗',
  leq: '≤', le: '≤', geq: '≥', ge: '≥', neq: '≠', ne: '≠', approx: '≈', equiv: '≡', sim: '∼', simeq: '≃', cong: '≅',
  propto: '∝', ll: '≪', gg: '≫', to: '→', rightarrow: '→', leftarrow: '←', Rightarrow: '⇒', Leftarrow: '⇐',
  leftrightarrow: '↔', Leftrightarrow: '⇔', implies: '⟹', iff: '⟺', mapsto: '↦', longrightarrow: '⟶',
  in: '∈', notin: '∉', ni: '∋', subset: '⊂', subseteq: '⊆', supset: '⊃', supseteq: '⊇', cup: '∪', cap: '∩',
  setminus: '∖', land: '∧', wedge: '∧', lor: '∨', vee: '∨', perp: '⊥', parallel: '∥', mid: '|', coloneqq: '≔',
};
const SPACES: Readonly<Record<string, string>> = { ',': ' ', ':': ' ', ';': ' ', ' ': ' ', quad: '  ', qquad: '    ', '!': '', enspace: ' ', thinspace: ' ' };
/** Commands whose one argument is shown as it is. */
const UNWRAP = new Set([
  'text', 'textrm', 'textit', 'textbf', 'mathrm', 'mathit', 'mathbf', 'mathsf', 'mathtt', 'boldsymbol', 'bm', 'operatorname',
  'mbox', 'emph', 'bold', 'displaystyle', 'textstyle', 'boxed', 'mathbb', 'mathcal', 'mathfrak', 'underline', 'textnormal',
]);
const NAMED_FUNCTIONS = new Set([
  'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh', 'log', 'ln', 'lg', 'exp',
  'lim', 'max', 'min', 'sup', 'inf', 'det', 'gcd', 'lcm', 'deg', 'dim', 'ker', 'arg', 'Pr', 'mod', 'bmod',
]);
/** Dropped with nothing in their place: sizing and spacing hints. */
const IGNORED = new Set(['left', 'right', 'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'middle', 'limits', 'nolimits', 'mathstrut', 'strut', 'notag', 'nonumber']);
const ACCENTS: Readonly<Record<string, string>> = { vec: '\u20d7', hat: '\u0302', bar: '\u0304', overline: '\u0305', tilde: '\u0303', dot: '\u0307', ddot: '\u0308', widehat: '\u0302', widetilde: '\u0303' };
const BLACKBOARD: Readonly<Record<string, string>> = { R: 'ℝ', N: 'ℕ', Z: 'ℤ', Q: 'ℚ', C: 'ℂ', P: 'ℙ' };

const SUPERSCRIPTS: Readonly<Record<string, string>> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '+': '⁺', '-': '⁻', '−': '⁻',
  '=': '⁼', '(': '⁽', ')': '⁾', n: 'ⁿ', i: 'ⁱ', x: 'ˣ', y: 'ʸ', a: 'ᵃ', b: 'ᵇ', c: 'ᶜ', d: 'ᵈ', e: 'ᵉ', k: 'ᵏ', m: 'ᵐ', t: 'ᵗ', T: 'ᵀ', '′': '′', '°': '°', '∘': '°',
};
const SUBSCRIPTS: Readonly<Record<string, string>> = {
  '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉', '+': '₊', '-': '₋', '−': '₋',
  '=': '₌', '(': '₍', ')': '₎', a: 'ₐ', e: 'ₑ', o: 'ₒ', x: 'ₓ', i: 'ᵢ', j: 'ⱼ', k: 'ₖ', n: 'ₙ', m: 'ₘ', t: 'ₜ', r: 'ᵣ', s: 'ₛ', p: 'ₚ',
};
const SPACED = new Set(['=', '<', '>', '+', '−', ...Object.values(OPERATORS)]);
const MAX_DEPTH = 50;

/** Readable Unicode for a TeX formula (no delimiters). */
export function texToUnicode(tex: string): string {
  const reader = new Reader(tex);
  const tokens = reader.sequence(0);
  return join(tokens).replace(/ {2,}/g, (spaces) => (spaces.length >= 4 ? '    ' : ' ')).trim();
}

/** A piece of output: a symbol that wants spaces around it, or plain text. */
type Token = { readonly text: string; readonly isOperator?: boolean; readonly kind?: 'function' | 'large' | 'script' };
const LARGE_OPERATORS = new Set(['int', 'iint', 'oint', 'sum', 'prod']);

class Reader {
  private index = 0;

  constructor(private readonly tex: string) {}

  /** Tokens up to the end, or a closing brace when inside a group. */
  sequence(depth: number): Token[] {
    const tokens: Token[] = [];
    while (this.index < this.tex.length) {
      const char = this.tex[this.index] ?? '';
      if (char === '}') {
        if (depth > 0) return tokens;
        this.index++;
        continue;
      }
      tokens.push(...this.atom(depth, tokens));
    }
    return tokens;
  }

  private atom(depth: number, before: readonly Token[]): Token[] {
    const char = this.tex[this.index] ?? '';
    if (char === '{') return [{ text: this.group(depth) }];
    if (char === '^' || char === '_') {
      this.index++;
      const argument = this.argument(depth);
      return [{ text: script(argument, char === '^' ? SUPERSCRIPTS : SUBSCRIPTS, char), kind: 'script' }];
    }
    if (char === '\\') return this.command(depth);
    this.index++;
    if (char === '~') return [{ text: ' ' }];
    if (char === '&') return [{ text: ' ' }];
    if (char === ',' || char === ';') return [{ text: `${char} ` }];
    if (char === "'") return [{ text: '′' }];
    if (/\s/.test(char)) return [];
    if (char === '-') {
      const previous = before.at(-1);
      const isUnary = !previous || previous.isOperator || /[([{,]$/.test(previous.text);
      return [isUnary ? { text: '−' } : { text: '−', isOperator: true }];
    }
    if (char === '*') return [{ text: '·', isOperator: true }];
    if (SPACED.has(char)) return [{ text: char, isOperator: before.length > 0 || char !== '+' }];
    return [{ text: char }];
  }

  /** `{…}` as text, or the next single token. */
  private argument(depth: number): string {
    this.skipSpaces();
    const char = this.tex[this.index] ?? '';
    if (char === '{') return this.group(depth);
    if (char === '\\') return join(this.command(depth));
    this.index++;
    return char;
  }

  private group(depth: number): string {
    this.index++;
    if (depth >= MAX_DEPTH) {
      const end = this.tex.indexOf('}', this.index);
      const text = this.tex.slice(this.index, end < 0 ? undefined : end);
      this.index = end < 0 ? this.tex.length : end + 1;
      return text;
    }
    const tokens = this.sequence(depth + 1);
    this.index++;
    return join(tokens);
  }

  private command(depth: number): Token[] {
    const match = /^\\([a-zA-Z]+|.)/.exec(this.tex.slice(this.index));
    const name = match?.[1] ?? '';
    this.index += name.length + 1;
    if (name === '\\') return [{ text: '; ' }];
    const space = SPACES[name];
    if (space !== undefined) return [{ text: space }];
    if (IGNORED.has(name)) return [];
    if (name === 'frac' || name === 'dfrac' || name === 'tfrac' || name === 'cfrac') {
      const numerator = this.argument(depth);
      const denominator = this.argument(depth);
      return [{ text: `${wrap(numerator)}/${wrapDenominator(denominator)}` }];
    }
    if (name === 'binom') {
      const top = this.argument(depth);
      return [{ text: `C(${top}, ${this.argument(depth)})` }];
    }
    if (name === 'sqrt') {
      this.skipSpaces();
      let index = '';
      if (this.tex[this.index] === '[') {
        const end = this.tex.indexOf(']', this.index);
        index = texToUnicode(this.tex.slice(this.index + 1, end < 0 ? undefined : end));
        this.index = end < 0 ? this.tex.length : end + 1;
      }
      const radicand = this.argument(depth);
      const root = index === '3' ? '∛' : index === '4' ? '∜' : `${index ? script(index, SUPERSCRIPTS, '^') : ''}√`;
      return [{ text: `${root}${wrap(radicand)}` }];
    }
    if (name === 'begin' || name === 'end') {
      const environment = this.argument(depth);
      if (name === 'begin' && /array|tabular/.test(environment) && this.tex[this.index] === '{') this.argument(depth);
      if (/matrix/.test(environment)) return [{ text: name === 'begin' ? '[' : ']' }];
      if (environment === 'cases') return [{ text: name === 'begin' ? '{ ' : '' }];
      return [];
    }
    if (name === 'not') {
      const next = this.argument(depth);
      return [{ text: next === '=' ? '≠' : `${next}\u0338`, isOperator: true }];
    }
    if (name === 'mathbb') {
      const argument = this.argument(depth);
      return [{ text: [...argument].map((letter) => BLACKBOARD[letter] ?? letter).join('') }];
    }
    if (name === 'pmod') return [{ text: ` (mod ${this.argument(depth)})` }];
    if (name === 'ce') return [{ text: chemistry(this.rawGroup()) }];
    if (UNWRAP.has(name)) {
      this.skipSpaces();
      if (this.tex[this.index] !== '{' && (name === 'displaystyle' || name === 'textstyle')) return [];
      return [{ text: name === 'operatorname' || name.startsWith('text') || name === 'mbox' ? rawText(this.rawGroup()) : this.argument(depth) }];
    }
    const accent = ACCENTS[name];
    if (accent) {
      const argument = this.argument(depth);
      // A bar over several characters (a segment AB, a repeating 0.3) is a bar over each.
      const isBar = name === 'overline' || name === 'bar';
      return [{ text: [...argument].length === 1 || isBar ? [...argument].map((char) => `${char}${accent}`).join('') : `${name}(${argument})` }];
    }
    const operator = OPERATORS[name];
    if (operator) return [{ text: operator, isOperator: true }];
    const symbol = SYMBOLS[name];
    if (symbol) return [{ text: symbol, ...(LARGE_OPERATORS.has(name) ? { kind: 'large' as const } : {}) }];
    if (name === 'bmod' || name === 'mod') return [{ text: 'mod', isOperator: true }];
    if (NAMED_FUNCTIONS.has(name)) return [{ text: name, kind: 'function' }];
    return [{ text: `\\${name}` }];
  }

  /** A braced argument read as text (for \text{}), keeping its spaces. */
  private rawGroup(): string {
    this.skipSpaces();
    if (this.tex[this.index] !== '{') return this.tex[this.index++] ?? '';
    let depth = 0;
    const start = this.index + 1;
    for (; this.index < this.tex.length; this.index++) {
      const char = this.tex[this.index];
      if (char === '\\') this.index++;
      else if (char === '{') depth++;
      else if (char === '}' && --depth === 0) break;
    }
    const text = this.tex.slice(start, this.index);
    this.index++;
    return text;
  }

  private skipSpaces(): void {
    while (/\s/.test(this.tex[this.index] ?? 'x')) this.index++;
  }
}

/** Text inside \text{}: inline math converted, escapes undone. */
function rawText(text: string): string {
  return text.replace(/\$([^$]*)\$/g, (_all, tex: string) => texToUnicode(tex)).replace(/\\([%$&#_{}])/g, '$1').replace(/\\ /g, ' ');
}

/**
 * Joins tokens: operators get a space either side; a function name or large operator (with its
 * limits) is set apart from a following letter or number ("sin x", "∫₀¹ x² dx") but not from "(".
 */
function join(tokens: readonly Token[]): string {
  let output = '';
  let pending: Token | undefined;
  let hasLimits = false;
  tokens.forEach((token, index) => {
    if (token.isOperator) {
      output += ` ${token.text} `;
      pending = undefined;
      return;
    }
    if (token.kind === 'function' && /[\p{L}\p{N}]$/u.test(output)) output += ' ';
    if (pending && token.kind !== 'script' && /^[\p{L}\p{N}√∛∜∫∑∏(]/u.test(token.text) && !(pending.kind === 'function' && !hasLimits && token.text.startsWith('('))) output += ' ';
    output += token.text;
    if (token.kind === 'function' || token.kind === 'large') {
      pending = token;
      hasLimits = false;
    } else if (token.kind === 'script') hasLimits = true;
    else pending = undefined;
    if (index === tokens.length - 1) pending = undefined;
  });
  return output;
}

/** Superscript or subscript characters when every character has one, else `^(…)` / `_(…)`. */
function script(text: string, table: Readonly<Record<string, string>>, mark: string): string {
  const trimmed = text.replace(/\s+/g, '');
  const chars = [...trimmed];
  if (chars.length > 0 && chars.every((char) => table[char] !== undefined)) return chars.map((char) => table[char]).join('');
  return chars.length === 1 ? `${mark}${trimmed}` : `${mark}(${text.trim()})`;
}

/**
 * A denominator keeps parentheses around a product too: `1/2a` reads as (1/2)·a, so `\frac{1}{2a}`
 * is `1/(2a)`; a number, a letter (with its scripts) or a root needs none.
 */
function wrapDenominator(text: string): string {
  const trimmed = text.trim();
  if (/^(\p{N}+(\.\p{N}+)?|\p{L}[⁰¹²³⁴⁵⁶⁷⁸⁹ⁿ₀₁₂₃₄₅₆₇₈₉ᵢⱼₖₙ]*|[√∛∜](\p{N}+|\p{L}|\(.*\))|\(.*\)|\[.*\])$/u.test(trimmed)) return trimmed;
  return `(${trimmed})`;
}

/** mhchem's \ce{}: counts after an element or bracket become subscripts, charges superscripts, arrows arrows. */
function chemistry(text: string): string {
  return text
    .replace(/<=>|<->|->|<-/g, (arrow) => ` ${{ '<=>': '⇌', '<->': '↔', '->': '→', '<-': '←' }[arrow] ?? arrow} `)
    .replace(/\^\{?([0-9]*[+-])\}?|\^([0-9]+)/g, (_all, charge: string | undefined, power: string | undefined) => script(charge ?? power ?? '', SUPERSCRIPTS, '^'))
    .replace(/([A-Za-z)\]])(\d+)/g, (_all, before: string, count: string) => `${before}${script(count, SUBSCRIPTS, '_')}`)
    .replace(/\s+/g, ' ')
    .trim();
}

/** Parentheses around anything but a single number, letter or already-bracketed group. */
function wrap(text: string): string {
  const trimmed = text.trim();
  if (/^(\p{L}|\p{N}+(\.\p{N}+)?|[√∛∜]?\p{N}+|[√∛∜]\p{L}|\(.*\)|\[.*\])$/u.test(trimmed) || /^[\p{L}\p{N}.]+[⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉]*$/u.test(trimmed)) return trimmed;
  return `(${trimmed})`;
}
