/** Block Kit for Stepwise's views: text sections within Slack's limits, and the session's buttons. */
import type { types } from '@slack/bolt';
import { splitText, type Action } from '../../src/index.ts';
import { toMrkdwn, truncate } from './slack-mrkdwn.ts';

type Block = types.KnownBlock;

/** Longest text of one section block. */
export const SECTION_TEXT_LIMIT = 3000;
/** Longest `text` Slack recommends for one message. */
export const MESSAGE_TEXT_LIMIT = 4000;
/** Most blocks in one message. */
export const MAX_BLOCKS_PER_MESSAGE = 50;
/** The block id of the buttons, so a listener can tell them apart. */
export const CONTROLS_BLOCK_ID = 'sw-controls';

const BUTTON_TEXT_LIMIT = 75;
const CONTEXT_ELEMENT_LIMIT = 10;

/** One message's worth of content: the notification text and the blocks. */
export interface SlackMessage {
  /** Plain fallback text (notifications, screen readers), at most MESSAGE_TEXT_LIMIT. */
  readonly text: string;
  /** Block Kit blocks, at most MAX_BLOCKS_PER_MESSAGE. */
  readonly blocks: Block[];
}

/** `markdown` as messages of section blocks, each section and message within Slack's limits. */
export function textMessages(markdown: string): SlackMessage[] {
  const sections = splitText(toMrkdwn(markdown), SECTION_TEXT_LIMIT);
  return sections.map((section) => ({ text: truncate(section, MESSAGE_TEXT_LIMIT), blocks: [sectionBlock(section)] }));
}

/** A section block of mrkdwn (cut to the section limit). */
export function sectionBlock(mrkdwn: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(mrkdwn, SECTION_TEXT_LIMIT) } };
}

/** A context block of mrkdwn lines (cut to Slack's element count). */
export function contextBlock(lines: readonly string[]): Block {
  return { type: 'context', elements: lines.slice(0, CONTEXT_ELEMENT_LIMIT).map((line) => ({ type: 'mrkdwn', text: truncate(line, SECTION_TEXT_LIMIT) })) };
}

/**
 * The buttons message for `actions`. Slack has no disabled buttons, so disabled actions are left
 * out and their reasons listed underneath. Undefined when there is nothing to show.
 */
export function controlsMessage(actions: readonly Action[]): SlackMessage | undefined {
  const enabled = actions.filter((action) => action.enabled);
  const reasons = actions.filter((action) => !action.enabled && action.reason).map((action) => `*${action.label}:* ${toMrkdwn(action.reason ?? '')}`);
  const blocks: Block[] = [];
  if (enabled.length > 0) blocks.push({ type: 'actions', block_id: CONTROLS_BLOCK_ID, elements: enabled.map(button) });
  if (reasons.length > 0) blocks.push(contextBlock(reasons));
  if (blocks.length === 0) return undefined;
  const text = enabled.length > 0 ? `What next? ${enabled.map((action) => action.label).join(' · ')}` : 'No more actions for now.';
  return { text, blocks };
}

function button(action: Action): types.Button {
  return {
    type: 'button',
    action_id: action.id,
    value: action.id,
    text: { type: 'plain_text', text: truncate(action.label, BUTTON_TEXT_LIMIT) },
    ...(action.kind === 'next-hint' || action.kind === 'retry' ? { style: 'primary' as const } : {}),
    ...(action.kind === 'reveal-answer'
      ? {
          confirm: {
            title: { type: 'plain_text' as const, text: 'Reveal the answer?' },
            text: { type: 'plain_text' as const, text: 'This shows the final answer. Another hint or checking an answer may help you more.' },
            confirm: { type: 'plain_text' as const, text: 'Reveal' },
            deny: { type: 'plain_text' as const, text: 'Not yet' },
          },
        }
      : {}),
  };
}
