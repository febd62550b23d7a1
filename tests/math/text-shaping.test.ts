import { describe, expect, it } from 'vitest';
import { parseCard } from '../../src/math/parse-card.ts';
import { layoutCard } from '../../src/math/layout-card.ts';
import { drawWithMathJax } from '../../src/math/mathjax-drawer.ts';
import { createMathRenderer, DEFAULT_RENDER_LIMITS } from '../../src/math/index.ts';
import { shapeLine, shapePieces, visualOrder } from '../../src/math/text-shaper.ts';
import { decodeRgba } from './png-info.ts';

const width = (text: string) => shapeLine(text, 'regular').width;
const glyphKeys = (text: string) => shapeLine(text, 'regular').glyphs.map((glyph) => glyph.key);

/** Text ops of a one-paragraph card, left to right, with the glyph keys each draws. */
function textOps(markdown: string): Array<{ x: number; keys: string[] }> {
  const layout = layoutCard(parseCard(markdown), () => undefined, DEFAULT_RENDER_LIMITS);
  return layout.ops
    .flatMap((op) => (op.kind === 'text' ? [{ x: op.x, keys: op.glyphs.map((glyph) => glyph.key) }] : []))
    .sort((a, b) => a.x - b.x);
}

/** Dark pixels of a PNG (grey level under 128). */
function inkOf(png: Buffer): number {
  const pixels = decodeRgba(png);
  let ink = 0;
  for (let index = 0; index < pixels.length; index += 4) if ((pixels[index] ?? 255) + (pixels[index + 1] ?? 255) + (pixels[index + 2] ?? 255) < 3 * 128) ink++;
  return ink;
}

describe('text shaping', () => {
  it('kerns: "AV" is narrower than "A" and "V" set apart, "To" than "T" and "o"', () => {
    expect(width('AV')).toBeLessThan(width('A') + width('V') - 0.03);
    expect(width('To')).toBeLessThan(width('T') + width('o') - 0.03);
    expect(width('HH')).toBeCloseTo(2 * width('H'), 6);
  });

  it('uses the font\'s ligatures: "fi" and "ffi" are one glyph each', () => {
    expect(glyphKeys('fi')).toHaveLength(1);
    expect(glyphKeys('fi')).not.toEqual(glyphKeys('f'));
    expect(glyphKeys('office')).toHaveLength(4);
    expect(glyphKeys('f i')).toHaveLength(2);
  });

  it('joins Arabic letters into their contextual forms and sets a word right to left', () => {
    const isolated = ['س', 'ل', 'ا', 'م'].map((letter) => glyphKeys(letter)[0]);
    const joined = glyphKeys('سلام');
    expect(joined).toHaveLength(4);
    // Seen (initial), lam (medial) and alef (final) join; alef never joins leftwards, so meem stays isolated and is drawn leftmost.
    expect(joined[0]).toBe(isolated[3]);
    expect(joined.slice(1).filter((key) => isolated.includes(key))).toHaveLength(0);
    // Dal and reh do not join to a following letter: both stay isolated, the first letter drawn rightmost.
    expect(glyphKeys('در')).toEqual([glyphKeys('ر')[0], glyphKeys('د')[0]]);
  });

  it('shapes Devanagari: a conjunct is one glyph, and the i-matra is drawn before its consonant', () => {
    expect(glyphKeys('क्ष')).toHaveLength(1);
    const ki = glyphKeys('कि');
    expect(ki).toHaveLength(2);
    expect(ki[1]).toBe(glyphKeys('क')[0]);
  });

  it('sets each script in a font that has it, and an emoji sequence as one glyph', () => {
    const face = (text: string) => glyphKeys(text)[0]?.split('g')[0];
    expect(new Set([face('A'), face('速'), face('한'), face('ب'), face('क'), face('🎉')]).size).toBe(6);
    expect(glyphKeys('👨‍👩‍👧')).toHaveLength(1);
    expect(glyphKeys('🇯🇵')).toHaveLength(1);
  });

  it('draws nothing for zero-width characters and direction marks', () => {
    expect(glyphKeys('a\u200bb\u200ec\u2060d')).toEqual(glyphKeys('abcd'));
    expect(shapeLine('\u200b', 'regular').glyphs).toEqual([]);
  });

  it('lets Han wrap between characters (never before a full stop) but keeps Latin words whole', () => {
    expect(shapePieces('速度是多少。', 'regular').map((piece) => piece.breaksBefore)).toEqual([true, true, true, true, true, false]);
    expect(shapePieces('velocity', 'regular').filter((piece) => piece.breaksBefore)).toHaveLength(0);
  });
});

describe('right-to-left text', () => {
  it('reorders runs by their levels (UAX #9 rule L2)', () => {
    const runs = [{ id: 'a', level: 1 }, { id: 'b', level: 1 }, { id: 'c', level: 2 }, { id: 'd', level: 2 }, { id: 'e', level: 1 }];
    expect(visualOrder(runs).map((run) => run.id)).toEqual(['e', 'c', 'd', 'b', 'a']);
    expect(visualOrder([{ id: 'x', level: 0 }, { id: 'y', level: 0 }]).map((run) => run.id)).toEqual(['x', 'y']);
  });

  it('sets an Arabic sentence right to left, and an English phrase inside it left to right', () => {
    const ops = textOps('الجواب هو the answer here');
    const keysOf = (word: string) => glyphKeys(word).join();
    const order = ops.map((op) => op.keys.join());
    expect(order.indexOf(keysOf('هو'))).toBeLessThan(order.indexOf(keysOf('الجواب')));
    expect(order.indexOf(keysOf('the'))).toBeLessThan(order.indexOf(keysOf('answer')));
    expect(order.indexOf(keysOf('answer'))).toBeLessThan(order.indexOf(keysOf('here')));
    // The English phrase sits left of the Arabic words that precede it logically.
    expect(order.indexOf(keysOf('here'))).toBeLessThan(order.indexOf(keysOf('هو')));
  });

  it('keeps an English sentence with an Arabic word in it left to right', () => {
    const order = textOps('The word كتاب means book').map((op) => op.keys.join());
    expect(order.indexOf(glyphKeys('The').join())).toBe(0);
    expect(order.indexOf(glyphKeys('book').join())).toBe(order.length - 1);
  });

  it('ends right-to-left lines at the right edge of the card', () => {
    const layout = layoutCard(parseCard('Short English line that is long enough\n\nسطر'), () => undefined, DEFAULT_RENDER_LIMITS);
    const texts = layout.ops.filter((op) => op.kind === 'text');
    const arabic = texts.at(-1);
    const right = (op: typeof arabic) => (op ? op.x + shapeLine('سطر', 'regular').width * op.sizePx : 0);
    expect(right(arabic)).toBeGreaterThan(layout.width - 20);
  });

  it('indents a right-to-left list item from the right, its number right of its text', () => {
    const layout = layoutCard(parseCard('1. الخطوة الأولى طويلة بما يكفي\n2. الثانية'), () => undefined, DEFAULT_RENDER_LIMITS);
    const texts = layout.ops.filter((op) => op.kind === 'text');
    const marker = texts.find((op) => op.glyphs.map((glyph) => glyph.key).join() === glyphKeys('1.').join());
    const words = texts.filter((op) => op !== marker && op.glyphs.every((glyph) => !glyphKeys('12.').includes(glyph.key)));
    const rightmostWord = Math.max(...words.map((op) => op.x));
    expect(marker?.x).toBeGreaterThan(rightmostWord);
    expect(Math.min(...words.map((op) => op.x))).toBeLessThan(40);
  });
});

describe('text in formulas', () => {
  it('draws \\text{} in any script as outlines, leaving MathJax room for it', async () => {
    for (const text of ['速度', 'السرعة', 'गति', '🚀']) {
      const formula = await drawWithMathJax(`v = \\text{${text}} \\cdot t`, false, DEFAULT_RENDER_LIMITS);
      expect(formula.body, text).not.toContain('<text');
      const plain = await drawWithMathJax('v = \\cdot t', false, DEFAULT_RENDER_LIMITS);
      expect(formula.widthEm - plain.widthEm, text).toBeGreaterThan(0.5 * shapeLine(text, 'regular').width);
    }
  });

  it('puts ink where \\text{速度} is, not an empty gap', async () => {
    const renderer = createMathRenderer({ workers: 0 });
    try {
      const withText = await renderer.renderTex('\\text{速度}');
      const blank = await renderer.renderTex('\\text{\\phantom{速度}}');
      expect(withText.width).toBe(blank.width);
      expect(inkOf(withText.png)).toBeGreaterThan(inkOf(blank.png) + 200);
    } finally {
      await renderer.close();
    }
  });
});
