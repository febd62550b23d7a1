/** zod's findings as located issues; unknown keys get "did you mean …?". */
import type { z } from 'zod';
import { formatPath } from './format-path.ts';
import type { ProblemSetIssue } from './problem-set-error.ts';
import { ALLOWED_KEYS } from './problem-set-schema.ts';
import type { SourceLocator, SourcePath } from './source-locator.ts';
import { suggestKey } from './suggest-key.ts';

const ANSWER_CHECK_KEYS = ['ordered', 'requireForm', 'allowDecimal', 'unitsRequired'];

/**
 * One located issue per zod issue (one per key for unknown keys). A missing key is not reported
 * when a misspelling of it is: "did you mean "answer"?" already says what to do.
 */
export function schemaIssues(issues: readonly z.core.$ZodIssue[], locator: SourceLocator): ProblemSetIssue[] {
  const misspelt = new Set<string>();
  const unknown = issues.flatMap((issue) => {
    if (issue.code !== 'unrecognized_keys') return [];
    return issue.keys.map((key) => {
      const { message, meant } = unknownKey(key, issue.path);
      if (meant) misspelt.add(formatPath([...issue.path, meant]));
      return { ...locator.locateKey(issue.path, key), path: formatPath([...issue.path, key]), message };
    });
  });
  const others = issues
    .filter((issue) => issue.code !== 'unrecognized_keys' && !misspelt.has(formatPath(issue.path)))
    .map((issue) => ({ ...locator.locate(issue.path), path: formatPath(issue.path), message: issue.message }));
  return [...unknown, ...others];
}

function unknownKey(key: string, parent: SourcePath): { message: string; meant?: string } {
  const level = parent.length === 0 ? 'set' : parent[parent.length - 1] === 'policy' ? 'policy' : 'problem';
  const allowed = ALLOWED_KEYS[level];
  const meant = suggestKey(key, allowed);
  if (meant) return { message: `unknown key "${key}": did you mean "${meant}"?`, meant };
  const policyKey = level === 'policy' ? undefined : suggestKey(key, ALLOWED_KEYS.policy);
  if (policyKey) return { message: `"${policyKey}" is a policy setting: move it under "policy:", indented one step further` };
  const checkKey = level === 'set' ? suggestKey(key, ANSWER_CHECK_KEYS) : undefined;
  if (checkKey) return { message: `"${checkKey}" belongs to each problem, not to the set: move it into the problems that need it` };
  const where = level === 'set' ? 'at the top of the file' : level === 'policy' ? 'in a policy' : 'in a problem';
  return { message: `unknown key "${key}": remove it; the keys allowed ${where} are ${allowed.join(', ')}` };
}
