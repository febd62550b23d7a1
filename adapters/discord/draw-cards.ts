/**
 * Draws a view for Discord so that every rung is shown whatever its length: a long problem or
 * rung becomes several cards ("Hint 2 of 4 (1/3)"), a very long one its first card plus the whole
 * text as a Markdown file, and a card the renderer refuses is sent as text instead.
 */
import { UserFacingError, drawView, titleOf, type DrawnItem, type DrawnView, type MathRenderer, type View, type ViewPart } from '../../src/index.ts';
import { splitMessage } from './text-limits.ts';

/** Characters drawn on one card: about 1,100 px tall, still readable on a phone. */
export const MAX_CARD_CHARS = 2000;
/** A rung needing more cards than this is sent as its first card and a Markdown file. */
export const MAX_CARDS_PER_PART = 5;

type CardPart = Extract<ViewPart, { type: 'problem' | 'hint' }>;

/** The view with its math drawn, long parts spread over several cards or attached as a file. */
export async function drawForDiscord(view: View, renderer: MathRenderer): Promise<DrawnView> {
  const sessionId = view.sessionId ?? 'stepwise';
  const items: DrawnItem[] = [];
  for (const part of view.parts) {
    if (part.type === 'problem' || part.type === 'hint') items.push(...(await drawCards(part, renderer, sessionId)));
    else items.push(...(await drawView({ ...view, parts: [part] }, renderer)).items);
  }
  return { sessionId: view.sessionId, tone: view.tone, items, actions: view.actions, isPrivate: view.isPrivate };
}

async function drawCards(part: CardPart, renderer: MathRenderer, sessionId: string): Promise<DrawnItem[]> {
  const title = titleOf(part);
  const stem = `${sessionId}-${part.type === 'problem' ? 'problem' : part.kind === 'answer' ? 'answer' : `hint-${part.index}`}`;
  const pieces = splitMessage(part.markdown, MAX_CARD_CHARS);
  if (pieces.length <= 1) return [await card(part.markdown, title, renderer, `${stem}.png`)];
  if (pieces.length > MAX_CARDS_PER_PART) {
    const whole: DrawnItem = { type: 'file', name: `${stem}.md`, mediaType: 'text/markdown', content: Buffer.from(`# ${title}\n\n${part.markdown}\n`, 'utf8'), description: `${title}, whole` };
    return [
      await card(pieces[0] ?? '', `${title} (beginning)`, renderer, `${stem}.png`),
      { type: 'text', markdown: `${title} is ${part.markdown.length.toLocaleString('en-US')} characters long: the whole of it is in the attached file ${stem}.md.` },
      whole,
    ];
  }
  const cards: DrawnItem[] = [];
  for (const [index, piece] of pieces.entries()) {
    cards.push(await card(piece, `${title} (${index + 1}/${pieces.length})`, renderer, index === 0 ? `${stem}.png` : `${stem}-${index + 1}.png`));
  }
  return cards;
}

/** One card; when the renderer refuses it (too tall, say), the text itself, TeX and all. */
async function card(markdown: string, title: string, renderer: MathRenderer, fileName: string): Promise<DrawnItem> {
  try {
    const image = await renderer.renderCard(markdown);
    return { type: 'image', title, png: image.png, width: image.width, height: image.height, altText: image.altText || markdown, fileName };
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    return { type: 'text', markdown: `**${title}**\n${markdown}` };
  }
}
