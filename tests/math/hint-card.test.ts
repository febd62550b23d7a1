import { afterAll, describe, expect, it } from 'vitest';
import { createMathRenderer } from '../../src/math/index.ts';
import { UserFacingError } from '../../src/errors.ts';
import { pngSize } from './png-info.ts';

const MAX_CARD_WIDTH_PX = 2 * (600 + 2 * 18);
const renderer = createMathRenderer({ workers: 1 });
afterAll(() => renderer.close());

describe('renderCard', () => {
  it('draws prose and math as one PNG with the plain text as alt text', async () => {
    const image = await renderer.renderCard('Factor: **what** multiplies to $6$ and adds to $-5$?\n$$x^2-5x+6=0$$');
    expect(pngSize(image.png)).toMatchObject({ width: image.width, height: image.height });
    expect(image.altText).toBe('Factor: what multiplies to $6$ and adds to $-5$?\n\n$$x^2-5x+6=0$$');
    expect(image.warnings).toEqual([]);
  });

  it('wraps a long hint: taller, never wider than the card width', async () => {
    const short = await renderer.renderCard('Try $x = 2$.');
    const long = await renderer.renderCard(`Try $x = 2$. ${'Then check the other factor, since $(x-2)(x-3)=0$ means one of them is zero. '.repeat(8)}`);
    expect(long.height).toBeGreaterThan(short.height * 4);
    expect(long.width).toBeLessThanOrEqual(MAX_CARD_WIDTH_PX);
    expect(short.width).toBeLessThan(long.width);
  });

  it.each([
    ['a word', 'x'.repeat(7990)],
    ['inline code', `\`${'y'.repeat(5000)}\``],
    ['a refused formula', `$\\frc${'z'.repeat(1900)}$`],
    ['a refused display formula', `$$\\frc${'w'.repeat(1900)}$$`],
    ['a code block', `\`\`\`\n${'q'.repeat(5000)}\n\`\`\``],
  ])('wraps %s with no break in it instead of widening the card', async (_name, markdown) => {
    const image = await renderer.renderCard(markdown);
    expect(image.width).toBeLessThanOrEqual(MAX_CARD_WIDTH_PX);
    expect(image.height).toBeGreaterThan(image.width);
  });

  it('keeps the words of a line when one word in it has to be cut', async () => {
    const image = await renderer.renderCard(`Before ${'m'.repeat(200)} after`);
    expect(image.width).toBeLessThanOrEqual(MAX_CARD_WIDTH_PX);
    expect(image.altText).toBe(`Before ${'m'.repeat(200)} after`);
  });

  it('draws a Markdown table as a table, math in its cells, and says it in the alt text row by row', async () => {
    const markdown = '| Method | Result |\n|---|---|\n| Factoring | $x = 2$ |\n| Formula | $x = \\frac{5 \\pm 1}{2}$ |';
    const table = await renderer.renderCard(markdown);
    expect(table.warnings).toEqual([]);
    expect(table.altText).toBe('Method | Result\nFactoring | $x = 2$\nFormula | $x = \\frac{5 \\pm 1}{2}$');
    const asText = await renderer.renderCard(markdown.replace(/\|/g, '¦'));
    expect(table.height).toBeLessThan(asText.height);
  });

  it('shows links as their text, and keeps nested and numbered lists apart', async () => {
    const image = await renderer.renderCard('See [the notes](http://example.com/notes).\n\n1. First case\n   - nested bullet\n2. Second case');
    expect(image.altText).toBe('See the notes.\n\n1. First case\n  ◦ nested bullet\n2. Second case');
    expect(image.altText).not.toContain('example.com');
  });

  it('draws refused formulas as text and says so, without throwing', async () => {
    const image = await renderer.renderCard('Good $\\frac12$, typo $\\frc{1}{2}$, hostile $\\href{http://x}{y}$.');
    expect(image.warnings).toHaveLength(2);
    expect(image.warnings[0]).toContain('Undefined control sequence');
    expect(image.warnings[1]).toContain('\\href is not allowed');
    expect(image.altText).toContain('$\\frc{1}{2}$');
  });

  it('keeps prices as prose', async () => {
    const image = await renderer.renderCard('It costs $5 and $10.');
    expect(image.warnings).toEqual([]);
    expect(image.altText).toBe('It costs $5 and $10.');
  });

  it('returns the same bytes for the same card', async () => {
    const first = await renderer.renderCard('Same card with $\\sqrt{2}$.');
    const second = await renderer.renderCard('Same card with $\\sqrt{2}$.');
    expect(second.png.equals(first.png)).toBe(true);
  });

  it('refuses a card too long to draw with a message', async () => {
    await expect(renderer.renderCard('x'.repeat(9000))).rejects.toBeInstanceOf(UserFacingError);
  });
});
