import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { primaryFace } from '../../src/math/card-fonts.ts';
import { formulasOf } from '../../src/math/card-formulas.ts';
import { cardSvg, type FormulaOutcome } from '../../src/math/draw-card.ts';
import { prepareFormula } from '../../src/math/draw-formula.ts';
import { createMathRenderer, DEFAULT_RENDER_LIMITS } from '../../src/math/index.ts';
import { rasterizeSvg } from '../../src/math/rasterize-svg.ts';
import { decodeRgba, pngSize } from './png-info.ts';

const FIXTURES = new URL('../fixtures/math/', import.meta.url);
const cards = JSON.parse(readFileSync(new URL('script-cards.json', FIXTURES), 'utf8')) as Array<{ name: string; markdown: string }>;
const renderer = createMathRenderer({ workers: 0 });
afterAll(() => renderer.close());

/** A pixel differs when its grey level is off by more than this (of 255): anti-aliasing noise stays under it. */
const GREY_TOLERANCE = 64;
/** Share of pixels that may differ before two cards count as different drawings. */
const MAX_DIFFERENT_SHARE = 0.005;

/** Share of pixels whose grey level differs by more than GREY_TOLERANCE; 1 when the sizes differ. */
function differentShare(actual: Buffer, expected: Buffer): number {
  const a = pngSize(actual);
  const b = pngSize(expected);
  if (a.width !== b.width || a.height !== b.height) return 1;
  const left = decodeRgba(actual);
  const right = decodeRgba(expected);
  let different = 0;
  for (let index = 0; index < left.length; index += 4) {
    const grey = (pixels: Buffer) => 0.299 * (pixels[index] ?? 0) + 0.587 * (pixels[index + 1] ?? 0) + 0.114 * (pixels[index + 2] ?? 0);
    if (Math.abs(grey(left) - grey(right)) > GREY_TOLERANCE) different++;
  }
  return different / (a.width * a.height);
}

/** The card's SVG with the outlines of every glyph outside the Latin font replaced: a box (tofu) or nothing. */
async function withFallbackGlyphs(markdown: string, replacement: 'box' | 'nothing'): Promise<Buffer> {
  const formulas: FormulaOutcome[] = await Promise.all(formulasOf(markdown).map(async ({ tex, display }) => ({
    tex,
    display,
    result: { formula: await prepareFormula(tex, display, DEFAULT_RENDER_LIMITS) },
  })));
  const { svg, width, height } = cardSvg(markdown, formulas, DEFAULT_RENDER_LIMITS);
  const latin = new Set((['regular', 'bold', 'italic', 'boldItalic', 'mono'] as const).map((style) => primaryFace(style).key));
  const replaced = svg.replace(/<path id="(f[0-9a-z]+)g(\d+)" d="[^"]*"\/>/g, (definition, face: string, glyph: string) => {
    if (latin.has(face)) return definition;
    return `<path id="${face}g${glyph}" d="${replacement === 'box' ? 'M60 0L540 0L540 720L60 720ZM120 60L120 660L480 660L480 60Z' : ''}"/>`;
  });
  expect(replaced).not.toBe(svg);
  return rasterizeSvg(replaced, width, height).png;
}

describe('cards in other scripts, compared with reference images', () => {
  it.each(cards.map((card) => [card.name, card.markdown]))('draws the %s card like its reference (UPDATE_REFERENCE_CARDS=1 rewrites it)', async (name, markdown) => {
    const image = await renderer.renderCard(markdown);
    expect(image.warnings).toEqual([]);
    const reference = new URL(`scripts/${name}.png`, FIXTURES);
    if (process.env.UPDATE_REFERENCE_CARDS) {
      mkdirSync(new URL('scripts/', FIXTURES), { recursive: true });
      writeFileSync(reference, image.png);
    }
    expect(differentShare(image.png, readFileSync(reference))).toBeLessThanOrEqual(MAX_DIFFERENT_SHARE);
  });

  it.each(cards.map((card) => [card.name, card.markdown]))('tells the %s card from the same card with its glyphs as boxes or gone', async (name, markdown) => {
    const reference = readFileSync(new URL(`scripts/${name}.png`, FIXTURES));
    expect(differentShare(await withFallbackGlyphs(markdown, 'box'), reference)).toBeGreaterThan(MAX_DIFFERENT_SHARE * 4);
    expect(differentShare(await withFallbackGlyphs(markdown, 'nothing'), reference)).toBeGreaterThan(MAX_DIFFERENT_SHARE * 4);
  });

  it('draws a character no installed font has as a visible box and says so', async () => {
    const image = await renderer.renderCard('Hieroglyph \u{13000} here');
    expect(image.warnings).toEqual(['No installed font has U+13000; drawn as a box']);
    const without = await renderer.renderCard('Hieroglyph here');
    expect(image.width).toBeGreaterThan(without.width);
  });

  it('names at most ten missing characters in a card\'s warning', async () => {
    const hieroglyphs = Array.from({ length: 30 }, (_, index) => String.fromCodePoint(0x13010 + index)).join(' ');
    const image = await renderer.renderCard(hieroglyphs);
    expect(image.warnings).toHaveLength(1);
    expect(image.warnings[0]).toMatch(/^No installed font has U\+13010, U\+13011, .*U\+13019 and 20 more characters; drawn as a box$/);
  });
});
