/** Writes a path into the file the way a reader expects: `problems[2].policy.maxHints`. */
import type { SourcePath } from './source-locator.ts';

/** `['problems', 2, 'answer']` -> `problems[2].answer`. */
export function formatPath(path: SourcePath): string {
  return path.reduce<string>((text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${String(segment)}` : String(segment)), '');
}
