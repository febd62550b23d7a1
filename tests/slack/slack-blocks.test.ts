import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/index.ts';
import { controlsMessage, MESSAGE_TEXT_LIMIT, SECTION_TEXT_LIMIT, textMessages } from '../../adapters/slack/slack-blocks.ts';
import { toMrkdwn } from '../../adapters/slack/slack-mrkdwn.ts';

describe('Block Kit drawing', () => {
  it('splits long text into sections within the section and message limits', () => {
    const paragraph = `${'The derivative of $x^2$ is $2x$. '.repeat(40)}\n\n`;
    const messages = textMessages(paragraph.repeat(10));
    expect(messages.length).toBeGreaterThan(3);
    for (const message of messages) {
      expect(message.text.length).toBeLessThanOrEqual(MESSAGE_TEXT_LIMIT);
      expect(JSON.stringify(message.blocks)).not.toContain('"text":""');
      for (const block of message.blocks) expect(block.type === 'section' ? block.text?.text.length : 0).toBeLessThanOrEqual(SECTION_TEXT_LIMIT);
    }
  });

  it('leaves disabled actions out and says why underneath, since Slack has no disabled buttons', () => {
    const actions: Action[] = [
      { kind: 'next-hint', id: 'sw:next:abcd1234:1', label: 'Next hint (2/4)', enabled: true },
      { kind: 'reveal-answer', id: 'sw:reveal:abcd1234', label: 'Reveal answer', enabled: false, reason: 'You can see the answer after 2 more attempts.' },
    ];
    const message = controlsMessage(actions);
    expect(JSON.stringify(message?.blocks)).not.toContain('sw:reveal');
    expect(JSON.stringify(message?.blocks)).toContain('*Reveal answer:* You can see the answer after 2 more attempts.');
    expect(controlsMessage([])).toBeUndefined();
  });

  it('escapes Slack markup characters and translates bold and links', () => {
    expect(toMrkdwn('**Check** that $x < 3$ & see [notes](https://example.edu/a)')).toBe('*Check* that $x &lt; 3$ &amp; see <https://example.edu/a|notes>');
  });
});
