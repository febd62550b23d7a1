/** The tutor's AnswerChecker over src/answers/: a verdict plus a sentence for the student. */
import type { AnswerChecker } from './answer-checker.ts';

const PRAISE = 'Correct! Well done.';

/**
 * Checks what the student typed (prose, `$..$`, `\boxed{}` or plain math) against the reference.
 * The checker (and mathjs under it) loads on the first check, not when the engine starts.
 */
export function createAnswerChecker(): AnswerChecker {
  let answers: Promise<typeof import('./answers/index.ts')> | undefined;
  return async (reference, answer, options) => {
    const { checkEquivalence, extractAnswer } = await (answers ??= loadWarmChecker());
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

/** Loads the checker and runs one throwaway check, so the first student's check is not the one that pays for JIT warm-up against its time budget. */
async function loadWarmChecker(): Promise<typeof import('./answers/index.ts')> {
  const answers = await import('./answers/index.ts');
  answers.checkEquivalence('\\frac{1}{2}x^2 + 3', '0.5*x^2+3');
  return answers;
}
