/** Compares a parsed answer with a parsed reference, by the reference's shape. */
import type { CollectionAnswer, Interval, NumeralAnswer, ParsedAnswer, RelationAnswer, ScalarAnswer } from './answer-shape.ts';
import { EQUIVALENT, NOT_EQUIVALENT, notEquivalent, UNSURE, type CompareContext, type Outcome } from './comparison.ts';
import { compareCollections, compareMatrices } from './compare-collections.ts';
import { compareIntervals } from './compare-intervals.ts';
import { compareQuantities } from './compare-quantities.ts';
import { compareRelations } from './compare-relations.ts';
import { compareScalarAnswers } from './compare-scalar-answers.ts';
import { isLabel } from './parse-relation.ts';
import { parseScalarAnswer } from './parse-scalar-answer.ts';
import { relationToIntervals } from './relation-to-intervals.ts';

/** The outcome of comparing `answer` with `reference`. */
export function compareAnswers(reference: ParsedAnswer, answer: ParsedAnswer, context: CompareContext): Outcome {
  context.deadline.check();
  if (answer.shape === 'labelled' && reference.shape !== 'labelled') return compareAnswers(reference, answer.value, context);
  switch (reference.shape) {
    case 'labelled':
      if (answer.shape !== 'labelled') return compareAnswers(reference.value, answer, context);
      if (answer.label !== reference.label) return notEquivalent('variable');
      return compareAnswers(reference.value, answer.value, context);
    case 'numeral':
      return compareNumerals(reference, answer);
    case 'integer':
    case 'decimal':
    case 'expression':
      return compareWithScalar(reference, answer, context);
    case 'equation':
    case 'inequality':
      return compareWithRelation(reference, answer, context);
    case 'interval': {
      if (answer.shape === 'interval') return compareIntervals(reference.intervals, answer.intervals, context);
      const intervals = answer.shape === 'inequality' || answer.shape === 'equation' ? relationToIntervals(answer) : asOpenInterval(answer);
      return intervals ? compareIntervals(reference.intervals, intervals, context) : notEquivalent('shape');
    }
    case 'set':
    case 'list':
    case 'tuple': {
      if (answer.shape === 'interval' && reference.couldBeInterval) return notEquivalent('brackets');
      if (answer.shape === 'inequality' && reference.couldBeInterval) {
        // `(0, 1)` may be a point or an interval; an inequality that matches the interval is not decided here.
        const intervals = relationToIntervals(answer);
        const asInterval = intervals && asOpenInterval(reference);
        return asInterval && compareIntervals(asInterval, intervals, context).verdict === 'equivalent' ? UNSURE : notEquivalent('shape');
      }
      const isCollection = answer.shape === 'set' || answer.shape === 'list' || answer.shape === 'tuple';
      const elements = isCollection ? answer.elements : [answer];
      return compareCollections(reference, elements, context, compareAnswers, isCollection ? answer.labels : undefined);
    }
    case 'matrix':
      return answer.shape === 'matrix' ? compareMatrices(reference, answer, context, compareAnswers) : notEquivalent('shape');
    case 'quantity':
      if (answer.shape === 'quantity' || isScalar(answer)) return compareQuantities(reference, answer, context);
      return solvedValue(answer) ? compareQuantities(reference, solvedValue(answer) as ScalarAnswer, context) : notEquivalent('shape');
    case 'choice':
    case 'text':
      return 'text' in answer && wordsOf(answer) === wordsOf(reference) ? EQUIVALENT : NOT_EQUIVALENT;
  }
}

function compareWithScalar(reference: ScalarAnswer, answer: ParsedAnswer, context: CompareContext): Outcome {
  if (isScalar(answer)) return compareScalarAnswers(reference, answer, context);
  if (answer.shape === 'quantity') return compareScalarAnswers(reference, answer.magnitude, context);
  const value = solvedValue(answer);
  if (value) return compareScalarAnswers(reference, value, context);
  if ((answer.shape === 'list' || answer.shape === 'set') && answer.elements.length === 1) {
    return compareAnswers(reference, answer.elements[0] as ParsedAnswer, context);
  }
  return notEquivalent('shape');
}

function compareWithRelation(reference: RelationAnswer, answer: ParsedAnswer, context: CompareContext): Outcome {
  const referenceValue = solvedValue(reference);
  const answerValue = solvedValue(answer);
  if (referenceValue && isScalar(answer)) return compareScalarAnswers(referenceValue, answer, context);
  if (referenceValue && answerValue && answer.shape === 'equation') {
    if (reference.sideTexts[0]?.trim() !== answer.sideTexts[0]?.trim()) return notEquivalent('variable');
    return compareScalarAnswers(referenceValue, answerValue, context);
  }
  const referenceIntervals = reference.shape === 'inequality' ? relationToIntervals(reference) : undefined;
  if (referenceIntervals && answer.shape === 'interval') return compareIntervals(referenceIntervals, answer.intervals, context);
  const pair = referenceIntervals && asOpenInterval(answer);
  if (referenceIntervals && pair) return compareIntervals(referenceIntervals, pair, context);
  if (answer.shape !== 'equation' && answer.shape !== 'inequality') return notEquivalent('shape');
  const answerIntervals = relationToIntervals(answer);
  if (referenceIntervals && answerIntervals && (reference.operators.length > 1 || answer.operators.length > 1)) {
    return compareIntervals(referenceIntervals, answerIntervals, context);
  }
  return compareRelations(reference, answer, context);
}

/** `x = 3` (a lone variable equal to a constant) read as its value. */
function solvedValue(answer: ParsedAnswer): ScalarAnswer | undefined {
  if (answer.shape !== 'equation' || answer.operators.length !== 1) return undefined;
  const [left, right] = answer.sideTexts as [string, string];
  if (!isLabel(left)) return undefined;
  const value = parseScalarAnswer(right);
  if (!value || value.scalar.variables.length > 0) return undefined;
  return value;
}

/** `(a, b)` read as the open interval it may stand for. */
function asOpenInterval(answer: ParsedAnswer): Interval[] | undefined {
  if (answer.shape !== 'tuple' || !answer.couldBeInterval) return undefined;
  const [lower, upper] = (answer as CollectionAnswer).elements;
  if (!lower || !upper || !isScalar(lower) || !isScalar(upper)) return undefined;
  if (lower.scalar.variables.length > 0 || upper.scalar.variables.length > 0) return undefined;
  return [{ lower, upper, isLowerClosed: false, isUpperClosed: false }];
}

/** A numeral in a base equals only a numeral of the same value in the same base. */
function compareNumerals(reference: NumeralAnswer, answer: ParsedAnswer): Outcome {
  if (answer.shape === 'numeral') {
    if (answer.base !== reference.base) return answer.value === reference.value ? notEquivalent('base') : NOT_EQUIVALENT;
    return answer.value === reference.value ? EQUIVALENT : NOT_EQUIVALENT;
  }
  return notEquivalent('base');
}

function isScalar(answer: ParsedAnswer): answer is ScalarAnswer {
  return answer.shape === 'integer' || answer.shape === 'decimal' || answer.shape === 'expression';
}

function wordsOf(answer: ParsedAnswer): string {
  return answer.text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

