import { describe, expect, it } from 'vitest';
import { splitByBytes } from '../../adapters/discord/inspect-command.ts';

describe('splitting an inspection file to the upload limit', () => {
  it('cuts after line breaks, every part within the limit in UTF-8 bytes, the parts joined being the text', () => {
    const text = ['# Session', '', 'Raw reasoning: 2x + 3 = 7 → 2x = 4 → x = 2', 'ünïcödé line', '```', 'code', '```', ''].join('\n').repeat(20);
    const parts = splitByBytes(text, 100);
    expect(parts.join('')).toBe(text);
    for (const part of parts) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(100);
    expect(parts.slice(0, -1).every((part) => part.endsWith('\n'))).toBe(true);
  });

  it('cuts a line longer than the limit between characters, never inside one (emoji included)', () => {
    const text = `${'😀'.repeat(30)}é${'x'.repeat(50)}`;
    const parts = splitByBytes(text, 10);
    expect(parts.join('')).toBe(text);
    for (const part of parts) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(10);
      expect(Buffer.from(part, 'utf8').toString('utf8')).toBe(part);
      expect(/[\uD800-\uDBFF]$/.test(part)).toBe(false);
    }
  });

  it('keeps a text within the limit whole', () => {
    expect(splitByBytes('short\n', 1024)).toEqual(['short\n']);
  });
});
