import { describe, expect, it } from 'vitest';
import { messagesOf, MAX_CONTENT_CHARS } from '../../adapters/discord/discord-messages.ts';
import type { Action, DrawnItem, DrawnView } from '../../src/index.ts';

const PNG = Buffer.from([137, 80, 78, 71]);
const image = (index: number): DrawnItem => ({ type: 'image', title: `Hint ${index}`, png: PNG, width: 2, height: 1, altText: `hint ${index} text`, fileName: `s-hint-${index}.png` });
const button = (index: number, enabled = true): Action => ({ kind: 'next-hint', id: `sw:next:abcd1234:${index}`, label: `Next ${index}`, enabled, ...(enabled ? {} : { reason: 'Try an answer first.' }) });
const view = (items: DrawnItem[], actions: Action[] = [], isPrivate = false): DrawnView => ({ sessionId: 'abcd1234', tone: 'info', items, actions, isPrivate });
const words = (count: number) => Array.from({ length: count }, (_, index) => `word${index}`).join(' ');

describe('drawing a view as Discord messages', () => {
  it('splits text longer than 2,000 characters into several messages, buttons on the last', () => {
    const messages = messagesOf(view([{ type: 'text', markdown: words(500) }], [button(1)]));
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(message.body.content?.length).toBeLessThanOrEqual(MAX_CONTENT_CHARS);
    expect(messages.map((message) => message.body.components?.length)).toEqual([...messages.slice(1).map(() => 0), 1]);
  });

  it('attaches very long text as a Markdown file instead of flooding the thread', () => {
    const text = words(3000);
    const [message, ...rest] = messagesOf(view([{ type: 'text', markdown: text }]));
    expect(rest).toEqual([]);
    expect(message?.body.content?.length).toBeLessThanOrEqual(MAX_CONTENT_CHARS);
    expect(message?.files.map((file) => [file.name, file.contentType])).toEqual([['abcd1234-message-1.md', 'text/markdown']]);
    expect(message?.files[0]?.data.toString()).toBe(text);
  });

  it('puts at most 10 image embeds in a message, each pointing at its own attachment with alt text', () => {
    const messages = messagesOf(view(Array.from({ length: 12 }, (_, index) => image(index + 1))));
    expect(messages.map((message) => message.body.embeds?.length)).toEqual([10, 2]);
    const first = messages[0]!;
    expect(first.body.embeds?.[0]?.image?.url).toBe('attachment://s-hint-1.png');
    expect(first.body.attachments?.[0]).toEqual({ id: 0, filename: 's-hint-1.png', description: 'hint 1 text' });
  });

  it('lays out at most five buttons a row and says why a button is disabled', () => {
    const [message] = messagesOf(view([image(1)], [...Array.from({ length: 6 }, (_, index) => button(index + 1)), button(7, false)]));
    expect(message?.body.components?.map((row) => row.components.length)).toEqual([5, 2]);
    expect(message?.body.components?.[1]?.components[1]).toMatchObject({ disabled: true });
    expect(message?.body.embeds?.[0]?.footer?.text).toBe('Try an answer first.');
  });

  it('marks every message of a private view ephemeral and never pings anyone', () => {
    const messages = messagesOf(view([{ type: 'text', markdown: '@everyone look' }, image(1)], [], true));
    for (const message of messages) {
      expect(message.body.flags).toBe(64);
      expect(message.body.allowed_mentions).toEqual({ parse: [] });
    }
  });
});
