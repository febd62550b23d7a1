/** Saves a view's problem and hints as PNG cards, for students who want the pictures chat users see. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawView, type View } from '../../src/index.ts';
import { inlineImage, type InlineProtocol } from './inline-images.ts';
import { outputFileError } from './path-errors.ts';

/**
 * Draws the view's cards into `directory` and returns the lines naming each file; with `inline`
 * (a terminal that can show images), each card's picture follows its line.
 */
export async function writeCards(view: View, directory: string, inline?: InlineProtocol): Promise<string> {
  // MathJax loads only when someone asks for cards.
  const { createMathRenderer } = await import('../../src/math/index.ts');
  const renderer = createMathRenderer();
  try {
    const drawn = await drawView(view, renderer);
    const lines: string[] = [];
    let count = 0;
    for (const item of drawn.items) {
      if (item.type !== 'image') continue;
      const path = join(directory, item.fileName);
      try {
        mkdirSync(directory, { recursive: true });
        writeFileSync(path, item.png);
      } catch (error) {
        throw outputFileError(error, path) ?? error;
      }
      count++;
      lines.push(`  ${item.title || 'Card'}: ${path} (${item.width}×${item.height})`);
      if (inline) lines.push((await inlineImage(inline, item.png)).trimEnd());
    }
    return count > 0 ? `Saved ${count} card(s):\n${lines.join('\n')}` : 'Nothing to draw yet.';
  } finally {
    await renderer.close();
  }
}
