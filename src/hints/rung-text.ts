/**
 * Makes a rung worth reading: Markdown headings and bold lead-ins become short plain titles, R1's
 * first-person monologue ("Okay,", "Let me", "Hmm", "Wait", "I think", "That seems", "Alright") is
 * dropped or rewritten, and two rungs can be compared for saying the same thing.
 */
import { tidy } from './tex-text.ts';

/** Words that mark R1 talking to itself; no rung may contain them. */
const MONOLOGUE = /\b(?:okay|alright|all right|hmm+|wait|let me|i think|that seems)\b/i;

const MATH_SPAN = /\$\$[\s\S]+?\$\$|(?<!\\)\$(?:\\.|[^$\\\n])+?(?<!\\)\$/g;
const HAS_MATH = /\uE000|\d|[=+\-*/^]/;
const INTERJECTION = /^(?:(?:okay|ok|alright|all right|hmm+|wait|oh|but wait|hold on|well|right)\b[,.!:]*\s*)+(?:so,?\s+)?/i;
const FIRST_PERSON = /^(?:so,?\s+|now,?\s+|then,?\s+|first,?\s+|next,?\s+)?(?:let me|i need to|i have to|i should|i'll|i will|i can|i must|i want to|i'm going to|i am going to)\s+(?:just\s+|now\s+|quickly\s+)?/i;
const HEDGE = /^(?:so,?\s+)?i think(?: that)?,?\s+/i;
const SELF_TALK = /^(?:that seems|that makes sense|that's (?:correct|right|it)|seems (?:right|straightforward|correct)|yes|yep|yeah|i (?:remember|recall|know|guess|wonder|see|believe)|let'?s see|hmm|starting with the basics|first things first|right off the bat|let'?s (?:tackle|start|begin|break (?:it|this) down|think|interpret|figure)|we are asked|the problem (?:says|asks|is asking|gives|states))\b/i;
const STEP_PREFIX = /^(?:step\s+\d+\s*[:.)-]?\s*)/i;
const MAX_TITLE_CHARS = 80;

/** The rung text with titles made plain and monologue removed; may be empty. */
export function cleanRungText(text: string): string {
  const lines = text.split('\n').map(plainTitleLine);
  return tidy(dropMonologue(lines.join('\n')));
}

/** A nudge or title: one plain line without Markdown emphasis or a "Step N:" prefix. */
export function plainTitle(text: string): string {
  const title = text
    .replace(/^[ \t]*#{1,6}[ \t]*/, '')
    .replace(/\*\*|__/g, '')
    .trim()
    .replace(STEP_PREFIX, '')
    .replace(/\s*:\s*$/, '')
    .trim();
  return title.length > MAX_TITLE_CHARS ? `${title.slice(0, MAX_TITLE_CHARS - 1).replace(/\s+\S*$/, '')}…` : title;
}

/** Text reduced to letters and digits, for comparing what two rungs say. */
export function sayingOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/\\[a-z]+/g, ' ')
    .replace(/[^a-z0-9]+/g, '');
}

/** Whether `later` only repeats `earlier` (equal, or contained in it). */
export function repeats(earlier: string, later: string): boolean {
  const a = sayingOf(earlier);
  const b = sayingOf(later);
  return b.length > 0 && (a === b || (b.length >= 12 && a.includes(b)));
}

/** Removes a leading line or sentence of `work` that says what `lead` says (the nudge above it). */
export function withoutLead(work: string, lead: string): string {
  const key = sayingOf(lead);
  if (!key) return work;
  const [first = '', ...rest] = work.split('\n');
  if (sayingOf(first) === key) return rest.join('\n').trim();
  if (sayingOf(first).startsWith(key)) {
    const sentences = first.split(/(?<=[.!?:])\s+/);
    if (sayingOf(sentences[0] ?? '') === key) return [sentences.slice(1).join(' '), ...rest].join('\n').trim();
  }
  return work;
}

/** A heading or whole-line bold becomes a plain title; a bold lead-in becomes a title line. */
function plainTitleLine(line: string): string {
  const heading = /^[ \t]*#{1,6}[ \t]+(.+?)[ \t]*#*$/.exec(line);
  if (heading) return plainTitle(heading[1] ?? '');
  const bold = /^([ \t]*(?:[-*][ \t]+|\d+[.)][ \t]+)?)\*\*([^*]+?)\*\*[ \t]*:?[ \t]*(.*)$/.exec(line);
  if (!bold) return line;
  const [, marker = '', title = '', rest = ''] = bold;
  const plain = plainTitle(title);
  if (!rest.trim()) return `${marker}${plain}`;
  if (/^[:.]/.test(rest.trim()) || /[:.?]$/.test(title.trim())) return `${marker}${plain}${/[.?!]$/.test(plain) ? '' : ':'} ${rest.trim().replace(/^[:.]\s*/, '')}`;
  return `${marker}${plain}: ${rest.trim()}`;
}

/** Drops R1's self-talk sentence by sentence, keeping the mathematics it was about. */
function dropMonologue(text: string): string {
  let inDisplay = false;
  return text
    .split('\n')
    .map((line) => {
      const wasInDisplay = inDisplay;
      if ((line.match(/\$\$/g) ?? []).length % 2 === 1) inDisplay = !inDisplay;
      if (wasInDisplay || /^\s*\$\$/.test(line)) return line;
      const { masked, restore } = maskMath(line);
      const sentences = masked.split(/(?<=[.!?])\s+/);
      const kept = sentences.map(rewriteSentence).filter((sentence) => sentence.trim() !== '');
      return restore(kept.join(' '));
    })
    .join('\n');
}

function rewriteSentence(sentence: string): string {
  const indent = /^\s*(?:[-*]\s+|\d+[.)]\s+)?/.exec(sentence)?.[0] ?? '';
  const original = sentence.slice(indent.length);
  let body = original.replace(INTERJECTION, '');
  if (SELF_TALK.test(body) && !(HAS_MATH.test(body) && /^(?:the problem|we are asked)/i.test(body))) return '';
  if (HEDGE.test(body)) body = body.replace(HEDGE, '');
  if (FIRST_PERSON.test(body)) {
    const rest = body.replace(FIRST_PERSON, '');
    if (!HAS_MATH.test(rest) || /^(?:write|check|verify|see|think|make sure|double|recheck|confirm|figure)/i.test(rest)) return '';
    body = rest;
  }
  if (MONOLOGUE.test(body)) return '';
  if (!body.trim()) return '';
  if (body === original) return sentence;
  return `${indent}${body.charAt(0).toUpperCase()}${body.slice(1)}`;
}

function maskMath(line: string): { masked: string; restore: (text: string) => string } {
  const spans: string[] = [];
  const masked = line.replace(MATH_SPAN, (span) => {
    spans.push(span);
    return `\uE000${spans.length - 1}\uE000`;
  });
  return { masked, restore: (text) => text.replace(/\uE000(\d+)\uE000/g, (_match, index: string) => spans[Number(index)] ?? '') };
}
