import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, parseProblemSet, ProblemSetError, type ProblemSetIssue } from '../../src/index.ts';

function issuesOf(text: string): ProblemSetIssue[] {
  try {
    parseProblemSet(text);
  } catch (error) {
    if (error instanceof ProblemSetError) return [...error.issues];
    throw error;
  }
  throw new Error('expected the file to be refused');
}

const positions = (issues: ProblemSetIssue[]) => issues.map(({ line, column, path }) => ({ line, column, path }));

const SEVERAL_MISTAKES = `id: Algebra 1
title: Algebra
policy:
  revealAnswer: after three tries
  maxhints: 3
problems:
  - id: p1
    statement: Solve $x + 1 = 2$.
    anwser: 1
  - id: p2
    statement: Simplify.
  - id: p3
    statement: Factor $x^2 - 1$.
    answer:
    ordered: yes
    policy:
      showReasoning: sometimes
`;

describe('parseProblemSet refuses a bad file whole', () => {
  it('lists every mistake at once with its exact line and column', () => {
    const issues = issuesOf(SEVERAL_MISTAKES);
    expect(positions(issues)).toEqual([
      { line: 1, column: 5, path: 'id' },
      { line: 4, column: 17, path: 'policy.revealAnswer' },
      { line: 5, column: 3, path: 'policy.maxhints' },
      { line: 9, column: 5, path: 'problems[0].anwser' },
      { line: 10, column: 5, path: 'problems[1].answer' },
      { line: 14, column: 5, path: 'problems[2].answer' },
      { line: 15, column: 14, path: 'problems[2].ordered' },
      { line: 17, column: 22, path: 'problems[2].policy.showReasoning' },
    ]);
  });

  it('says what to write instead, in one readable message', () => {
    let message = '';
    try {
      parseProblemSet(SEVERAL_MISTAKES);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('This problem set has 8 issues to fix; nothing was saved:');
    expect(message).toContain('- line 1, column 5: "id" must be a short name of lowercase letters, digits and dashes (got "Algebra 1"): write id: algebra-1');
    expect(message).toContain('- line 5, column 3 (policy): unknown key "maxhints": did you mean "maxHints"?');
    expect(message).toContain('- line 9, column 5 (problems[0]): unknown key "anwser": did you mean "answer"?');
    expect(message).toContain('- line 10, column 5 (problems[1]): "answer" is missing: add answer: <the reference answer>');
    expect(message).toContain('- line 14, column 5 (problems[2]): "answer" is empty: write answer: <the reference answer>');
    expect(message).toContain('"ordered" must be true or false (got "yes"): write ordered: true');
  });

  it('explains a wrong policy string and offers the accepted forms', () => {
    const [issue] = issuesOf(SEVERAL_MISTAKES).filter((found) => found.path === 'policy.revealAnswer');
    expect(issue?.message).toBe(
      '"revealAnswer" must be "always", "never", "after solved", "after N attempts" (e.g. "after 3 attempts"), "after trying" (an attempt or every hint) or "after answer" (got "after three tries"): write revealAnswer: after 3 attempts',
    );
  });

  it('points at the second use of a repeated problem id', () => {
    const issues = issuesOf('id: s\ntitle: T\nproblems:\n  - id: p1\n    statement: a\n    answer: 1\n  - id: p1\n    statement: b\n    answer: 2\n');
    expect(issues).toEqual([
      { line: 7, column: 9, path: 'problems[1].id', message: 'problem id "p1" is already used on line 4: give each problem its own id, e.g. id: p1-2' },
    ]);
  });

  it('reports a YAML syntax error with its position and how to fix it, and still checks the other problems', () => {
    const text = 'id: s\ntitle: T\nproblems:\n  - id: p1\n    statement: Solve: x^2 = 4\n    answer: 2\n  - id: p2\n    statement: ok\n';
    const issues = issuesOf(text);
    expect(positions(issues)).toEqual([
      { line: 5, column: 16, path: '' },
      { line: 7, column: 5, path: 'problems[1].answer' },
    ]);
    expect(issues[0]?.message).toContain('this line has a ": " inside a value, which YAML reads as a new key: put the text in quotes');
  });

  it('tells a tab from spaces and a repeated key from a new problem', () => {
    expect(issuesOf('id: s\ntitle: T\nproblems:\n\t- id: p1\n')[0]).toMatchObject({ line: 4, column: 1, message: expect.stringContaining('indent with spaces only') });
    const repeated = issuesOf('id: s\ntitle: T\nproblems:\n  - id: p1\n    statement: a\n    answer: 1\n    answer: 2\n');
    expect(repeated).toEqual([{ line: 7, column: 5, path: '', message: '"answer" appears twice in the same mapping: keep one (a second problem needs its own "- id:")' }]);
  });

  it('suggests the policy block for a policy key written on a problem', () => {
    const issues = issuesOf('id: s\ntitle: T\nproblems:\n  - id: p1\n    statement: a\n    answer: 1\n    maxHints: 2\n');
    expect(issues).toEqual([{ line: 7, column: 5, path: 'problems[0].maxHints', message: '"maxHints" is a policy setting: move it under "policy:", indented one step further' }]);
  });

  it('catches TeX in double quotes, where YAML would turn \\frac into a form feed', () => {
    const issues = issuesOf('id: s\ntitle: T\nproblems:\n  - id: p1\n    statement: "Simplify $\\frac{2}{4}$"\n    answer: 1/2\n');
    expect(positions(issues)).toEqual([{ line: 5, column: 16, path: 'problems[0].statement' }]);
    expect(issues[0]?.message).toContain("use 'single quotes' or a \"|\" block");
  });

  it('asks for quotes when YAML reads a set answer as a mapping', () => {
    const issues = issuesOf('id: s\ntitle: T\nproblems:\n  - id: p1\n    statement: a\n    answer: {-2, 3}\n');
    expect(issues[0]?.message).toBe('"answer" must be text, but YAML read its brackets as YAML syntax: put it in quotes, e.g. answer: "{-2, 3}"');
  });

  it('refuses an empty file, an empty problem list and an oversized file, naming the limit', () => {
    expect(issuesOf('')[0]?.message).toContain('the file is empty');
    expect(issuesOf('id: s\ntitle: T\nproblems: []\n')[0]).toMatchObject({ line: 3, column: 11, message: expect.stringContaining('"problems" has no problems') });
    const huge = `id: s\ntitle: T\n# ${'x'.repeat(MAX_FILE_BYTES)}\n`;
    expect(issuesOf(huge)).toEqual([{ line: 1, column: 1, path: '', message: 'the file is 257 KB; the limit is 256 KB: split it into several sets' }]);
  });
});

describe('parseProblemSet reads a good file', () => {
  it('keeps numeric answers exactly as written and only the options the file set', () => {
    const set = parseProblemSet(`id: s\ntitle: T\nproblems:\n  - id: 1\n    statement: 'Half of $1$, as a decimal.'\n    answer: 0.50\n    requireForm: false\n    hints: [Think of money.]\n`);
    expect(set).toEqual({
      id: 's',
      title: 'T',
      policy: {},
      problems: [{ id: '1', statement: 'Half of $1$, as a decimal.', answer: '0.50', answerOptions: { requireForm: false }, hints: ['Think of money.'], policy: {} }],
    });
  });

  it('turns policy words into engine gates, including "after 1 attempt" and "unlimited"', () => {
    const set = parseProblemSet(
      'id: s\ntitle: T\npolicy:\n  revealAnswer: After 1 attempt\n  showReasoning: after solved\n  maxHints: 2\nproblems:\n  - id: p\n    statement: a\n    answer: 1\n    policy: { revealAnswer: never, showReasoning: always, maxHints: unlimited, hintCooldownSeconds: 30 }\n',
    );
    expect(set.policy).toEqual({ revealAnswer: { when: 'after-attempts', attempts: 1 }, showReasoning: { when: 'after-solved' }, maxHints: 2 });
    expect(set.problems[0]?.policy).toEqual({ revealAnswer: { when: 'never' }, showReasoning: { when: 'always' }, maxHints: 'unlimited', hintCooldownSeconds: 30 });
  });
});
