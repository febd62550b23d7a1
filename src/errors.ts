/** The two kinds of failure: what a user may read, and everything else (logged, apologised for). */

/** Base class for every error Stepwise throws on purpose. */
export class StepwiseError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Safe to show to the student or instructor as is: says what went wrong and what to do. */
export class UserFacingError extends StepwiseError {}

/** The reasoning model failed; `userMessage` is the plain sentence a student sees. */
export class ModelError extends StepwiseError {
  constructor(
    message: string,
    readonly userMessage: string,
    readonly isRetryable: boolean,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The sentence to show a user for any error: its own words if it is safe, else an apology. */
export function userMessageOf(error: unknown): string {
  if (error instanceof UserFacingError) return error.message;
  if (error instanceof ModelError) return error.userMessage;
  return 'Sorry, something went wrong on our side. Please try again.';
}
