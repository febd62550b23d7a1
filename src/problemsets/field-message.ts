/** The sentences that say what is wrong with one field and what to write instead. */

/** The part of a zod issue a message needs: the value that was read, if any. */
export interface FieldInput {
  /** What the file held at that key (undefined when the key is missing). */
  readonly input?: unknown;
}

/** Builds a zod error function: "is missing: add …", "is empty: write …" or "must be …: write …". */
export function fieldError(name: string, expected: string, example: (input: unknown) => string) {
  return (issue: FieldInput): string => {
    const { input } = issue;
    if (input === undefined) return `"${name}" is missing: add ${example(input)}`;
    if (input === null || input === '') return `"${name}" is empty: write ${example(input)}`;
    return `"${name}" must be ${expected} (got ${describeInput(input)}): write ${example(input)}`;
  };
}

/** A short description of a value read from YAML, for "(got …)". */
export function describeInput(input: unknown): string {
  if (Array.isArray(input)) return 'a list';
  if (input !== null && typeof input === 'object') return 'a mapping of keys';
  if (typeof input === 'string') return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input);
  return String(input);
}

/** The slug nearest to `input`, for "write id: …" (e.g. "Problem 1" -> "problem-1"). */
export function slugify(input: unknown, fallback: string): string {
  if (typeof input !== 'string' && typeof input !== 'number') return fallback;
  const slug = String(input)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || fallback;
}
