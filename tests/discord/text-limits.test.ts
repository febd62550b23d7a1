import { afterEach, describe, expect, it } from 'vitest';
import { splitMessage, truncateText } from '../../adapters/discord/text-limits.ts';
import { threadNameOf } from '../../adapters/discord/thread-sessions.ts';
import { hasLoneSurrogate } from '../fakes/fake-discord-limits.ts';
import { startHarness, STUDENT, threadStartedBy, type DiscordHarness } from './discord-harness.ts';

const FAMILY = '👨‍👩‍👧';

describe('cutting text to Discord limits', () => {
  let harness: DiscordHarness | undefined;

  afterEach(async () => {
    await harness?.bot.stop();
    await harness?.fake.close();
  });

  it('never cuts inside an emoji or a joined emoji sequence', () => {
    const text = `${'a'.repeat(97)}${FAMILY}${FAMILY}`;
    const cut = truncateText(text, 100);
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(hasLoneSurrogate(cut)).toBe(false);
    expect(cut).toBe(`${'a'.repeat(97)}…`);
    expect(truncateText('short', 100)).toBe('short');
  });

  it('splits long text without spaces between characters, never inside one', () => {
    const pieces = splitMessage('😀'.repeat(3000), 2000);
    expect(pieces.join('')).toBe('😀'.repeat(3000));
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(2000);
      expect(hasLoneSurrogate(piece)).toBe(false);
    }
  });

  it('opens the thread for a problem whose 100th character is inside an emoji', async () => {
    harness = await startHarness();
    const problem = `${'Solve 2x + 3 = 7 '.repeat(6).slice(0, 99)}😀 and explain`;
    expect(threadNameOf(problem).length).toBeLessThanOrEqual(100);
    const start = await threadStartedBy(harness.fake, harness.fake.slashCommand('solve', { problem }, STUDENT));
    expect(start.threadId).not.toBe('');
    expect(harness.fake.refusals).toEqual([]);
  });
});
