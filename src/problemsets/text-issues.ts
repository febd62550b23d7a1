/** Checks YAML can read but an instructor did not mean: TeX in double quotes, repeated problem ids. */
import { isScalar, Scalar } from 'yaml';
import type { ProblemSetIssue } from './problem-set-error.ts';
import type { SourceLocator, SourcePath } from './source-locator.ts';
import { formatPath } from './format-path.ts';

/** A TeX command (two or more letters after a backslash), which double quotes would turn into an escape. */
const TEX_COMMAND = /\\[a-z]{2}/;
const TEXT_FIELDS = ['statement', 'answer', 'topic'] as const;

/** Text fields written in double quotes with TeX inside, where YAML reads `\frac` as a form feed. */
export function texInDoubleQuotes(problemCount: number, text: string, locator: SourceLocator): ProblemSetIssue[] {
  const paths: SourcePath[] = [['title'], ['description']];
  for (let index = 0; index < problemCount; index++) {
    for (const field of TEXT_FIELDS) paths.push(['problems', index, field]);
    const hints = locator.nodeAt(['problems', index, 'hints']) as { items?: unknown[] } | undefined;
    hints?.items?.forEach((_, hint) => paths.push(['problems', index, 'hints', hint]));
  }
  return paths.flatMap((path) => {
    const node = locator.nodeAt(path);
    if (!isScalar(node) || node.type !== Scalar.QUOTE_DOUBLE || !node.range) return [];
    if (!TEX_COMMAND.test(text.slice(node.range[0], node.range[1]))) return [];
    const name = typeof path[path.length - 1] === 'number' ? 'hints' : String(path[path.length - 1]);
    const message = `"${name}" has TeX in "double quotes", where YAML reads a backslash as an escape (\\frac becomes a form feed): use 'single quotes' or a "|" block instead`;
    return [{ ...locator.locate(path), path: formatPath(path), message }];
  });
}

/** Every problem id used a second time, pointing at the repeat. */
export function duplicateIds(problems: readonly unknown[], locator: SourceLocator): ProblemSetIssue[] {
  const firstLine = new Map<string, number>();
  const issues: ProblemSetIssue[] = [];
  problems.forEach((problem, index) => {
    const id = (problem as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return;
    const path = ['problems', index, 'id'];
    const here = locator.locate(path);
    const first = firstLine.get(id);
    if (first === undefined) firstLine.set(id, here.line);
    else issues.push({ ...here, path: formatPath(path), message: `problem id "${id}" is already used on line ${first}: give each problem its own id, e.g. id: ${id}-2` });
  });
  return issues;
}
