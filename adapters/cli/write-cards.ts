/** Saves a view's problem and hints as PNG cards, for students who want the pictures chat users see. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawView, type View } from '../../src/index.ts';

/** Draws the view's cards into `directory` and returns the lines naming each file. */
export async function writeCards(view: View, directory: string): Promise<string> {
  // MathJax loads only when someone asks for cards.
  const { createMathRenderer } = await import('../../src/math/index.ts');
  const renderer = createMathRenderer();
  try {
    const drawn = await drawView(view, renderer);
    mkdirSync(directory, { recursive: true });
    const saved: string[] = [];
    for (const item of drawn.items) {
      if (item.type !== 'image') continue;
      const path = join(directory, item.fileName);
      writeFileSync(path, item.png);
      saved.push(`  ${item.title || 'Card'}: ${path} (${item.width}×${item.height})`);
    }
    return saved.length > 0 ? `Saved ${saved.length} card(s):\n${saved.join('\n')}` : 'Nothing to draw yet.';
  } finally {
    await renderer.close();
  }
}
