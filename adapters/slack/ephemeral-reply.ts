/** Answers a slash command privately (response_url, ephemeral), splitting long text and tables within Slack's limits. */
import type { RespondFn, types } from '@slack/bolt';
import type { Logger } from '../../src/index.ts';
import { MAX_BLOCKS_PER_MESSAGE, MESSAGE_TEXT_LIMIT, SECTION_TEXT_LIMIT, sectionBlock, textMessages } from './slack-blocks.ts';
import { logFailure, sentenceFor } from './slack-errors.ts';
import { escapeMrkdwn, toMrkdwn, truncate } from './slack-mrkdwn.ts';

/** A response_url accepts five responses; keep one spare for a follow-up. */
const MAX_RESPONSES = 4;
const FENCE = '```';

/** Shows `markdown` to the command's user only. */
export async function replyPrivately(respond: RespondFn, markdown: string): Promise<void> {
  await replyWithBlocks(respond, markdown, textMessages(markdown).flatMap((message) => message.blocks));
}

/** Shows `lead` (markdown) and then `table` as monospace code blocks, to the command's user only. */
export async function replyWithTable(respond: RespondFn, lead: string, table: string): Promise<void> {
  const leadBlocks = textMessages(lead).flatMap((message) => message.blocks);
  await replyWithBlocks(respond, `${lead}\n${table}`, [...leadBlocks, ...codeBlocks(table)]);
}

/** `text` as section blocks of fenced code, split at line breaks so every line keeps its spaces. */
export function codeBlocks(text: string): types.KnownBlock[] {
  const room = SECTION_TEXT_LIMIT - 2 * FENCE.length - 2;
  const chunks: string[] = [];
  let current = '';
  for (const line of escapeMrkdwn(text).split('\n').map((whole) => truncate(whole, room))) {
    if (current && current.length + line.length + 1 > room) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) chunks.push(current);
  return chunks.map((chunk) => sectionBlock(`${FENCE}\n${chunk}\n${FENCE}`));
}

async function replyWithBlocks(respond: RespondFn, markdown: string, blocks: types.KnownBlock[]): Promise<void> {
  const fallback = toMrkdwn(markdown);
  for (let start = 0, count = 0; start < blocks.length && count < MAX_RESPONSES; start += MAX_BLOCKS_PER_MESSAGE, count++) {
    await respond({ response_type: 'ephemeral', text: truncate(fallback, MESSAGE_TEXT_LIMIT), blocks: blocks.slice(start, start + MAX_BLOCKS_PER_MESSAGE) });
  }
}

/** Logs `error` (unless it is meant for the user) and tells the command's user what went wrong. */
export async function replyFailure(logger: Logger, respond: RespondFn, what: string, error: unknown, fields: Record<string, unknown> = {}): Promise<void> {
  logFailure(logger, what, error, fields);
  await respond({ response_type: 'ephemeral', text: escapeMrkdwn(sentenceFor(error)) });
}
