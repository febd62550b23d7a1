/**
 * Slack's documented limits, as the fake Slack enforces them. Each rule names where Slack says so:
 *  - trigger_id: single use, expires 3 s after issue (https://docs.slack.dev/reference/methods/views.open,
 *    errors expired_trigger_id, exchanged_trigger_id, invalid_trigger_id)
 *  - response_url: up to 5 responses within 30 minutes (https://docs.slack.dev/interactivity/handling-user-interaction)
 *  - rate tiers: Tier 1 1+/min, Tier 2 20+/min, Tier 3 50+/min, Tier 4 100+/min per method per workspace;
 *    chat.postMessage about 1 per second per channel with short bursts; a 429 carries Retry-After in
 *    seconds (https://docs.slack.dev/apis/web-api/rate-limits, and each method's page for its tier)
 *  - Block Kit: 50 blocks per message, 100 per modal; section text 3,000, fields 10 × 2,000; context
 *    10 elements; actions 25 elements; button text 75, action_id 255, value 2,000, url 3,000; header
 *    150; block_id 255 (https://docs.slack.dev/reference/block-kit/blocks, …/block-elements/button-element)
 *  - modals: title, submit and close 24 characters, private_metadata 3,000, callback_id 255
 *    (https://docs.slack.dev/reference/views/modal-views)
 *  - files.getUploadURLExternal: alt_txt at most 1,000 characters (alt_txt_too_large)
 * Invalid input is refused as Slack does: `invalid_blocks` (messages) or `invalid_arguments` (views)
 * with `[ERROR] <what> [json-pointer:<where>]` lines in response_metadata.messages.
 */

export const TRIGGER_LIFETIME_MS = 3_000;
export const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;
export const RESPONSE_URL_USES = 5;
export const ALT_TXT_LIMIT = 1000;

const MINUTE_MS = 60_000;
const TIER_PER_MINUTE = { 1: 1, 2: 20, 3: 50, 4: 100 } as const;
type Tier = keyof typeof TIER_PER_MINUTE;

/** Each Web API method the bot calls, with the tier its documentation page gives. */
export const METHOD_TIERS: Readonly<Record<string, Tier>> = {
  'chat.update': 3,
  'chat.delete': 3,
  'chat.postEphemeral': 4,
  'conversations.open': 3,
  'views.open': 4,
  'views.push': 4,
  'views.update': 4,
  'files.getUploadURLExternal': 4,
  'files.completeUploadExternal': 4,
  'users.info': 4,
  'users.list': 2,
  'usergroups.users.list': 2,
};

/** chat.postMessage: one a second per channel; Slack allows "short bursts" without a number, so the fake allows this many. */
export const POST_MESSAGE_BURST = 10;
const POST_MESSAGE_REFILL_MS = 1000;

/** A 429 as Slack sends it. */
export interface RateLimitedAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown>;
}

/** Counts calls per method (and chat.postMessage per channel) and answers 429 once a limit is reached. */
export class RateLimiter {
  /** When false, nothing is limited. */
  enabled = true;
  private readonly windows = new Map<string, number[]>();
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();

  constructor(private readonly now: () => number) {}

  /** A 429 for this call, or undefined when it is within its method's limit (the call is then counted). */
  check(method: string, body: Record<string, unknown>): RateLimitedAnswer | undefined {
    if (!this.enabled) return undefined;
    if (method === 'chat.postMessage') return this.takeToken(`channel:${String(body.channel)}`);
    const tier = METHOD_TIERS[method];
    if (!tier) return undefined;
    const nowMs = this.now();
    const recent = (this.windows.get(method) ?? []).filter((atMs) => atMs > nowMs - MINUTE_MS);
    if (recent.length >= TIER_PER_MINUTE[tier]) {
      this.windows.set(method, recent);
      return limited(Math.ceil((recent[0]! + MINUTE_MS - nowMs) / 1000));
    }
    this.windows.set(method, [...recent, nowMs]);
    return undefined;
  }

  /** How many calls to `method` the current minute has counted. */
  countInLastMinute(method: string): number {
    const nowMs = this.now();
    return (this.windows.get(method) ?? []).filter((atMs) => atMs > nowMs - MINUTE_MS).length;
  }

  private takeToken(key: string): RateLimitedAnswer | undefined {
    const nowMs = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: POST_MESSAGE_BURST, atMs: nowMs };
    const tokens = Math.min(POST_MESSAGE_BURST, bucket.tokens + (nowMs - bucket.atMs) / POST_MESSAGE_REFILL_MS);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, atMs: nowMs });
      return limited(Math.ceil(((1 - tokens) * POST_MESSAGE_REFILL_MS) / 1000));
    }
    this.buckets.set(key, { tokens: tokens - 1, atMs: nowMs });
    return undefined;
  }
}

function limited(retryAfterSec: number): RateLimitedAnswer {
  return { status: 429, headers: { 'retry-after': String(Math.max(1, retryAfterSec)) }, body: { ok: false, error: 'ratelimited' } };
}

type Json = Record<string, unknown>;

const MESSAGE_BLOCKS = 50;
const MODAL_BLOCKS = 100;

/** What Slack would say is wrong with a message's `blocks`, as `[ERROR] … [json-pointer:…]` lines. */
export function blockProblems(blocks: unknown, limit = MESSAGE_BLOCKS, pointer = '/blocks'): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return [error('must be an array', pointer)];
  const problems: string[] = [];
  if (blocks.length > limit) problems.push(error(`no more than ${limit} items allowed`, pointer));
  const blockIds = new Set<string>();
  blocks.forEach((block: unknown, index) => {
    const at = `${pointer}/${index}`;
    if (typeof block !== 'object' || block === null) return void problems.push(error('must be an object', at));
    const fields = block as Json;
    if (typeof fields.block_id === 'string') {
      problems.push(...tooLong(fields.block_id, 255, `${at}/block_id`));
      if (blockIds.has(fields.block_id)) problems.push(error('block_id must be unique', `${at}/block_id`));
      blockIds.add(fields.block_id);
    }
    problems.push(...blockFieldProblems(fields, at));
  });
  return problems;
}

function blockFieldProblems(block: Json, at: string): string[] {
  switch (block.type) {
    case 'section': {
      const problems = block.text === undefined && block.fields === undefined ? [error('must provide text or fields', at)] : [];
      if (block.text !== undefined) problems.push(...textProblems(block.text, 3000, `${at}/text`));
      if (Array.isArray(block.fields)) {
        if (block.fields.length > 10) problems.push(error('no more than 10 items allowed', `${at}/fields`));
        block.fields.forEach((field: unknown, index) => problems.push(...textProblems(field, 2000, `${at}/fields/${index}`)));
      }
      if (block.accessory !== undefined) problems.push(...elementProblems(block.accessory as Json, `${at}/accessory`));
      return problems;
    }
    case 'context': {
      const elements = Array.isArray(block.elements) ? block.elements : [];
      const problems = elements.length === 0 ? [error('must provide at least 1 item', `${at}/elements`)] : [];
      if (elements.length > 10) problems.push(error('no more than 10 items allowed', `${at}/elements`));
      elements.forEach((element: unknown, index) => {
        const fields = element as Json;
        if (fields.type === 'mrkdwn' || fields.type === 'plain_text') problems.push(...textProblems(fields, 3000, `${at}/elements/${index}`));
      });
      return problems;
    }
    case 'actions': {
      const elements = Array.isArray(block.elements) ? block.elements : [];
      const problems = elements.length === 0 ? [error('must provide at least 1 item', `${at}/elements`)] : [];
      if (elements.length > 25) problems.push(error('no more than 25 items allowed', `${at}/elements`));
      elements.forEach((element: unknown, index) => problems.push(...elementProblems(element as Json, `${at}/elements/${index}`)));
      return problems;
    }
    case 'header':
      return textProblems(block.text, 150, `${at}/text`);
    case 'image':
      return [...tooLong(block.alt_text, 2000, `${at}/alt_text`), ...(block.alt_text ? [] : [error('must provide alt_text', `${at}/alt_text`)])];
    case 'input': {
      const problems = textProblems(block.label, 2000, `${at}/label`);
      if (block.hint !== undefined) problems.push(...textProblems(block.hint, 2000, `${at}/hint`));
      if (block.element !== undefined) problems.push(...elementProblems(block.element as Json, `${at}/element`));
      return problems;
    }
    case 'divider':
    case 'rich_text':
    case 'file':
      return [];
    default:
      return [error(`unsupported type \`${String(block.type)}\``, `${at}/type`)];
  }
}

function elementProblems(element: Json, at: string): string[] {
  const problems = [...tooLong(element.action_id, 255, `${at}/action_id`)];
  switch (element.type) {
    case 'button':
      problems.push(...textProblems(element.text, 75, `${at}/text`), ...tooLong(element.value, 2000, `${at}/value`), ...tooLong(element.url, 3000, `${at}/url`));
      if (element.confirm !== undefined) {
        const confirm = element.confirm as Json;
        problems.push(
          ...textProblems(confirm.title, 100, `${at}/confirm/title`),
          ...textProblems(confirm.text, 300, `${at}/confirm/text`),
          ...textProblems(confirm.confirm, 30, `${at}/confirm/confirm`),
          ...textProblems(confirm.deny, 30, `${at}/confirm/deny`),
        );
      }
      return problems;
    case 'plain_text_input':
      if (typeof element.max_length === 'number' && (element.max_length < 1 || element.max_length > 3000)) problems.push(error('must be between 1 and 3000', `${at}/max_length`));
      if (element.placeholder !== undefined) problems.push(...textProblems(element.placeholder, 150, `${at}/placeholder`));
      return problems;
    default:
      return problems;
  }
}

/** What Slack would say is wrong with a modal view (title, buttons, metadata, blocks). */
export function modalProblems(view: unknown): string[] {
  if (typeof view !== 'object' || view === null) return [error('must be an object', '/view')];
  const modal = view as Json;
  const problems = [
    ...textProblems(modal.title, 24, '/view/title'),
    ...(modal.submit !== undefined ? textProblems(modal.submit, 24, '/view/submit') : []),
    ...(modal.close !== undefined ? textProblems(modal.close, 24, '/view/close') : []),
    ...tooLong(modal.private_metadata, 3000, '/view/private_metadata'),
    ...tooLong(modal.callback_id, 255, '/view/callback_id'),
  ];
  problems.push(...blockProblems(modal.blocks ?? [], MODAL_BLOCKS, '/view/blocks'));
  const hasInput = Array.isArray(modal.blocks) && modal.blocks.some((block: unknown) => (block as Json).type === 'input');
  if (hasInput && modal.submit === undefined) problems.push(error('must provide submit when the view has input blocks', '/view/submit'));
  return problems;
}

function textProblems(text: unknown, limit: number, at: string): string[] {
  if (typeof text !== 'object' || text === null) return [error('must be a text object', at)];
  const value = (text as Json).text;
  if (typeof value !== 'string' || value.length === 0) return [error('must be more than 0 characters', `${at}/text`)];
  return tooLong(value, limit, `${at}/text`);
}

function tooLong(value: unknown, limit: number, at: string): string[] {
  return typeof value === 'string' && value.length > limit ? [error(`must be less than ${limit + 1} characters`, at)] : [];
}

function error(what: string, pointer: string): string {
  return `[ERROR] ${what} [json-pointer:${pointer}]`;
}
