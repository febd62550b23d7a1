/** Turns whatever the SDK or the network threw into a ModelError with a plain sentence. */
import OpenAI from 'openai';
import { ModelError } from '../errors.ts';

/** Why an attempt was abandoned by Stepwise itself rather than by the server. */
export type DeadlineKind = 'first-token' | 'overall';

/** Statuses worth another try: rate limited, server error, overloaded, gateway trouble. */
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** The failure of one attempt, classified. */
export function classifyFailure(error: unknown, host: string): ModelError {
  if (error instanceof ModelError) return error;
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    return fromStatus(error.status, error.message, error);
  }
  if (error instanceof OpenAI.APIError || isConnectionError(error)) {
    return new ModelError(
      `Connection to the model server at ${host} failed: ${describe(error)}`,
      `I couldn't reach the model server (${host}). Please try again in a moment.`,
      true,
      undefined,
      { cause: error },
    );
  }
  return new ModelError(`Unexpected model failure: ${describe(error)}`, 'The model failed unexpectedly. Please try again.', false, undefined, {
    cause: error,
  });
}

/** The deadline Stepwise set ran out. */
export function deadlineFailure(kind: DeadlineKind, limitMs: number): ModelError {
  const seconds = limitMs >= 10_000 ? Math.round(limitMs / 1000) : Number((limitMs / 1000).toFixed(1));
  return kind === 'first-token'
    ? new ModelError(
        `No token from the model within ${seconds} s`,
        `The model did not start answering within ${seconds} seconds (it may be overloaded). Please try again.`,
        false,
      )
    : new ModelError(
        `The model did not finish within ${seconds} s`,
        `The model took longer than ${seconds} seconds and was stopped. Please try again, or shorten the problem.`,
        false,
      );
}

function fromStatus(status: number, detail: string, cause: unknown): ModelError {
  const options = { cause };
  switch (status) {
    case 401:
    case 403:
      return new ModelError(`Model server refused the API key (${status}): ${detail}`,
        "The tutor's model key was refused. Please tell your instructor or operator (check STEPWISE_MODEL_API_KEY).", false, status, options);
    case 402:
      return new ModelError(`Model account out of credit (402): ${detail}`,
        "The tutor's model account is out of credit. Please tell your instructor; your problem is saved and can be retried later.", false, status, options);
    case 429:
      return new ModelError(`Rate limited by the model server (429): ${detail}`,
        'The model is busy right now. Please try again in a minute.', true, status, options);
    case 400:
    case 422:
      return new ModelError(`Model server rejected the request (${status}): ${detail}`,
        'The model could not take this problem as written. Try shortening or rephrasing it.', false, status, options);
    case 404:
      return new ModelError(`Model or endpoint not found (404): ${detail}`,
        "The tutor's model is not available (check STEPWISE_MODEL and STEPWISE_MODEL_BASE_URL).", false, status, options);
    default:
      return new ModelError(`Model server error (${status}): ${detail}`,
        'The model server is having trouble right now. Please try again in a minute.', RETRYABLE_STATUSES.has(status), status, options);
  }
}

function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  return (
    error.name === 'TypeError' && /terminated|fetch failed|other side closed/i.test(error.message)
  ) || (typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|UND_ERR_SOCKET|UND_ERR_CLOSED)$/.test(code));
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.name}: ${error.message}${cause}`;
}
