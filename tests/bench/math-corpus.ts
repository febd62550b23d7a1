/** Loads the formula corpus and hint cards the math benchmark draws. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { buildHintLadder, loadLeakGuard, type ModelTrace } from '../../src/index.ts';

const FIXTURES = new URL('../fixtures/math/', import.meta.url);

type Formula = { tex: string; display: boolean };

/** Every `tex` in the KaTeX screenshotter excerpt, with its display flag. */
function loadKatexExcerpt(): Formula[] {
  const data = parse(readFileSync(new URL('katex-ss-data.yaml', FIXTURES), 'utf8')) as Record<string, unknown>;
  return Object.values(data).flatMap((entry) => {
    if (typeof entry === 'string') return [{ tex: entry.trim(), display: false }];
    if (entry && typeof entry === 'object' && 'tex' in entry && typeof entry.tex === 'string') {
      return [{ tex: entry.tex.trim(), display: 'display' in entry && Boolean(entry.display) }];
    }
    return [];
  });
}

/** Every formula of `formulas.jsonl` (real formulas from cited public sources), text as written. */
function loadCollected(): Formula[] {
  return readFileSync(new URL('formulas.jsonl', FIXTURES), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const { tex, display } = JSON.parse(line) as Formula & { source: string };
      return { tex, display };
    });
}

/** The whole corpus: the KaTeX excerpt, then every formula of `formulas.jsonl`. */
export function loadFormulas(): Array<{ tex: string; display: boolean }> {
  return [...loadKatexExcerpt(), ...loadCollected()];
}

/** Hint cards to draw: the reference cards (Latin, then other scripts) plus every rung the ladder builder makes from the recorded R1 traces. */
export async function loadCards(): Promise<string[]> {
  const read = (name: string) => (JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as Array<{ markdown: string }>).map((card) => card.markdown);
  const reference = [...read('cards.json'), ...read('script-cards.json')];
  const traces = readFileSync(new URL('../fixtures/r1-traces/traces.jsonl', import.meta.url), 'utf8').trim().split('\n');
  await loadLeakGuard();
  const rungs = traces.flatMap((line) => buildHintLadder(JSON.parse(line) as ModelTrace).rungs.map((rung) => rung.text));
  return [...reference, ...rungs];
}
