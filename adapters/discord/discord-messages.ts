/** Turns a drawn view into Discord messages that respect Discord's limits. */
import {
  AllowedMentionsTypes, ButtonStyle, ComponentType, MessageFlags,
  type APIActionRowComponent, type APIAllowedMentions, type APIButtonComponentWithCustomId, type APIEmbed, type RawFile,
} from 'discord.js';
import { type Action, type ActionKind, type DrawnItem, type DrawnView, type Tone } from '../../src/index.ts';
import { splitMessage, truncateText } from './text-limits.ts';

/** Discord rejects message content longer than this. */
export const MAX_CONTENT_CHARS = 2000;
const MAX_EMBEDS = 10;
const MAX_FILES = 10;
const MAX_BUTTONS_PER_ROW = 5;
const MAX_ROWS = 5;
const MAX_LABEL_CHARS = 80;
const MAX_ALT_TEXT_CHARS = 1024;
const MAX_FOOTER_CHARS = 2048;
/** Text longer than this many messages is sent as a Markdown file with its first part as the message. */
const MAX_TEXT_MESSAGES = 3;
const CONTINUED = '\n\n(continued in the attached file)';

const TONE_COLORS: Record<Tone, number> = { info: 0x5865f2, success: 0x57f287, warning: 0xfee75c, error: 0xed4245 };
const BUTTON_STYLES: Record<ActionKind, APIButtonComponentWithCustomId['style']> = {
  'next-hint': ButtonStyle.Primary,
  'check-answer': ButtonStyle.Success,
  'show-reasoning': ButtonStyle.Secondary,
  'reveal-answer': ButtonStyle.Danger,
  retry: ButtonStyle.Primary,
};

/** Never ping anyone: problem and answer text come from users. */
export const NO_MENTIONS: APIAllowedMentions = { parse: [] as AllowedMentionsTypes[] };

/** The JSON part of a message (create or edit). */
export interface MessageBody {
  /** Text, at most 2,000 characters. */
  content?: string;
  /** Embeds; images point at attachments with `attachment://name`. */
  embeds?: APIEmbed[];
  /** Rows of buttons. */
  components?: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  /** One entry per uploaded file, with its alt text. */
  attachments?: { id: number; filename: string; description?: string }[];
  /** 64 makes it ephemeral. */
  flags?: number;
  /** Whom the message may ping. */
  allowed_mentions?: APIAllowedMentions;
}

/** A message ready for Discord's REST API. */
export interface OutgoingMessage {
  /** The JSON body. */
  readonly body: MessageBody;
  /** The files the body's attachments list, in order. */
  readonly files: RawFile[];
}

interface Draft {
  content?: string;
  embeds: APIEmbed[];
  files: { file: RawFile; description?: string }[];
}

/** The messages that show `view`, in order; its buttons go on the last one. */
export function messagesOf(view: DrawnView): OutgoingMessage[] {
  const drafts: Draft[] = [];
  const current = () => drafts.at(-1);
  const start = () => drafts[drafts.push({ embeds: [], files: [] }) - 1] as Draft;
  const isFull = (draft: Draft | undefined) => !draft || draft.embeds.length >= MAX_EMBEDS || draft.files.length >= MAX_FILES;
  for (const item of expand(view.items, view.sessionId ?? 'stepwise')) {
    if (item.type === 'text') {
      const draft = current();
      (draft && draft.content === undefined && draft.embeds.length === 0 && draft.files.length === 0 ? draft : start()).content = item.markdown;
    } else if (item.type === 'image') {
      const draft = isFull(current()) ? start() : (current() as Draft);
      draft.embeds.push({ ...(item.title ? { title: item.title } : {}), color: TONE_COLORS[view.tone], image: { url: `attachment://${item.fileName}` } });
      draft.files.push({ file: { name: item.fileName, data: item.png, contentType: 'image/png' }, description: truncateText(item.altText, MAX_ALT_TEXT_CHARS) });
    } else {
      const draft = isFull(current()) ? start() : (current() as Draft);
      draft.files.push({ file: { name: item.name, data: item.content, contentType: item.mediaType }, description: truncateText(item.description, MAX_ALT_TEXT_CHARS) });
    }
  }
  const last = current() ?? start();
  addReasons(last, view.actions);
  return drafts.map((draft) => toMessage(draft, view, draft === last ? view.actions : []));
}

/** Rows of at most five buttons (at most five rows), one per action. */
export function buttonRows(actions: readonly Action[]): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (let start = 0; start < actions.length && rows.length < MAX_ROWS; start += MAX_BUTTONS_PER_ROW) {
    rows.push({
      type: ComponentType.ActionRow,
      components: actions.slice(start, start + MAX_BUTTONS_PER_ROW).map((action) => ({
        type: ComponentType.Button, custom_id: action.id, label: truncateText(action.label, MAX_LABEL_CHARS), style: BUTTON_STYLES[action.kind], disabled: !action.enabled,
      })),
    });
  }
  return rows;
}

/** A plain text message (notices and errors). */
export function textMessage(content: string, isPrivate: boolean): OutgoingMessage {
  return { body: { content: truncateText(content, MAX_CONTENT_CHARS), allowed_mentions: NO_MENTIONS, ...(isPrivate ? { flags: MessageFlags.Ephemeral } : {}) }, files: [] };
}

/** Long text becomes several messages, or, when very long, one message plus a Markdown file. */
function expand(items: readonly DrawnItem[], sessionId: string): DrawnItem[] {
  return items.flatMap((item, index): DrawnItem[] => {
    if (item.type !== 'text' || item.markdown.length <= MAX_CONTENT_CHARS) return [item];
    const pieces = splitMessage(item.markdown, MAX_CONTENT_CHARS);
    if (pieces.length <= MAX_TEXT_MESSAGES) return pieces.map((markdown) => ({ type: 'text', markdown }));
    const file = { type: 'file' as const, name: `${sessionId}-message-${index + 1}.md`, mediaType: 'text/markdown', content: Buffer.from(item.markdown, 'utf8'), description: 'The whole message' };
    return [{ type: 'text', markdown: `${truncateText(pieces[0] ?? '', MAX_CONTENT_CHARS - CONTINUED.length)}${CONTINUED}` }, file];
  });
}

/** Disabled buttons cannot explain themselves, so their reasons go under the last message. */
function addReasons(draft: Draft, actions: readonly Action[]): void {
  const reasons = [...new Set(actions.flatMap((action) => (!action.enabled && action.reason ? [action.reason] : [])))];
  if (reasons.length === 0) return;
  const lastEmbed = draft.embeds.at(-1);
  if (lastEmbed) lastEmbed.footer = { text: truncateText(reasons.join('\n'), MAX_FOOTER_CHARS) };
  else draft.content = [draft.content, ...reasons.map((reason) => `-# ${reason}`)].filter(Boolean).join('\n');
  if (draft.content && draft.content.length > MAX_CONTENT_CHARS) draft.content = truncateText(draft.content, MAX_CONTENT_CHARS);
}

function toMessage(draft: Draft, view: DrawnView, actions: readonly Action[]): OutgoingMessage {
  return {
    body: {
      ...(draft.content !== undefined ? { content: draft.content } : {}),
      embeds: draft.embeds,
      components: buttonRows(actions),
      attachments: draft.files.map((entry, id) => ({ id, filename: entry.file.name, ...(entry.description ? { description: entry.description } : {}) })),
      allowed_mentions: NO_MENTIONS,
      ...(view.isPrivate ? { flags: MessageFlags.Ephemeral } : {}),
    },
    files: draft.files.map((entry) => entry.file),
  };
}
