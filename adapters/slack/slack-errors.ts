/** Turns a failure into the sentence a Slack user sees, and logs what the operator needs. */
import { UserFacingError, userMessageOf, type Logger } from '../../src/index.ts';

const SLACK_ERROR_SENTENCES: Readonly<Record<string, string>> = {
  not_in_channel: 'I am not in this channel yet. Invite me with `/invite @Stepwise`, then try again.',
  channel_not_found: 'I cannot post in this conversation. Invite me to a channel with `/invite @Stepwise` and try there.',
  is_archived: 'This channel is archived, so I cannot post in it.',
  ratelimited: 'Slack asked me to slow down. Please try again in a minute.',
  expired_trigger_id: 'That took too long to open. Please click the button again.',
  exchanged_trigger_id: 'That window was already opened. Please click the button again.',
};

/** The Slack API error code (e.g. `not_in_channel`) carried by a web-api error, if any. */
export function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('data' in error)) return undefined;
  const data: unknown = error.data;
  if (typeof data !== 'object' || data === null || !('error' in data)) return undefined;
  return typeof data.error === 'string' ? data.error : undefined;
}

/** The sentence to show for `error`, preferring a Slack-specific explanation; never an internal address. */
export function sentenceFor(error: unknown): string {
  const code = slackErrorCode(error);
  return withoutInternalAddresses((code && SLACK_ERROR_SENTENCES[code]) || userMessageOf(error));
}

const ADDRESS = String.raw`(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\d{1,3}(?:\.\d{1,3}){3}|localhost|\[[0-9a-f:]+\]|[a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::\d{1,5})?(?:\/[^\s)]*)?`;
const ADDRESS_IN_PARENS = new RegExp(String.raw`\s*\(${ADDRESS}\)`, 'gi');
const URL_OR_HOST_PORT = new RegExp(String.raw`(?:[a-z][a-z0-9+.-]*:\/\/\S+|(?:\d{1,3}(?:\.\d{1,3}){3}|localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)+):\d{1,5}\b\S*)`, 'gi');

/**
 * `text` with server addresses taken out (the engine names the model server's host:port for the
 * operator; students must not see it). "(10.0.0.5:8000)" goes entirely, a bare one becomes "the server".
 */
export function withoutInternalAddresses(text: string): string {
  return text.replace(ADDRESS_IN_PARENS, '').replace(URL_OR_HOST_PORT, 'the server');
}

/** Logs `error` unless it is a UserFacingError (those are expected and shown as they are). */
export function logFailure(logger: Logger, what: string, error: unknown, fields: Record<string, unknown> = {}): void {
  if (error instanceof UserFacingError) return;
  logger.error(what, { ...fields, slackError: slackErrorCode(error), error });
}
