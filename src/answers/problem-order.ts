/** Whether a problem's wording settles the order of a list answer (read before the checker loads). */

/** "Find all solutions", "solve", "list the roots": a list of every solution, so order carries no meaning. */
const ALL_SOLUTIONS = /\b(?:all|every|each)\b[^.?!]{0,60}\b(?:solutions?|roots?|zeros?|zeroes|values?|numbers?|integers?|pairs?|triples?|points?)\b|\bsolve\b|\bsolution set\b|\broots of\b|\bzeros of\b/i;
/** "Ordered pair", "in increasing order", "the coordinates": the order is part of the answer. */
const ORDERED = /\bordered\b|\bin (?:increasing|decreasing|ascending|descending) order\b|\bcoordinates\b|\bfrom (?:least|smallest|greatest|largest) to\b/i;

/**
 * `false` when the problem asks for all its solutions (order-free), `true` when it asks for an order,
 * undefined when its wording does not say (the checker is then unsure about a reordered bare list).
 */
export function orderFromProblem(problem: string): boolean | undefined {
  if (ORDERED.test(problem)) return true;
  return ALL_SOLUTIONS.test(problem) ? false : undefined;
}
