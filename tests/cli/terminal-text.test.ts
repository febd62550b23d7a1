import { describe, expect, it } from 'vitest';
import { displayWidth, renderMarkdown } from '../../adapters/cli/terminal-markdown.ts';
import { texToUnicode } from '../../adapters/cli/tex-unicode.ts';
import { terminalWording } from '../../adapters/cli/terminal-view.ts';

describe('TeX at the terminal', () => {
  it.each([
    ['x^2-5x+6=0', 'x² − 5x + 6 = 0'],
    ['\\frac{\\sqrt2}{2}', '√2/2'],
    ['\\int_0^1 x^2\\,dx = \\frac{1}{3}', '∫₀¹ x² dx = 1/3'],
    ['\\boxed{9.8}', '9.8'],
    ['x = \\frac{-b \\pm \\sqrt{b^2-4ac}}{2a}', 'x = (−b ± √(b² − 4ac))/(2a)'],
    ['\\frac{1}{x^2} + \\frac{3}{\\sqrt{2}} + \\frac{a}{bc}', '1/x² + 3/√2 + a/(bc)'],
    ['\\ce{2H2 + O2 -> 2H2O}', '2H₂ + O₂ → 2H₂O'],
    ['\\ce{SO4^2-} + \\ce{Fe^3+}', 'SO₄²⁻ + Fe³⁺'],
    ['\\overline{AB} = 0.\\overline{3}', 'A̅B̅ = 0.3̅'],
    ['\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}', '∑ₖ₌₁ⁿ k = (n(n + 1))/2'],
    ['\\text{速度} = \\frac{d}{t}', '速度 = d/t'],
    ['e^{i\\pi}+1=0', 'e^(iπ) + 1 = 0'],
    ['90^\\circ', '90°'],
    ['y = a \\sin(-5x)', 'y = a sin(−5x)'],
    ['x \\in \\mathbb{R}, x \\neq 0', 'x ∈ ℝ, x ≠ 0'],
  ])('reads %s as %s', (tex, unicode) => {
    expect(texToUnicode(tex)).toBe(unicode);
  });

  it('keeps what it does not know as written rather than dropping it', () => {
    expect(texToUnicode('\\unknownthing{x} + 1')).toContain('\\unknownthing');
  });
});

describe('Markdown at the terminal', () => {
  it('shows R1\'s answer line as text, not raw Markdown and TeX', () => {
    expect(renderMarkdown('**Answer:** $\\boxed{9.8}$')).toBe('Answer: 9.8');
  });

  it('draws bold, italic and code with terminal styles when colour is on', () => {
    const text = renderMarkdown('**Check** the *sign* with `python`.', { color: true });
    expect(text).toBe('\u001b[1mCheck\u001b[0m the \u001b[3msign\u001b[0m with \u001b[36mpython\u001b[0m.');
  });

  it('indents list items with a hanging indent when they wrap', () => {
    const text = renderMarkdown('Steps:\n1. Subtract 3 from both sides of the equation to isolate the term\n2. Divide by 2', { width: 30 });
    expect(text.split('\n')).toEqual([
      'Steps:',
      '1. Subtract 3 from both sides',
      '   of the equation to isolate',
      '   the term',
      '2. Divide by 2',
    ]);
  });

  it('wraps to the width on word boundaries, never mid-word, and sets display math on its own line', () => {
    const prose = 'Factor the quadratic: which two numbers multiply to six and add to negative five? $$x^2-5x+6=0$$';
    const lines = renderMarkdown(prose, { width: 24 }).split('\n');
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(24);
    const words = lines.join(' ').split(/\s+/).filter(Boolean);
    for (const word of ['Factor', 'quadratic:', 'multiply', 'negative', 'five?']) expect(words).toContain(word);
    expect(lines.at(-1)).toBe('    x² − 5x + 6 = 0');
  });

  it('counts Chinese characters as two columns when wrapping', () => {
    const lines = renderMarkdown('速度 '.repeat(10).trim(), { width: 24 }).split('\n');
    expect(lines[0]).toBe('速度 速度 速度 速度 速度');
    expect(lines.every((line) => displayWidth(line) <= 24)).toBe(true);
  });

  it('lines a table up in columns, and gives each cell its own line when the table is too wide', () => {
    const table = '| Method | Result |\n|---|---|\n| Factoring | $x = 2$ |\n| Formula | $\\frac{5 \\pm 1}{2}$ |';
    expect(renderMarkdown(table, { width: 60 }).split('\n')).toEqual([
      'Method    │ Result',
      '──────────┼──────────',
      'Factoring │ x = 2',
      'Formula   │ (5 ± 1)/2',
    ]);
    expect(renderMarkdown(table, { width: 20 }).split('\n')).toEqual(['Method: Factoring', 'Result: x = 2', '', 'Method: Formula', 'Result: (5 ± 1)/2']);
  });

  it('shows a link as its text and indents a nested list under its parent', () => {
    expect(renderMarkdown('See [the notes](http://example.com).\n\n1. First\n   - inner\n2. Second')).toBe('See the notes.\n\n1. First\n   ◦ inner\n2. Second');
  });

  it('leaves lines unwrapped when there is no terminal width (a pipe)', () => {
    const long = 'word '.repeat(60).trim();
    expect(renderMarkdown(long)).toBe(long);
  });
});

describe('terminal wording', () => {
  it('says what to type at the prompt instead of a slash command', () => {
    expect(terminalWording('There is no session abc (it may have expired). Start a new one with /solve.'))
      .toBe('There is no session abc (it may have expired). Type a new problem at the prompt to start a new session.');
  });
});
