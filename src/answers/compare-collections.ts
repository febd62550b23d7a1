/** Compares sets and lists (order-free unless ordered), tuples (ordered) and matrices (cell by cell). */
import type { CollectionAnswer, MatrixAnswer, ParsedAnswer } from './answer-shape.ts';
import { EQUIVALENT, NOT_EQUIVALENT, notEquivalent, UNSURE, type CompareContext, type Outcome } from './comparison.ts';

type ElementComparer = (reference: ParsedAnswer, answer: ParsedAnswer, context: CompareContext) => Outcome;

/** Elements in order, or as a multiset when order does not matter. */
export function compareCollections(
  reference: CollectionAnswer,
  answer: readonly ParsedAnswer[],
  context: CompareContext,
  compareElement: ElementComparer,
): Outcome {
  if (reference.elements.length !== answer.length) return notEquivalent('elementCount');
  const isOrdered = reference.shape === 'tuple' || context.ordered;
  const inOrder = compareInOrder(reference.elements, answer, context, compareElement);
  if (inOrder.verdict === 'equivalent' || (isOrdered && inOrder.verdict === 'unsure')) return inOrder;
  const asMultiset = compareAsMultiset(reference.elements, answer, context, compareElement);
  if (isOrdered && asMultiset.verdict === 'equivalent') return notEquivalent('order');
  return isOrdered ? inOrder : asMultiset;
}

/** Same dimensions and every cell equivalent. */
export function compareMatrices(reference: MatrixAnswer, answer: MatrixAnswer, context: CompareContext, compareElement: ElementComparer): Outcome {
  if (reference.rows.length !== answer.rows.length) return notEquivalent('shape');
  const cellsOf = (matrix: MatrixAnswer) => matrix.rows.flat();
  if (reference.rows.some((row, index) => row.length !== answer.rows[index]?.length)) return notEquivalent('shape');
  return compareInOrder(cellsOf(reference), cellsOf(answer), context, compareElement);
}

function compareInOrder(
  reference: readonly ParsedAnswer[],
  answer: readonly ParsedAnswer[],
  context: CompareContext,
  compareElement: ElementComparer,
): Outcome {
  let isUnsure = false;
  for (const [index, expected] of reference.entries()) {
    const outcome = compareElement(expected, answer[index] as ParsedAnswer, context);
    if (outcome.verdict === 'not-equivalent') return NOT_EQUIVALENT;
    if (outcome.verdict === 'unsure') isUnsure = true;
  }
  return isUnsure ? UNSURE : EQUIVALENT;
}

/** Greedy matching: each reference element takes the first equivalent unmatched answer element. */
function compareAsMultiset(
  reference: readonly ParsedAnswer[],
  answer: readonly ParsedAnswer[],
  context: CompareContext,
  compareElement: ElementComparer,
): Outcome {
  const unmatched = new Set(answer.keys());
  let isUnsure = false;
  for (const expected of reference) {
    const match = [...unmatched].find((index) => {
      const outcome = compareElement(expected, answer[index] as ParsedAnswer, context);
      if (outcome.verdict === 'unsure') isUnsure = true;
      return outcome.verdict === 'equivalent';
    });
    if (match === undefined) return isUnsure ? UNSURE : NOT_EQUIVALENT;
    unmatched.delete(match);
  }
  return EQUIVALENT;
}
