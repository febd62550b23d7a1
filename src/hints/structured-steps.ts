/** Parses the format prompts/solve.md asks for: "Step N", "Hint:", "Work:", "Final answer:". */
import type { SolutionStep } from './step.ts';

// "Step 1", "### Step 1:", "**Step 1.**", "**Step 1: Isolate x**" at the start of a line.
const STEP_HEADING = /^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?[ \t]*Step[ \t]+(\d+)\b[^\n]*$/gim;
const LABEL = /^[ \t]*(?:[-*][ \t]+)?(?:\*\*|__)?(Hint|Nudge|Work|Solution)[ \t]*(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?/gim;
const FINAL_LINE = /^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*)?[ \t]*Final answer\b[\s\S]*$/im;

/** The steps in R1's answer text, or undefined when it did not use Step headings. */
export function parseStructuredSteps(answerText: string): SolutionStep[] | undefined {
  const body = answerText.replace(FINAL_LINE, '');
  const headings = [...body.matchAll(STEP_HEADING)];
  if (headings.length === 0) return undefined;
  const steps: SolutionStep[] = [];
  headings.forEach((heading, index) => {
    const start = (heading.index ?? 0) + heading[0].length;
    const end = headings[index + 1]?.index ?? body.length;
    const title = headingTitle(heading[0]);
    const step = parseStepBody(body.slice(start, end), title);
    if (step) steps.push(step);
  });
  return steps.length > 0 ? steps : undefined;
}

function parseStepBody(text: string, title: string | undefined): SolutionStep | undefined {
  const labels = [...text.matchAll(LABEL)];
  if (labels.length === 0) {
    const work = text.trim();
    if (!work) return undefined;
    return { nudge: title, work };
  }
  let nudge: string | undefined;
  let work = '';
  labels.forEach((label, index) => {
    const start = (label.index ?? 0) + label[0].length;
    const end = labels[index + 1]?.index ?? text.length;
    const value = text.slice(start, end).trim();
    const name = label[1]?.toLowerCase();
    if (name === 'hint' || name === 'nudge') nudge = value || nudge;
    else work = [work, value].filter(Boolean).join('\n\n');
  });
  if (!work) return nudge ? { work: nudge } : undefined;
  return { nudge: nudge ?? title, work };
}

/** "**Step 2: Isolate $x$**" -> "Isolate $x$": the nudge when a step has no Hint: line. */
function headingTitle(heading: string): string | undefined {
  const title = heading
    .replace(/^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?[ \t]*Step[ \t]+\d+[ \t]*[:.)-]?/i, '')
    .replace(/(?:\*\*|__)[ \t]*$/, '')
    .replace(/^[ \t]*(?:\*\*|__)/, '')
    .trim();
  return title ? title.replace(/[:.]$/, '') : undefined;
}
