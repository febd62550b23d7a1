/** Turns whatever the SDK or the network threw into a ModelError with a plain sentence. */
import OpenAI from 'openai';
import { ModelError } from '../errors.ts';
import type { ProviderProfile } from './provider-profiles.ts';

/** Why an attempt was abandoned by Stepwise itself rather than by the server. */
export type DeadlineKind = 'first-token' | 'overall';

/** Statuses worth another try: rate limited, server error, overloaded, gateway trouble. */
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** What a student in chat reads when the operator has something to fix. */
export const MISCONFIGURED_MESSAGE =
  'The tutor is misconfigured; please tell your instructor. Your problem is saved: press Retry once it is fixed.';

/** Which server, model and profile a failure happened with, for sentences that say what to set. */
export interface FailureContext {
  /** Host (and port) of the base URL. */
  readonly host: string;
  /** The model asked for. */
  readonly model: string;
  /** The provider profile in use. */
  readonly profile: ProviderProfile;
}

/** Error bodies that mean "no such model", from DeepSeek, OpenAI-style servers, vLLM and Ollama. */
const MODEL_MISSING = /model not exist|model_not_found|model\W.*does not exist|model .*not found|no such model|unknown model|is not a valid model/i;
/** A web page where an API answer should be. */
const HTML = /<!doctype html|<html[\s>]|<head>|<body[\s>]/i;

/** Something the operator must fix (model, key, base URL): `message` says what to set; never retried. */
export class MisconfigurationError extends ModelError {}

/** A misconfiguration: the operator's sentence as the message, the student's as userMessage. */
export function misconfiguration(operatorSentence: string, status?: number, cause?: unknown): MisconfigurationError {
  return new MisconfigurationError(operatorSentence, MISCONFIGURED_MESSAGE, false, status, { cause });
}

/** The sentence for a model this host refused. */
export function modelRefusedSentence(context: FailureContext): string {
  const retired = context.profile.retiredModels[context.model];
  if (retired) {
    const [first, ...others] = retired.replacements;
    const alternatives = others.length > 0 ? ` (or ${others.join(' or ')})` : '';
    return `The model '${context.model}' is not served by ${context.host}: ${context.profile.label} retired it on ${retired.retiredOn}. Set STEPWISE_MODEL=${first ?? ''}${alternatives}.`;
  }
  const suggestion = context.profile.model && context.profile.model !== context.model ? ` (${context.profile.label}'s default is ${context.profile.model})` : '';
  return `The model '${context.model}' is not served by ${context.host}. Set STEPWISE_MODEL to a model it lists${suggestion}; "stepwise doctor" shows the list.`;
}

/** The sentence for a base URL that answers with a web page or a 404 instead of the API. */
export function wrongBaseUrlSentence(context: FailureContext, what: string): string {
  const usual = context.profile.baseUrl ? ` (for ${context.profile.label} it is ${context.profile.baseUrl})` : ' (it usually ends in /v1)';
  return `The model server at ${context.host} answered with ${what}, not the OpenAI-compatible API. Check STEPWISE_MODEL_BASE_URL${usual}.`;
}

/** The failure of one attempt, classified. */
export function classifyFailure(error: unknown, context: FailureContext): ModelError {
  const host = context.host;
  if (error instanceof ModelError) return error;
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    return fromStatus(error.status, error.message, error, context);
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

function fromStatus(status: number, detail: string, cause: unknown, context: FailureContext): ModelError {
  const options = { cause };
  const body = bodyOf(cause) ?? detail;
  if (HTML.test(body) || HTML.test(detail)) return misconfiguration(wrongBaseUrlSentence(context, `a web page (HTTP ${status})`), status, cause);
  if ((status === 400 || status === 404 || status === 422) && MODEL_MISSING.test(detail)) {
    return misconfiguration(modelRefusedSentence(context), status, cause);
  }
  switch (status) {
    case 401:
    case 403:
      return misconfiguration(
        `The model server at ${context.host} refused the API key (${status}): set STEPWISE_MODEL_API_KEY to a key ${context.profile.label} accepts.`, status, cause);
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
      return misconfiguration(wrongBaseUrlSentence(context, '404 Not Found'), status, cause);
    default:
      return new ModelError(`Model server error (${status}): ${detail}`,
        'The model server is having trouble right now. Please try again in a minute.', RETRYABLE_STATUSES.has(status), status, options);
  }
}

/** The raw error body the SDK kept, when it is text (HTML pages are not JSON). */
function bodyOf(error: unknown): string | undefined {
  const body = (error as { error?: unknown } | undefined)?.error;
  return typeof body === 'string' ? body : undefined;
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
