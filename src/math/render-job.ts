/**
 * The work a render thread does, and how its results and errors cross a thread boundary. Only
 * types and error plumbing live here, so the pool's side never loads MathJax (run-render-job.ts
 * does the drawing).
 */
import type { FormulaOutcome } from './draw-card.ts';
import type { FormulaSvg } from './mathjax-drawer.ts';
import { TexError, type TexLocation } from './tex-error.ts';
import { UserFacingError } from '../errors.ts';

/** One unit of drawing work. */
export type RenderJob =
  | { readonly kind: 'formula'; readonly tex: string; readonly display: boolean }
  | { readonly kind: 'formulaSvg'; readonly tex: string; readonly display: boolean }
  | { readonly kind: 'card'; readonly markdown: string; readonly formulas: readonly FormulaOutcome[] };

/** What a job produced. */
export type JobOutput =
  | { readonly kind: 'image'; readonly png: Uint8Array; readonly width: number; readonly height: number; readonly altText: string; readonly warnings: string[] }
  | { readonly kind: 'formulaSvg'; readonly formula: FormulaSvg };

/** An error flattened for postMessage. */
export interface SerializedError {
  /** Which class to rebuild. */
  readonly kind: 'tex' | 'userFacing' | 'other';
  /** The error's message. */
  readonly message: string;
  /** The refused TeX, for TexError. */
  readonly tex?: string;
  /** Where the problem is, for TexError. */
  readonly location?: TexLocation;
}

/** Flattens an error for postMessage. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof TexError) {
    return { kind: 'tex', message: error.message, tex: error.tex, ...(error.location ? { location: error.location } : {}) };
  }
  if (error instanceof UserFacingError) return { kind: 'userFacing', message: error.message };
  return { kind: 'other', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

/** Rebuilds an error that crossed a thread boundary. */
export function deserializeError(error: SerializedError): Error {
  if (error.kind === 'tex') return new TexError(error.message, error.tex ?? '', error.location);
  if (error.kind === 'userFacing') return new UserFacingError(error.message);
  return new Error(`Rendering failed in a worker: ${error.message}`);
}
