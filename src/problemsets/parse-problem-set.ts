/** Reads a problem-set file: YAML, then the schema, then cross-checks; refuses it whole with every issue located. */
import { isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { MAX_FILE_BYTES } from './problem-set-limits.ts';
import { ProblemSetError, type ProblemSetIssue } from './problem-set-error.ts';
import { problemSetFileSchema } from './problem-set-schema.ts';
import type { ProblemSet } from './problem-set.ts';
import { schemaIssues } from './schema-issues.ts';
import { SourceLocator } from './source-locator.ts';
import { syntaxIssues } from './syntax-issues.ts';
import { duplicateIds, texInDoubleQuotes } from './text-issues.ts';
import { toProblemSet } from './to-problem-set.ts';

/** Anchors and aliases may be reused, but not expanded into a "billion laughs". */
const MAX_ALIAS_COUNT = 100;
const BYTES_PER_KB = 1024;
/** yaml reports a repeated key without losing the file's shape; every other error may. */
const SHAPE_KEEPING_ERRORS = new Set(['DUPLICATE_KEY']);

/** Validates `text` as a problem set; throws ProblemSetError listing every issue when it is not one. */
export function parseProblemSet(text: string): ProblemSet {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_FILE_BYTES) {
    const size = `${Math.ceil(bytes / BYTES_PER_KB)} KB`;
    throw new ProblemSetError([{ line: 1, column: 1, path: '', message: `the file is ${size}; the limit is ${MAX_FILE_BYTES / BYTES_PER_KB} KB: split it into several sets` }]);
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const locator = new SourceLocator(document, lineCounter);
  const syntax = syntaxIssues(document.errors, text, locator);
  if (document.contents === null && syntax.length === 0) {
    throw new ProblemSetError([{ line: 1, column: 1, path: '', message: 'the file is empty: start with "id:", "title:", "policy:" and "problems:" (see the example in the README)' }]);
  }
  const data = readData(document, text);
  if (data instanceof Error) throw new ProblemSetError([...syntax, { line: 1, column: 1, path: '', message: data.message }]);
  const parsed = problemSetFileSchema.safeParse(data);
  const problems = problemsOf(data);
  const content = [
    ...(parsed.success ? [] : schemaIssues(parsed.error.issues, locator)),
    ...duplicateIds(problems, locator),
    ...texInDoubleQuotes(problems.length, text, locator),
  ];
  const issues = [...syntax, ...trustworthy(content, document, locator, problems.length)].sort((a, b) => a.line - b.line || a.column - b.column);
  if (issues.length > 0 || !parsed.success) throw new ProblemSetError(issues);
  return toProblemSet(parsed.data);
}

/** The file as plain data, with numbers written as ids or answers kept exactly as typed (`0.50` stays `0.50`). */
function readData(document: Document, text: string): unknown {
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return new Error(`the file's anchors and aliases expand too far (${(error as Error).message}): write the repeated parts out`);
  }
  keepSourceText(document, text, data, ['id']);
  problemsOf(data).forEach((problem, index) => {
    keepSourceText(document, text, problem, ['problems', index, 'id']);
    keepSourceText(document, text, problem, ['problems', index, 'answer']);
  });
  return data;
}

function keepSourceText(document: Document, text: string, holder: unknown, path: (string | number)[]): void {
  const node = document.getIn(path, true);
  const key = path[path.length - 1];
  if (!isScalar(node) || typeof node.value !== 'number' || !node.range || typeof key !== 'string') return;
  if (holder !== null && typeof holder === 'object') (holder as Record<string, unknown>)[key] = text.slice(node.range[0], node.range[1]);
}

function problemsOf(data: unknown): unknown[] {
  const problems = (data as { problems?: unknown } | null)?.problems;
  return Array.isArray(problems) ? problems : [];
}

/**
 * Where YAML could not read part of the file, what the schema says about that part is noise:
 * keep content issues only for problems untouched by a syntax error, or none if one hit the top level.
 */
function trustworthy(content: ProblemSetIssue[], document: Document, locator: SourceLocator, problemCount: number): ProblemSetIssue[] {
  const broken = document.errors.filter((error) => !SHAPE_KEEPING_ERRORS.has(error.code)).map((error) => error.pos[0]);
  if (broken.length === 0) return content;
  const problemRanges = Array.from({ length: problemCount }, (_, index) => (locator.nodeAt(['problems', index]) as { range?: [number, number, number] } | undefined)?.range);
  const brokenProblems = new Set<number>();
  for (const offset of broken) {
    const index = problemRanges.findIndex((range) => range !== undefined && offset >= range[0] && offset <= range[2]);
    if (index < 0) return [];
    brokenProblems.add(index);
  }
  return content.filter((issue) => {
    const index = /^problems\[(\d+)\]/.exec(issue.path)?.[1];
    return index === undefined || !brokenProblems.has(Number(index));
  });
}
