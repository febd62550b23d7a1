/** A view made ready for a chat surface: math drawn as image cards, text split to fit. */
import type { MathRenderer } from '../math/index.ts';
import type { Action, Tone, View, ViewPart } from '../views.ts';

/** One item to post, in order. */
export type DrawnItem =
  /** A PNG card (problem, hint, or text with math); `altText` is its plain-text alternative. */
  | { readonly type: 'image'; readonly title: string; readonly png: Buffer; readonly width: number; readonly height: number; readonly altText: string; readonly fileName: string }
  /** Plain Markdown text with no math left to draw. */
  | { readonly type: 'text'; readonly markdown: string }
  /** A file to attach. */
  | { readonly type: 'file'; readonly name: string; readonly mediaType: string; readonly content: Buffer; readonly description: string };

/** A view whose math has been drawn. */
export interface DrawnView {
  /** The session it is about. */
  readonly sessionId?: string;
  /** How it should feel. */
  readonly tone: Tone;
  /** What to post, in order. */
  readonly items: readonly DrawnItem[];
  /** Buttons. */
  readonly actions: readonly Action[];
  /** Ephemeral, where the surface can. */
  readonly isPrivate: boolean;
}

const HAS_MATH = /\$[^$]+\$|\\\[|\\\(/;

/** Draws every problem and hint (and any text with math) as an image card. */
export async function drawView(view: View, renderer: MathRenderer): Promise<DrawnView> {
  const items: DrawnItem[] = [];
  for (const part of view.parts) items.push(await drawPart(part, renderer, view.sessionId ?? 'stepwise'));
  return { sessionId: view.sessionId, tone: view.tone, items, actions: view.actions, isPrivate: view.isPrivate };
}

/** The heading a part is posted under, e.g. "Hint 2 of 3" (of the hints the student can open) or "Answer". */
export function titleOf(part: ViewPart): string {
  switch (part.type) {
    case 'problem':
      return 'Problem';
    case 'hint':
      return part.kind === 'answer' ? 'Answer' : `Hint ${part.index} of ${part.total}`;
    case 'text':
      return '';
    case 'file':
      return part.name;
  }
}

async function drawPart(part: ViewPart, renderer: MathRenderer, sessionId: string): Promise<DrawnItem> {
  switch (part.type) {
    case 'file':
      return { type: 'file', name: part.name, mediaType: part.mediaType, content: Buffer.from(part.content, 'utf8'), description: part.description };
    case 'text':
      if (!HAS_MATH.test(part.markdown)) return { type: 'text', markdown: part.markdown };
      return card(part.markdown, '', renderer, `${sessionId}-note.png`);
    case 'problem':
      return card(part.markdown, titleOf(part), renderer, `${sessionId}-problem.png`);
    case 'hint':
      return card(part.markdown, titleOf(part), renderer, `${sessionId}-${part.kind === 'answer' ? 'answer' : `hint-${part.index}`}.png`);
  }
}

async function card(markdown: string, title: string, renderer: MathRenderer, fileName: string): Promise<DrawnItem> {
  const image = await renderer.renderCard(markdown);
  return { type: 'image', title, png: image.png, width: image.width, height: image.height, altText: image.altText || markdown, fileName };
}
