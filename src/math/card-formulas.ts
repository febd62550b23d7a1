/** The formulas a hint card holds, found without loading any drawing engine. */
import { parseCard } from './parse-card.ts';

/** The key under which a formula's outcome is looked up. */
export function formulaKey(tex: string, display: boolean): string {
  return `${display ? 'D' : 'I'}${tex}`;
}

/** The formulas a card contains, each once. */
export function formulasOf(markdown: string): Array<{ tex: string; display: boolean }> {
  const seen = new Map<string, { tex: string; display: boolean }>();
  for (const block of parseCard(markdown).blocks) {
    if (block.kind === 'display') seen.set(formulaKey(block.tex, true), { tex: block.tex, display: true });
    const runs = block.kind === 'line' ? block.runs : block.kind === 'table' ? block.rows.flat(2) : [];
    for (const run of runs) if (run.kind === 'math') seen.set(formulaKey(run.tex, false), { tex: run.tex, display: false });
  }
  return [...seen.values()];
}
