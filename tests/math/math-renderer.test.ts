import { afterAll, describe, expect, it } from 'vitest';
import { createMathRenderer, TexError } from '../../src/math/index.ts';
import { UserFacingError } from '../../src/errors.ts';
import { inflatePixels, pngSize } from './png-info.ts';

const renderer = createMathRenderer({ workers: 1 });
afterAll(() => renderer.close());

describe('renderTex', () => {
  it('draws a formula as a PNG that decodes to the size it reports', async () => {
    const image = await renderer.renderTex('\\int_0^1 x^2\\,dx = \\frac{1}{3}', { display: true });
    expect(pngSize(image.png)).toMatchObject({ width: image.width, height: image.height });
    expect(inflatePixels(image.png).length).toBeGreaterThan(image.width * image.height);
    expect(image.altText).toBe('\\int_0^1 x^2\\,dx = \\frac{1}{3}');
  });

  it('draws a fraction taller than a letter', async () => {
    const letter = await renderer.renderTex('x');
    const fraction = await renderer.renderTex('\\frac{a}{b}');
    expect(fraction.height).toBeGreaterThan(letter.height);
  });

  it('draws x+y wider than x (MathJax 4 inline line-breaking is off)', async () => {
    const letter = await renderer.renderTex('x');
    const sum = await renderer.renderTex('x+y+z');
    expect(sum.width).toBeGreaterThan(letter.width * 2);
  });

  it('returns the same bytes for the same TeX', async () => {
    const first = await renderer.renderTex('e^{i\\pi}+1=0');
    const second = await renderer.renderTex('e^{i\\pi}+1=0');
    expect(second.png.equals(first.png)).toBe(true);
  });

  it('points at the misspelled command', async () => {
    const error = await renderer.renderTex('\\frac{1}{2} + \\frc{1}{2}').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TexError);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as TexError).location).toEqual({ position: 14, length: 4 });
    expect((error as TexError).message).toContain('Undefined control sequence');
    expect((error as TexError).message).toContain('character 15');
  });

  it('draws formulas KaTeX rejects but MathJax can draw', async () => {
    for (const tex of ['\\ce{H2O + CO2 -> H2CO3}', '\\begin{array}{@{}c@{\\;}c}a&b\\end{array}', '\\cancelto{2}{8}']) {
      const image = await renderer.renderTex(tex);
      expect(image.width, tex).toBeGreaterThan(20);
    }
  });

  it('draws \\bold and \\emph that only KaTeX knows, through macros', async () => {
    await expect(renderer.renderTex('\\bold{v} \\text{ is } \\emph{big}')).resolves.toMatchObject({ warnings: [] });
  });
});
