import { afterAll, describe, expect, it } from 'vitest';
import { createMathRenderer, TexError } from '../../src/math/index.ts';

const renderer = createMathRenderer({ workers: 1 });
afterAll(() => renderer.close());

const refusals: Array<[string, string, RegExp]> = [
  ['a \\def bomb', '\\def\\a{\\a\\a}\\a', /Too many macro expansions/],
  ['an exponential \\newcommand', `\\newcommand{\\x}[1]{#1#1}${'\\x{'.repeat(20)}a${'}'.repeat(20)}`, /Too many macro expansions|nested more than/],
  ['a huge \\rule', '\\rule{100000em}{100000em}', /size 100000em is too large/],
  ['a huge \\kern', 'a\\kern{1000000em}b', /size 1000000em is too large/],
  ['a \\kern hidden behind a macro', '\\def\\k{\\kern}a\\k{1000em}b', /would be \d+×\d+ px/],
  ['\\Huge with \\hspace', '\\Huge a\\hspace{50000em}b', /size 50000em is too large/],
  ['\\href', '\\href{javascript:alert(1)}{x}', /\\href is not allowed/],
  ['\\url', '\\url{file:///etc/passwd}', /\\url is not allowed/],
  ['\\includegraphics', '\\includegraphics{file:///etc/passwd}', /\\includegraphics is not allowed/],
  ['\\htmlStyle', '\\htmlStyle{background:url(http://169.254.169.254/)}{x}', /\\htmlStyle is not allowed/],
  ['\\require', '\\require{../../../../etc/passwd}', /\\require is not allowed/],
  ['deep nesting', `${'{'.repeat(5000)}x${'}'.repeat(5000)}`, /characters long|nested more than/],
  ['a 100 KB formula', 'x+'.repeat(50_000), /characters long; the limit is 2000/],
  ['nested fractions', `${'\\frac{1}{'.repeat(500)}x${'}'.repeat(500)}`, /characters long|nested more than/],
];

describe('hostile TeX', () => {
  it.each(refusals)('refuses %s with a clear message', async (_name, tex, message) => {
    const error = await renderer.renderTex(tex).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TexError);
    expect((error as TexError).message).toMatch(message);
  });

  it('keeps drawing after every refusal', async () => {
    const image = await renderer.renderTex('\\sqrt{2}');
    expect(image.width).toBeGreaterThan(0);
  });

  it('stops a job that overruns the time budget with a message, and the process goes on', async () => {
    const impatient = createMathRenderer({ workers: 1, limits: { renderTimeoutMs: 1 } });
    try {
      // Big enough (a 12×12 matrix, under the length limit) that no machine draws it within 1 ms.
      const matrix = `\\begin{pmatrix}${Array.from({ length: 12 }, (_, row) => Array.from({ length: 12 }, (_, column) => `a_{${row}${column}}`).join('&')).join('\\\\')}\\end{pmatrix}`;
      const error = await impatient.renderTex(matrix).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TexError);
      expect((error as TexError).message).toMatch(/took longer than 1 ms and was stopped/);
    } finally {
      await impatient.close();
    }
    await expect(renderer.renderTex('k^2')).resolves.toMatchObject({ warnings: [] });
  });

  it('on the calling thread too, answers a job over its time budget with a message and goes on drawing', async () => {
    const impatient = createMathRenderer({ workers: 0, limits: { renderTimeoutMs: 1 } });
    try {
      const matrix = `\\begin{pmatrix}${Array.from({ length: 12 }, (_, row) => Array.from({ length: 12 }, (_, column) => `a_{${row}${column}}`).join('&')).join('\\\\')}\\end{pmatrix}`;
      const error = await impatient.renderTex(matrix).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TexError);
      expect((error as TexError).message).toMatch(/longer than the 1 ms allowed/);
    } finally {
      await impatient.close();
    }
    await expect(renderer.renderTex('m^2')).resolves.toMatchObject({ warnings: [] });
  });
});
