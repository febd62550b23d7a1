/**
 * Splits a content stream that carries R1's reasoning inline as `<think>...</think>`.
 * The opening tag may be missing (chat templates that add it themselves) and either tag may
 * be split across chunks, so text that could be the start of a tag is held back until it is not.
 */

const OPEN_TAG = '<think>';
const CLOSE_TAG = '</think>';

/** A piece of the stream, once it is known which side of `</think>` it is on. */
export interface SplitPiece {
  /** `reasoning` before `</think>`, `answer` after it. */
  readonly kind: 'reasoning' | 'answer';
  /** The text of the piece. */
  readonly text: string;
}

type Phase = 'start' | 'thinking' | 'answer';

/** Feeds content deltas in, gets reasoning and answer pieces out. */
export class ThinkSplitter {
  private phase: Phase = 'start';
  private held = '';
  /** Whitespace between `</think>` and the answer is dropped, whichever chunks it arrives in. */
  private isAnswerStart = false;

  /**
   * @param reasoningElsewhere true when the server also sends reasoning in its own field;
   *   then content outside a leading `<think>` block is answer from the first character.
   */
  constructor(private reasoningElsewhere = false) {}

  /** Tells the splitter a separate reasoning field has been seen in this stream. */
  noteReasoningField(): void {
    this.reasoningElsewhere = true;
  }

  /** Takes the next content delta; returns the pieces that are now certain. */
  push(delta: string): SplitPiece[] {
    this.held += delta;
    const pieces: SplitPiece[] = [];
    if (this.phase === 'start') this.decideStart();
    if (this.phase === 'thinking') this.takeThinking(pieces);
    if (this.phase === 'answer' && this.held) {
      const text = this.isAnswerStart ? this.held.trimStart() : this.held;
      if (text) pieces.push({ kind: 'answer', text });
      this.isAnswerStart &&= !text;
      this.held = '';
    }
    return pieces;
  }

  /** The stream ended: whatever is held belongs to the phase it is in. */
  end(): SplitPiece[] {
    const text = this.held;
    this.held = '';
    if (!text) return [];
    if (this.phase === 'thinking') return this.reasoningElsewhere ? [] : [{ kind: 'reasoning', text }];
    if (this.phase === 'start') return [{ kind: this.reasoningElsewhere ? 'answer' : 'reasoning', text: text.replace(/^\s*<think>/, '') }];
    return [{ kind: 'answer', text }];
  }

  private decideStart(): void {
    const trimmed = this.held.trimStart();
    if (trimmed.length < OPEN_TAG.length && OPEN_TAG.startsWith(trimmed)) return; // could still be the tag
    if (trimmed.startsWith(OPEN_TAG)) {
      this.held = trimmed.slice(OPEN_TAG.length);
      this.phase = 'thinking';
    } else {
      // No opening tag: with a separate reasoning field this is the answer; without one it is
      // reasoning whose opening tag the chat template swallowed (until `</think>`, if ever).
      this.phase = this.reasoningElsewhere ? 'answer' : 'thinking';
    }
  }

  private takeThinking(pieces: SplitPiece[]): void {
    const close = this.held.indexOf(CLOSE_TAG);
    if (close !== -1) {
      this.emitReasoning(pieces, this.held.slice(0, close));
      this.held = this.held.slice(close + CLOSE_TAG.length);
      this.phase = 'answer';
      this.isAnswerStart = true;
      return;
    }
    const keep = partialTagLength(this.held);
    this.emitReasoning(pieces, this.held.slice(0, this.held.length - keep));
    this.held = this.held.slice(this.held.length - keep);
  }

  private emitReasoning(pieces: SplitPiece[], text: string): void {
    // A server that fills a reasoning field and also echoes `<think>` in content sends it twice.
    if (text && !this.reasoningElsewhere) pieces.push({ kind: 'reasoning', text });
  }
}

/** How many trailing characters could be the beginning of `</think>`. */
function partialTagLength(text: string): number {
  for (let length = Math.min(CLOSE_TAG.length - 1, text.length); length > 0; length--) {
    if (CLOSE_TAG.startsWith(text.slice(-length))) return length;
  }
  return 0;
}
