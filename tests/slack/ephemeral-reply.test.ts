import { describe, expect, it } from 'vitest';
import { codeBlocks } from '../../adapters/slack/ephemeral-reply.ts';
import { SECTION_TEXT_LIMIT } from '../../adapters/slack/slack-blocks.ts';

describe('code blocks for tables', () => {
  it('splits a long table at line breaks into fenced sections within the limit, keeping each line whole with its spaces', () => {
    const lines = Array.from({ length: 300 }, (_, index) => `   row-${String(index).padStart(3, '0')}  ${'x'.repeat(20)}  a < b`);
    const blocks = codeBlocks(lines.join('\n')) as { text: { text: string } }[];
    expect(blocks.length).toBeGreaterThan(1);
    const texts = blocks.map((block) => block.text.text);
    for (const text of texts) {
      expect(text.length).toBeLessThanOrEqual(SECTION_TEXT_LIMIT);
      expect(text.startsWith('```\n') && text.endsWith('\n```')).toBe(true);
    }
    const rows = texts.flatMap((text) => text.slice(4, -4).split('\n'));
    expect(rows).toEqual(lines.map((line) => line.replace('<', '&lt;')));
  });
});
