/** Compares sets and lists (order-free unless ordered), tuples (ordered) and matrices (cell by cell). */
import type { CollectionAnswer, MatrixAnswer, ParsedAnswer } from './answer-shape.ts';
import { EQUIVALENT, NOT_EQUIVALENT, notEquivalent, UNSURE, type CompareContext, type Outcome } from './comparison.ts';

type ElementComparer = (reference: ParsedAnswer, answer: ParsedAnswer, context: CompareContext) => Outcome;

/**
 * Elements in order, or as a multiset when order does not matter. Order matters when the problem
 * says so (`ordered`) or for a ratio; it does not for a set, a list of solutions, or when the
 * problem says so; for a bare list or tuple the problem did not settle, the same values in
 * another order are "unsure" (the teacher decides).
 */
export function compareCollections(
  reference: CollectionAnswer,
  answer: readonly ParsedAnswer[],
  context: CompareContext,
  compareElement: ElementComparer,
  answerLabels?: readonly string[],
): Outcome {
  const order = reference.isRatio || context.ordered === true ? 'ordered' : context.ordered === false || reference.orderFree ? 'free' : 'undecided';
  if (order === 'free' && reference.elements.length !== answer.length) {
    // A set: the same member written twice is one member.
    const [distinctReference, distinctAnswer] = [distinct(reference.elements), distinct(answer)];
    if (distinctReference.length !== distinctAnswer.length) return notEquivalent('elementCount');
    return compareAsMultiset(distinctReference, distinctAnswer, context, compareElement);
  }
  if (reference.elements.length !== answer.length) return notEquivalent('elementCount');
  if (reference.labels && answerLabels && sameLabels(reference.labels, answerLabels)) {
    const byLabel = reference.labels.map((label) => answer[answerLabels.indexOf(label)] as ParsedAnswer);
    return compareInOrder(reference.elements, byLabel, context, compareElement);
  }
  if (order === 'free') return compareAsMultiset(reference.elements, answer, context, compareElement);
  const inOrder = compareInOrder(reference.elements, answer, context, compareElement);
  if (inOrder.verdict !== 'not-equivalent') return inOrder;
  const asMultiset = compareAsMultiset(reference.elements, answer, context, compareElement);
  if (asMultiset.verdict !== 'equivalent') return inOrder;
  return order === 'ordered' ? notEquivalent('order') : { verdict: 'unsure', reason: 'orderAmbiguous' };
}

/** Elements with their exact repeats (same text, spaces aside) dropped. */
function distinct(elements: readonly ParsedAnswer[]): ParsedAnswer[] {
  const seen = new Set<string>();
  return elements.filter((element) => {
    const key = element.text.replace(/\s+/g, '');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sameLabels(reference: readonly string[], answer: readonly string[]): boolean {
  return reference.length === answer.length && reference.every((label) => answer.includes(label));
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
