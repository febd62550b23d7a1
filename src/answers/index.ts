/** Answer checking by mathematical equivalence: the engine's public surface for it. */
export type { Verdict } from './comparison.ts';
export { checkEquivalence, type AnswerCheck, type AnswerOptions } from './check-equivalence.ts';
export { extractAnswer } from './extract-answer.ts';
