/** "Did you mean …?" for a misspelt key: the allowed key nearest in spelling, or a known synonym. */

/** Words instructors reach for, and the key that means them. */
const SYNONYMS: Readonly<Record<string, string>> = {
  solution: 'answer',
  reference: 'answer',
  question: 'statement',
  problem: 'statement',
  prompt: 'statement',
  text: 'statement',
  name: 'title',
  hint: 'hints',
  tag: 'topic',
  tags: 'topic',
  skill: 'topic',
  questions: 'problems',
  items: 'problems',
};

/** Allowed edits per character of the typed key (1 in 3 characters may be wrong). */
const CHARACTERS_PER_EDIT = 3;

/** The allowed key `typed` most likely meant, or undefined when none is close. */
export function suggestKey(typed: string, allowed: readonly string[]): string | undefined {
  const wanted = fold(typed);
  const exact = allowed.find((key) => fold(key) === wanted);
  if (exact) return exact;
  const synonym = SYNONYMS[wanted];
  if (synonym && allowed.includes(synonym)) return synonym;
  const limit = Math.max(1, Math.floor(wanted.length / CHARACTERS_PER_EDIT));
  let best: { key: string; distance: number } | undefined;
  for (const key of allowed) {
    const distance = editDistance(wanted, fold(key));
    if (distance <= limit && (!best || distance < best.distance)) best = { key, distance };
  }
  return best?.key;
}

function fold(key: string): string {
  return key.toLowerCase().replace(/[\s_-]/g, '');
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(from: string, to: string): number {
  const rows = Array.from({ length: from.length + 1 }, (_, row) => Array.from({ length: to.length + 1 }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)));
  const at = (row: number, column: number) => rows[row]?.[column] ?? Number.POSITIVE_INFINITY;
  for (let row = 1; row <= from.length; row++) {
    for (let column = 1; column <= to.length; column++) {
      const cost = from[row - 1] === to[column - 1] ? 0 : 1;
      let distance = Math.min(at(row - 1, column) + 1, at(row, column - 1) + 1, at(row - 1, column - 1) + cost);
      if (row > 1 && column > 1 && from[row - 1] === to[column - 2] && from[row - 2] === to[column - 1]) {
        distance = Math.min(distance, at(row - 2, column - 2) + 1);
      }
      const current = rows[row];
      if (current) current[column] = distance;
    }
  }
  return at(from.length, to.length);
}
