/** Checks a problem as typed before anything is stored or sent to the model. */
import { UserFacingError } from './errors.ts';

/** At most this share of characters may be unprintable before input counts as binary junk. */
const MAX_UNPRINTABLE_SHARE = 0.05;

/** The problem, trimmed and normalised; throws UserFacingError saying what to fix. */
export function validateProblem(raw: string, maxChars: number): string {
  const problem = raw.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  if (!problem) {
    throw new UserFacingError('The problem is empty. Type the problem you want help with, for example: solve 2x + 3 = 7');
  }
  if (problem.length > maxChars) {
    throw new UserFacingError(
      `That problem is ${problem.length.toLocaleString('en')} characters long; the limit is ${maxChars.toLocaleString('en')}. ` +
        'Shorten it to the question itself, or split it into parts.',
    );
  }
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const unprintable = (problem.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/g) ?? []).length;
  if (unprintable > 0 && unprintable / problem.length > MAX_UNPRINTABLE_SHARE || problem.includes('\u0000')) {
    throw new UserFacingError("That doesn't look like text (it has binary or control characters). Paste the problem as plain text or LaTeX.");
  }
  return problem;
}

/** The form used for the ladder cache key: the same problem typed twice matches. */
export function cacheFormOf(problem: string): string {
  return problem.normalize('NFKC').replace(/\s+/g, ' ').trim();
}
