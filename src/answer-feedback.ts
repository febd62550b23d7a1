/** The tutor's AnswerChecker over src/answers/: a verdict plus a sentence for the student. */
import type { AnswerChecker } from './answer-checker.ts';
import { checkEquivalence, extractAnswer } from './answers/index.ts';

const PRAISE = 'Correct! Well done.';

/** Checks what the student typed (prose, `$..$`, `\boxed{}` or plain math) against the reference. */
export function createAnswerChecker(): AnswerChecker {
  return (reference, answer, options) => {
    const result = checkEquivalence(reference, extractAnswer(answer) ?? answer, options);
    switch (result.verdict) {
      case 'equivalent':
        // The checker's own "Correct." adds nothing to the praise; any other note (e.g. units) does.
        return { verdict: 'equivalent', feedback: result.feedback && result.feedback !== 'Correct.' ? `${PRAISE} ${result.feedback}` : PRAISE };
      case 'not-equivalent':
        return { verdict: 'not-equivalent', feedback: result.feedback || 'Not quite. Look at your last step again, or open the next hint.' };
      case 'unsure':
        return { verdict: 'unsure', feedback: result.feedback || "I couldn't tell whether that is right." };
    }
  };
}
