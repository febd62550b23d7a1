/** The zod schema of a problem-set file, with a message on every field that says what to write instead. */
import { z } from 'zod';
import { describeInput, fieldError, slugify, type FieldInput } from './field-message.ts';
import { GATE_CHOICES, parseGate } from './gate-text.ts';
import {
  MAX_ANSWER_CHARS,
  MAX_AUTHORED_HINTS,
  MAX_DESCRIPTION_CHARS,
  MAX_HINT_CHARS,
  MAX_NAME_CHARS,
  MAX_PROBLEMS,
  MAX_STATEMENT_CHARS,
} from './problem-set-limits.ts';

const SLUG = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const FALSE_WORDS = /^(false|no|off|n)$/i;

const tooLong = (name: string, limit: number) => (issue: FieldInput) =>
  `"${name}" is ${typeof issue.input === 'string' ? issue.input.length : 'over'} characters; the limit is ${limit}: shorten it`;

function slug(name: string, fallback: string) {
  const error = fieldError(name, 'a short name of lowercase letters, digits and dashes', (input) => `${name}: ${slugify(input, fallback)}`);
  return z.string({ error }).max(MAX_NAME_CHARS, { error: tooLong(name, MAX_NAME_CHARS) }).regex(SLUG, { error });
}

function text(name: string, limit: number, example: string) {
  const error = fieldError(name, 'text', () => `${name}: ${example}`);
  return z.string({ error }).trim().min(1, { error }).max(limit, { error: tooLong(name, limit) });
}

function flag(name: string) {
  return z.boolean({ error: fieldError(name, 'true or false', (input) => `${name}: ${FALSE_WORDS.test(String(input)) ? 'false' : 'true'}`) });
}

function wholeNumber(name: string, example: number) {
  const suggest = (input: unknown) => {
    const value = Number(input);
    return `${name}: ${typeof input !== 'boolean' && Number.isFinite(value) && value >= 0 ? Math.round(value) : example}`;
  };
  const error = fieldError(name, 'a whole number, 0 or more', suggest);
  return z.number({ error }).int({ error }).min(0, { error });
}

function gate(name: string) {
  return z.unknown().transform((input, context) => {
    const parsed = typeof input === 'string' ? parseGate(input) : undefined;
    if (parsed) return parsed;
    const example = input === true ? 'always' : input === false ? 'never' : 'after 3 attempts';
    const wrong = input === null ? 'is empty' : `must be ${GATE_CHOICES} (got ${describeInput(input)})`;
    context.addIssue({ code: 'custom', input, message: `"${name}" ${wrong}: write ${name}: ${example}` });
    return z.NEVER;
  });
}

const hintCap = z.union([z.literal('unlimited'), wholeNumber('maxHints', 3)], {
  error: fieldError('maxHints', 'a whole number, 0 or more, or "unlimited"', () => 'maxHints: 3'),
});

const policySchema = z.strictObject(
  {
    revealAnswer: gate('revealAnswer').optional(),
    showReasoning: gate('showReasoning').optional(),
    maxHints: hintCap.optional(),
    attemptBeforeNextHint: flag('attemptBeforeNextHint').optional(),
    hintCooldownSeconds: wholeNumber('hintCooldownSeconds', 30).optional(),
    conversation: flag('conversation').optional(),
  },
  { error: mappingError('"policy" must be a mapping of policy keys, one per line, e.g. "  revealAnswer: after 3 attempts"') },
);

const answerError = (issue: FieldInput): string =>
  typeof issue.input === 'object' && issue.input !== null
    ? '"answer" must be text, but YAML read its brackets as YAML syntax: put it in quotes, e.g. answer: "{-2, 3}"'
    : fieldError('answer', 'text', () => 'answer: <the reference answer>')(issue);

const problemSchema = z.strictObject(
  {
    id: slug('id', 'problem-1'),
    statement: text('statement', MAX_STATEMENT_CHARS, 'Solve $2x + 3 = 7$.'),
    answer: z.string({ error: answerError }).trim().min(1, { error: answerError }).max(MAX_ANSWER_CHARS, { error: tooLong('answer', MAX_ANSWER_CHARS) }),
    ordered: flag('ordered').optional(),
    requireForm: flag('requireForm').optional(),
    allowDecimal: flag('allowDecimal').optional(),
    unitsRequired: flag('unitsRequired').optional(),
    hints: z
      .array(text('hints', MAX_HINT_CHARS, '"First hint"'), { error: fieldError('hints', 'a list, one hint per line starting with "- "', () => 'hints: ["First hint", "Second hint"]') })
      .max(MAX_AUTHORED_HINTS, { error: `"hints" has more than ${MAX_AUTHORED_HINTS} hints: keep the ${MAX_AUTHORED_HINTS} that matter most` })
      .optional(),
    topic: text('topic', MAX_NAME_CHARS, 'linear equations').optional(),
    policy: policySchema.optional(),
  },
  { error: mappingError('each problem must be a mapping of keys, starting with "- id: <problem id>"') },
);

/** The whole file. */
export const problemSetFileSchema = z.strictObject(
  {
    id: slug('id', 'algebra-week-1'),
    title: text('title', MAX_NAME_CHARS, 'Algebra, week 1'),
    description: text('description', MAX_DESCRIPTION_CHARS, 'Practice before Friday’s quiz.').optional(),
    policy: policySchema.optional(),
    problems: z
      .array(problemSchema, { error: fieldError('problems', 'a list of problems, each starting with "- id:"', () => 'problems: followed by one "- id: <problem id>" per problem') })
      .min(1, { error: '"problems" has no problems: add at least one, starting with "- id: <problem id>"' })
      .max(MAX_PROBLEMS, { error: `"problems" has more than ${MAX_PROBLEMS} problems: split the set into several files` }),
  },
  { error: mappingError('the file must be a mapping with id, title, policy and problems (see the example in the README)') },
);

/** A file that passed the schema (answers already read as text). */
export type ProblemSetFile = z.infer<typeof problemSetFileSchema>;

/** The keys allowed at each level, for "did you mean …?". */
export const ALLOWED_KEYS = {
  set: Object.keys(problemSetFileSchema.shape),
  problem: Object.keys(problemSchema.shape),
  policy: Object.keys(policySchema.shape),
} as const;

function mappingError(message: string) {
  return (issue: FieldInput & { readonly code?: string }): string | undefined => {
    if (issue.code !== 'invalid_type') return undefined;
    return issue.input === undefined ? message : `${message} (got ${describeInput(issue.input)})`;
  };
}
