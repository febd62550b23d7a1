/** Recovers steps from an answer that ignored the Step format: numbered lists, headings, paragraphs. */
import type { DecisionLog } from './step-decisions.ts';
import type { SolutionStep } from './step.ts';
import { paragraphs } from './tex-text.ts';

const NUMBERED_ITEM = /^(?:[ \t]*)(\d+)[.)][ \t]+/gm;
const HEADING = /^[ \t]*#{1,6}[ \t]+.+$/gm;
const FINAL_SECTION = /^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*)?[ \t]*(?:Final Answer|Answer)\b[^\n]*$[\s\S]*/im;
const MERGE_BELOW_CHARS = 80;
/** A chunk that is only a short heading, e.g. "**Solution:**" or "**Step-by-Step Explanation:**". */
const BARE_HEADING = /^(?:\*\*|#{1,6}\s*)?[\w\s-]{1,40}:?(?:\*\*)?:?$/;
/** Colon-ended lines that introduce math rather than name a step. */
const NOT_A_NUDGE = /^(?:where|so|thus|then|hence|therefore|simplifying|this gives|we get|given|plugging|substituting|expanding)\b/i;
/** A lead-in that only introduces what follows ("The coordinates of each student are:"): no hint on its own. */
const INTRODUCES = /\b(?:is|are|as follows|follows|be|by|gives|from the graph)\s*$/i;
const MIN_NUDGE_WORDS = 3;

/** Steps from R1's answer text when it did not use Step headings; may be empty. */
export function stepsFromProse(answerText: string, log?: DecisionLog): SolutionStep[] {
  const finalSection = FINAL_SECTION.exec(answerText)?.[0].trim();
  if (finalSection) log?.push({ action: 'dropped', text: finalSection, reason: 'the final-answer section: the answer rung states it' });
  const body = answerText.replace(FINAL_SECTION, '').trim();
  const marked = splitOn(body, NUMBERED_ITEM) ?? splitOn(body, HEADING);
  const pieces = marked ?? paragraphs(body);
  const chunks = pieces.filter((piece) => {
    // A paragraph that only restates the boxed answer is the answer rung's job.
    const reason = /^[$\s]*\\boxed\s*\{[^]*\}[$\s.]*$/.test(piece) ? 'only restates the boxed answer' : BARE_HEADING.test(piece) ? 'a bare heading' : undefined;
    if (reason) log?.push({ action: 'dropped', text: piece, reason });
    return reason === undefined;
  });
  // Steps R1 numbered or headed stay R1's steps; only loose paragraphs are merged when short.
  return marked ? chunks.map(toStep) : mergeShort(chunks.map(toStep), log);
}

/** Splits at each match of `marker` (the text before the first is dropped as preamble). */
function splitOn(text: string, marker: RegExp): string[] | undefined {
  const starts = [...text.matchAll(marker)].map((match) => match.index ?? 0);
  if (starts.length < 2) return undefined;
  return starts.map((start, index) => text.slice(start, starts[index + 1] ?? text.length).trim());
}

/** A step whose first line is a bold or colon-ended instruction gets that line as its nudge. */
function toStep(chunk: string): SolutionStep {
  const work = chunk.replace(/^\d+[.)][ \t]+/, '').trim();
  const firstLine = work.split('\n')[0] ?? '';
  const lead = /^\*\*(.+?)\*\*[:.]?/.exec(firstLine)?.[1] ?? (/:\s*$/.test(firstLine) ? firstLine.replace(/:\s*$/, '') : undefined);
  const isNudge = lead && !/=/.test(lead) && lead.length < 160 && !NOT_A_NUDGE.test(lead) && !INTRODUCES.test(lead.replace(/[:.]\s*$/, '')) && lead.split(/\s+/).length >= MIN_NUDGE_WORDS;
  if (lead && isNudge) return { nudge: `${lead.replace(/[:.]$/, '').trim()}.`, work };
  return { work };
}

function mergeShort(steps: SolutionStep[], log?: DecisionLog): SolutionStep[] {
  const merged: SolutionStep[] = [];
  for (const step of steps) {
    const previous = merged.at(-1);
    if (previous && !step.nudge && previous.work.length < MERGE_BELOW_CHARS) {
      log?.push({ action: 'merged', texts: [previous.work, step.work], reason: `a step under ${MERGE_BELOW_CHARS} characters joins the next one (which has no nudge of its own)` });
      merged[merged.length - 1] = { nudge: previous.nudge, work: `${previous.work}\n\n${step.work}` };
    } else {
      merged.push(step);
    }
  }
  return merged;
}
