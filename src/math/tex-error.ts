/** The error a student or instructor sees when a formula cannot be drawn. */
import { UserFacingError } from '../errors.ts';

/** Where in the TeX source a problem was found (0-based character offset and length). */
export interface TexLocation {
  /** 0-based offset of the first offending character. */
  readonly position: number;
  /** How many characters the offending token spans. */
  readonly length: number;
}

const CONTEXT_CHARS = 12;

/** A formula that was refused or could not be read; the message says what is wrong and where. */
export class TexError extends UserFacingError {
  constructor(
    message: string,
    /** The TeX that was refused (possibly cut for display). */
    readonly tex: string,
    /** Where the problem is, when it is known. */
    readonly location?: TexLocation,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** Builds a TexError whose message names the reason and quotes the place it occurs. */
  static at(reason: string, tex: string, location?: TexLocation, options?: ErrorOptions): TexError {
    return new TexError(describe(reason, tex, location), tex, location, options);
  }
}

function describe(reason: string, tex: string, location?: TexLocation): string {
  const sentence = reason.endsWith('.') ? reason : `${reason}.`;
  if (!location) return `Cannot draw this formula: ${sentence}`;
  const start = Math.max(0, location.position - CONTEXT_CHARS);
  const end = Math.min(tex.length, location.position + Math.max(location.length, 1) + CONTEXT_CHARS);
  const before = (start > 0 ? '…' : '') + tex.slice(start, location.position);
  const token = tex.slice(location.position, location.position + Math.max(location.length, 1));
  const after = tex.slice(location.position + Math.max(location.length, 1), end) + (end < tex.length ? '…' : '');
  return `Cannot draw this formula: ${sentence} At character ${location.position + 1}: ${before}⟨${token}⟩${after}`;
}
