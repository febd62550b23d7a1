import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/index.ts';
import { createProgressEditor, PROGRESS_INTERVAL_MS } from '../../adapters/slack/progress-editor.ts';

const INTERVAL_MS = 1000;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the shared progress editor', () => {
  it('sends one edit per interval across all solves, taking them in turn and always sending the latest', async () => {
    const editor = createProgressEditor(INTERVAL_MS, silentLogger, () => Date.now());
    const sent: string[] = [];
    const edit = (label: string) => async () => void sent.push(label);
    editor.push('a', edit('a1'));
    editor.push('b', edit('b1'));
    editor.push('a', edit('a2'));
    editor.push('c', edit('c1'));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual(['a2']);
    editor.push('a', edit('a3'));
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(sent).toEqual(['a2', 'b1']);
    await vi.advanceTimersByTimeAsync(INTERVAL_MS * 2);
    expect(sent).toEqual(['a2', 'b1', 'c1', 'a3']);
  });

  it('drops a finished solve\'s unsent edit', async () => {
    const editor = createProgressEditor(INTERVAL_MS, silentLogger, () => Date.now());
    const sent: string[] = [];
    editor.push('a', async () => void sent.push('a1'));
    await vi.advanceTimersByTimeAsync(0);
    editor.push('a', async () => void sent.push('a2'));
    await editor.finish('a');
    await vi.advanceTimersByTimeAsync(INTERVAL_MS * 3);
    expect(sent).toEqual(['a1']);
  });

  it('keeps eight solves together under Tier 3 (50 chat.update a minute) at the production pace', async () => {
    const editor = createProgressEditor(PROGRESS_INTERVAL_MS, silentLogger, () => Date.now());
    const sent: string[] = [];
    const keys = Array.from({ length: 8 }, (_, index) => `solve-${index}`);
    const ticker = setInterval(() => {
      for (const key of keys) editor.push(key, async () => void sent.push(key));
    }, 100);
    await vi.advanceTimersByTimeAsync(60_000);
    clearInterval(ticker);
    expect(sent.length).toBeLessThanOrEqual(50);
    expect(new Set(sent).size).toBe(8);
  });
});
