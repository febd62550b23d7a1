/** YAML syntax errors as issues that say, in an instructor's terms, what to write instead. */
import type { YAMLError } from 'yaml';
import type { ProblemSetIssue } from './problem-set-error.ts';
import type { SourceLocator } from './source-locator.ts';

const QUOTE_OR_BLOCK = 'put the text in quotes, or start a block with "|" and write the text on the next lines, indented';

/** Advice for the YAML mistakes people make in hand-written sets, by yaml's error code. */
const ADVICE: Readonly<Partial<Record<YAMLError['code'], string>>> = {
  BLOCK_AS_IMPLICIT_KEY: `this line has a ": " inside a value, which YAML reads as a new key: ${QUOTE_OR_BLOCK}`,
  MULTILINE_IMPLICIT_KEY: `a value runs over several lines without quotes: ${QUOTE_OR_BLOCK}`,
  TAB_AS_INDENT: 'a tab is used for indentation: indent with spaces only',
  BAD_DQ_ESCAPE: 'in "double quotes" a backslash starts an escape, so TeX such as \\sqrt breaks: use \'single quotes\' or a "|" block',
  BAD_INDENT: 'the indentation is off: keys of one problem line up under each other, and each problem starts with "- " under "problems:"',
  MULTIPLE_DOCS: 'one problem set per file: remove the second "---" or split the file',
  UNEXPECTED_TOKEN: `YAML did not expect this here: if it is part of a text, ${QUOTE_OR_BLOCK}`,
  BAD_SCALAR_START: `a plain value cannot start with this character: ${QUOTE_OR_BLOCK}`,
};

/** Turns yaml's errors into located issues. */
export function syntaxIssues(errors: readonly YAMLError[], text: string, locator: SourceLocator): ProblemSetIssue[] {
  return errors.map((error) => {
    const { line, column } = locator.position(error.pos[0]);
    return { line, column, path: '', message: adviceFor(error, text) };
  });
}

function adviceFor(error: YAMLError, text: string): string {
  if (error.code === 'DUPLICATE_KEY') {
    const key = /^[^\s:]+/.exec(text.slice(error.pos[0]))?.[0] ?? 'this key';
    return `"${key}" appears twice in the same mapping: keep one (a second problem needs its own "- id:")`;
  }
  const detail = error.message.split('\n')[0] ?? error.message;
  const advice = ADVICE[error.code];
  return advice ? `YAML syntax: ${advice} (${detail})` : `YAML syntax: ${detail}`;
}
