import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RENDER_LIMITS } from '../../src/math/index.ts';
import { UserFacingError, type RenderedImage } from '../../src/index.ts';
import { FakeMathRenderer } from '../fakes/fake-math-renderer.ts';
import { r1Events } from '../fakes/fake-reasoning-model.ts';
import type { JsonObject, RecordedCall } from '../fakes/fake-discord.ts';
import { customIdsOf, startHarness, STUDENT, threadStartedBy, type DiscordHarness } from './discord-harness.ts';

/** Refuses cards over the real renderer's limit with the real renderer's sentence. */
class CardLimitRenderer extends FakeMathRenderer {
  override async renderCard(markdown: string): Promise<RenderedImage> {
    const limit = DEFAULT_RENDER_LIMITS.maxCardChars;
    if (markdown.length > limit) throw new UserFacingError(`This text is ${markdown.length} characters long; the most drawn as one image is ${limit}.`);
    return super.renderCard(markdown);
  }
}

const SENTENCE = 'Think about which operation undoes the one applied to the unknown, and apply it to both sides of the equation. ';

/** R1's answer whose first hint is about `hintChars` characters of prose. */
function scriptWithFirstHint(hintChars: number) {
  const hint = SENTENCE.repeat(Math.ceil(hintChars / SENTENCE.length)).slice(0, hintChars).trim();
  const answer = ['Step 1', `Hint: ${hint}`, 'Work: Subtract 3 from both sides: $2x = 4$.', '', 'Step 2', 'Hint: How do you undo multiplying by 2?', 'Work: Divide by 2: $x = 2$.', '', 'Final answer: $\\boxed{2}$'].join('\n');
  return { hint, script: r1Events('Subtract, then divide.', answer, 4000) };
}

function embedTitles(call: RecordedCall): string[] {
  return ((call.body.embeds ?? []) as JsonObject[]).map((embed) => String(embed.title));
}

describe('long rungs on Discord', () => {
  let harness: DiscordHarness | undefined;

  afterEach(async () => {
    await harness?.bot.stop();
    await harness?.fake.close();
  });

  it('shows a rung over 8,000 characters as several cards, every word of it, with the buttons', async () => {
    const { hint, script } = scriptWithFirstHint(8419);
    const renderer = new CardLimitRenderer();
    harness = await startHarness({ scripts: [script], renderer });
    const { fake } = harness;
    const start = await threadStartedBy(fake, fake.slashCommand('solve', { problem: 'Solve 2x + 3 = 7' }, STUDENT));

    const titles = embedTitles(start.card);
    expect(titles[0]).toBe('Problem');
    expect(titles.slice(1)).toEqual([1, 2, 3, 4, 5].map((part) => expect.stringMatching(new RegExp(`^Hint 1 of \\d+ \\(${part}/5\\)$`))));
    expect(customIdsOf(start.card.body)[0]).toBe(`sw:next:${start.sessionId}:1`);
    const drawn = renderer.cards.slice(1).join(' ').replace(/\s+/g, ' ');
    expect(drawn).toBe(hint.replace(/\s+/g, ' '));
    expect(fake.refusals).toEqual([]);
  });

  it('sends a 43,000-character rung as its first card and a Markdown file, never an empty thread', async () => {
    const { hint, script } = scriptWithFirstHint(43_000);
    harness = await startHarness({ scripts: [script], renderer: new CardLimitRenderer() });
    const { fake } = harness;
    const start = await threadStartedBy(fake, fake.slashCommand('solve', { problem: 'Solve 2x + 3 = 7' }, STUDENT));

    const inThread = (call: RecordedCall) => call.method === 'POST' && call.path === `/channels/${start.threadId}/messages`;
    await fake.waitFor((call) => inThread(call) && customIdsOf(call.body).length > 0, 'the message with the buttons');
    const posts = fake.calls.filter(inThread);
    expect(posts.flatMap(embedTitles)).toEqual(['Problem', expect.stringMatching(/^Hint 1 of \d+ \(beginning\)$/)]);
    const file = posts.flatMap((call) => call.files).find((entry) => entry.name === `${start.sessionId}-hint-1.md`);
    expect(file?.bytes.toString('utf8')).toContain(hint);
    expect(posts.map((call) => String(call.body.content ?? '')).join('\n')).toMatch(/Hint 1 of \d+ is [\d,]+ characters long: the whole of it is in the attached file/);
    expect(customIdsOf(posts.at(-1)?.body ?? {})).toContain(`sw:next:${start.sessionId}:1`);
    expect(fake.refusals).toEqual([]);
  });

  it('sends a card the renderer refuses as text, with the buttons, instead of refusing the rung', async () => {
    const refusing = new (class extends FakeMathRenderer {
      override async renderCard(markdown: string): Promise<RenderedImage> {
        if (markdown.startsWith('Think')) throw new UserFacingError('This text is too long to draw as one image (4100 px tall; the limit is 4000 px). Split it into shorter parts.');
        return super.renderCard(markdown);
      }
    })();
    const { script } = scriptWithFirstHint(1500);
    harness = await startHarness({ scripts: [script], renderer: refusing });
    const { fake } = harness;
    const start = await threadStartedBy(fake, fake.slashCommand('solve', { problem: 'Solve 2x + 3 = 7' }, STUDENT));
    const posts = fake.calls.filter((call) => call.method === 'POST' && call.path === `/channels/${start.threadId}/messages`);
    const text = posts.map((call) => String(call.body.content ?? '')).join('\n');
    expect(text).toMatch(/^\*\*Hint 1 of \d+\*\*\nThink about which operation/m);
    expect(customIdsOf(posts.at(-1)?.body ?? {})[0]).toBe(`sw:next:${start.sessionId}:1`);
    expect(fake.refusals).toEqual([]);
  });
});
