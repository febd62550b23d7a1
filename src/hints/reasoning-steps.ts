/**
 * Recovers steps from R1's chain of thought when its answer text has none: keeps the forward
 * work, drops restatements, self-checks, restarts and "Wait, ..." detours, merges fragments.
 */
import type { DecisionLog } from './step-decisions.ts';
import { leaksAnswer } from './leak-guard.ts';
import type { SolutionStep } from './step.ts';
import { paragraphs } from './tex-text.ts';

const DETOUR = /^(?:wait|hmm+|but wait|hold on|oh,? wait|no,? wait|actually|alternatively|let me (?:double[- ]?check|check|verify|confirm|recheck|re-?examine|make sure|see if|think again)|double[- ]?check|just to (?:be sure|confirm|make sure|double[- ]?check)|to (?:verify|check|confirm)|yes[,.!]|yep|yeah|ok(?:ay)?,? (?:that|so that)|that (?:seems|makes sense|checks out)|i think (?:that's|this is)|so,? (?:yeah|yes)|another way|is there another)\b/i;
const RESTATEMENT = /^(?:okay|ok|alright|all right|so,? i (?:need|have)|let'?s see|i need to|the problem (?:says|is asking))\b/i;
const FILLER = /^(?:okay|ok|alright|all right|so|hmm|now|well|then|right)[,.]?\s+/i;
const MIN_STEP_CHARS = 120;
const MATHY = /[=+\-*/^×÷<>]|\d|\\[a-z]+/i;

/** Steps from the reasoning, cut off once the reasoning first reaches `finalAnswer`. */
export function stepsFromReasoning(reasoning: string, finalAnswer: string | undefined, problem = '', log?: DecisionLog): SolutionStep[] {
  const kept: string[] = [];
  const all = paragraphs(reasoning);
  for (const [index, whole] of all.entries()) {
    const paragraph = index === 0 ? dropRestatement(whole) : whole;
    if (paragraph !== whole) log?.push({ action: 'dropped', text: paragraph ? whole.slice(0, Math.max(whole.indexOf(paragraph.slice(0, 30)), 0)).trim() : whole, reason: 'restates the problem' });
    if (!paragraph) continue;
    if (DETOUR.test(paragraph)) {
      log?.push({ action: 'dropped', text: paragraph, reason: 'self-check or detour ("Wait", "let me check", ...)' });
      continue;
    }
    if (quotesProblem(paragraph, problem)) {
      log?.push({ action: 'dropped', text: paragraph, reason: 'restates the problem' });
      continue;
    }
    if (!MATHY.test(paragraph)) {
      log?.push({ action: 'dropped', text: paragraph, reason: 'monologue with no math in it' });
      continue;
    }
    kept.push(paragraph.replace(FILLER, '').replace(/^\w/, (first) => first.toUpperCase()));
    // What follows the first arrival at the answer is checking, not solving.
    if (finalAnswer && leaksAnswer(paragraph, finalAnswer, problem)) {
      for (const rest of all.slice(index + 1)) log?.push({ action: 'dropped', text: rest, reason: 'after the reasoning first reached the answer (checking, not solving)' });
      break;
    }
  }
  return mergeFragments(kept, (piece) => finalAnswer !== undefined && leaksAnswer(piece, finalAnswer, problem), log).map((work) => ({ work }));
}

/** "Okay, so I need to solve 2x+3=7. First, ..." -> "First, ...": the opening restates the problem. */
function dropRestatement(paragraph: string): string {
  const sentences = paragraph.split(/(?<=[.!?])\s+/);
  while (sentences.length > 0 && RESTATEMENT.test(sentences[0] ?? '')) sentences.shift();
  return sentences.join(' ').trim();
}

/** Joins short pieces to the next one, except into the piece that reaches the answer. */
function mergeFragments(pieces: string[], reachesAnswer: (piece: string) => boolean, log?: DecisionLog): string[] {
  const merged: string[] = [];
  for (const piece of pieces) {
    const last = merged.at(-1);
    if (last !== undefined && last.length < MIN_STEP_CHARS && !reachesAnswer(piece)) {
      log?.push({ action: 'merged', texts: [last, piece], reason: `a fragment under ${MIN_STEP_CHARS} characters joins the next piece` });
      merged[merged.length - 1] = `${last}\n\n${piece}`;
    } else {
      merged.push(piece);
    }
  }
  return merged;
}

/** Letters and digits only, for comparing a paragraph with the problem. */
const lettersOf = (text: string) => text.toLowerCase().replace(/\\[a-z]+/g, '').replace(/[^a-z0-9]+/g, '');
const QUOTE_WINDOW = 24;
const QUOTED_SHARE = 0.6;

/** Whether most of `paragraph` is the problem statement copied out ("We are given: \"Let $p(x)$ be ...\""). */
function quotesProblem(paragraph: string, problem: string): boolean {
  const text = lettersOf(paragraph);
  const source = lettersOf(problem);
  if (text.length < QUOTE_WINDOW * 2 || source.length < QUOTE_WINDOW) return false;
  let windows = 0;
  let quoted = 0;
  for (let at = 0; at + QUOTE_WINDOW <= text.length; at += QUOTE_WINDOW / 3) {
    windows++;
    if (source.includes(text.slice(at, at + QUOTE_WINDOW))) quoted++;
  }
  return quoted / windows >= QUOTED_SHARE;
}
