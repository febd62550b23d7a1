import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createMathRenderer } from '../../src/math/index.ts';
import { pngSize } from './png-info.ts';

const FIXTURES = new URL('../fixtures/math/', import.meta.url);
const cards = JSON.parse(readFileSync(new URL('cards.json', FIXTURES), 'utf8')) as Array<{ name: string; markdown: string }>;
const renderer = createMathRenderer({ workers: 1 });
afterAll(() => renderer.close());

describe('reference cards', () => {
  it.each(cards.map((card) => [card.name, card.markdown]))('draws %s (set UPDATE_REFERENCE_CARDS=1 to rewrite the PNG for review)', async (name, markdown) => {
    const image = await renderer.renderCard(markdown);
    expect(pngSize(image.png)).toMatchObject({ width: image.width, height: image.height });
    if (process.env.UPDATE_REFERENCE_CARDS) {
      mkdirSync(new URL('cards/', FIXTURES), { recursive: true });
      writeFileSync(new URL(`cards/${name}.png`, FIXTURES), image.png);
    }
  });
});
