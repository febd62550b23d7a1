/** Loads the formula corpus and hint cards the math benchmark draws. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const FIXTURES = new URL('../fixtures/math/', import.meta.url);

/** Every `tex` in the KaTeX screenshotter excerpt, with its display flag. */
export function loadFormulas(): Array<{ tex: string; display: boolean }> {
  const data = parse(readFileSync(new URL('katex-ss-data.yaml', FIXTURES), 'utf8')) as Record<string, unknown>;
  return Object.values(data).flatMap((entry) => {
    if (typeof entry === 'string') return [{ tex: entry.trim(), display: false }];
    if (entry && typeof entry === 'object' && 'tex' in entry && typeof entry.tex === 'string') {
      return [{ tex: entry.tex.trim(), display: 'display' in entry && Boolean(entry.display) }];
    }
    return [];
  });
}

/** The reference hint cards, one Markdown text each. */
export function loadCards(): string[] {
  return (JSON.parse(readFileSync(new URL('cards.json', FIXTURES), 'utf8')) as Array<{ markdown: string }>).map((card) => card.markdown);
}
