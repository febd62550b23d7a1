/**
 * Time this thread has spent reading font files, in ms. Fonts are read once each, when a character
 * needs them, so the first card in a new script pays for them: the in-process runner leaves that
 * out of a job's time budget, which bounds drawing work, not one-time loading (a render worker
 * tells its pool, which moves the job's deadline). No imports, so the calling thread can read it
 * without loading fontkit.
 */
let loadingMs = 0;
const listeners = new Set<(ms: number) => void>();

/** Calls `listener` with each font's reading time, as it is read. */
export function onFontLoading(listener: (ms: number) => void): void {
  listeners.add(listener);
}

/** Milliseconds spent reading fonts so far. */
export function fontLoadingMs(): number {
  return loadingMs;
}

/** Adds the time one font took to read. */
export function addFontLoadingMs(ms: number): void {
  loadingMs += ms;
  for (const listener of listeners) listener(ms);
}
