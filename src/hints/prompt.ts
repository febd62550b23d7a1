/** The solve prompt: a template in prompts/ whose hash versions the ladder cache. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const TEMPLATE_URL = new URL('../../prompts/solve.md', import.meta.url);

/** A loaded prompt template. */
export interface PromptTemplate {
  /** Short hash of the template text: editing the prompt invalidates cached ladders. */
  readonly version: string;
  /** The template with the problem filled in. */
  render(problem: string): string;
}

/** Reads the solve template from prompts/solve.md. */
export function loadSolvePrompt(): PromptTemplate {
  return createPromptTemplate(readFileSync(TEMPLATE_URL, 'utf8'));
}

/** A template over `{{placeholder}}` text. */
export function createPromptTemplate(text: string): PromptTemplate {
  const version = createHash('sha256').update(text).digest('hex').slice(0, 12);
  // A function replacer, so `$&` and friends in a problem are not treated as patterns.
  return { version, render: (problem) => text.replace('{{problem}}', () => problem.trim()) };
}
