/**
 * Reads a message typed in a session's thread: an answer attempt ("12", "x = 3", "I got 12",
 * "is it 12?", "$\frac{1}{2}$") or a question or remark ("why do we divide by 2?", "just tell me").
 * An attempt is checked and counted; anything else goes to the tutor's reply model.
 */

/** What a message is. */
export type ReadMessage =
  /** An answer to check; `answer` is the part to check ("I got 12" -> "12"). */
  | { readonly kind: 'attempt'; readonly answer: string }
  | { readonly kind: 'question' };

/** Longest text read as an attempt; longer messages are questions or remarks. */
const MAX_ATTEMPT_CHARS = 120;

/** Lead-ins that announce an answer: what follows them is the attempt. */
const ATTEMPT_LEAD =
  /^(?:(?:so|ok(?:ay)?|well|hmm+|um+|then|and|i think|i believe|maybe|perhaps)[,\s]+)*(?:(?:i|we)\s+(?:got|get|found|find|have|calculated|think it'?s|think it is|think the answer is)|my (?:final )?answer(?: is|:)?|the answer is|answer\s*[:=]|final answer\s*[:=]?|is it|is the answer|would it be|could it be|should it be|it'?s|it is|so it'?s|that gives|that makes|i'?d say|how about|what about)(?:\b|(?<=[:=]))[:\s]*/i;

/** Words that make a message a question or a remark, whatever math it carries. */
const QUESTION_WORDS =
  /\b(?:why|how|what|when|where|which|who|explain|help|hint|stuck|understand|confused|tell|show|give|mean|means|meaning|does|do|did|can|could|should|would|because|wrong|right|correct|idea|clue|next|step|please|pls|thanks|thank|teacher|pretend|imagine|ignore|answer)\b/i;

/** Words allowed in an attempt: math function names, units, connectives between values. */
const MATH_WORDS =
  /^(?:sin|cos|tan|sec|csc|cot|arcsin|arccos|arctan|sinh|cosh|tanh|log|ln|exp|sqrt|abs|pi|theta|alpha|beta|gamma|infinity|inf|and|or|no|solution|solutions|none|undefined|real|numbers|all|cm|mm|km|m|kg|g|mg|s|ms|min|h|hours?|minutes?|seconds?|days?|years?|meters?|metres?|liters?|litres?|ml|dollars?|cents?|percent|degrees?|mph|units?|square|cubic|per|sq|ft|feet|in|inches|miles?|n|j|w|v|a|hz|mol|true|false|yes|either|neither|both|[a-z])$/i;

/** Reads `text` as an attempt or a question. */
export function readMessage(text: string): ReadMessage {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > MAX_ATTEMPT_CHARS) return { kind: 'question' };
  const lead = ATTEMPT_LEAD.exec(trimmed);
  const rest = (lead ? trimmed.slice(lead[0].length) : trimmed).replace(/[?.!]+\s*$/, '').trim();
  if (!rest) return { kind: 'question' };
  // "is it 12?" and "x = 2?" ask whether that is right: attempts. "what is 6/6?" asks the tutor to compute: a question.
  if (QUESTION_WORDS.test(rest)) return { kind: 'question' };
  if (looksLikeAnswer(rest)) return { kind: 'attempt', answer: rest };
  return { kind: 'question' };
}

/** Whether `text` is math (a value, an expression, an equation, a list, a quantity) with no sentence around it. */
function looksLikeAnswer(text: string): boolean {
  if (/\\boxed|\$/.test(text)) return true;
  const hasMath = /\d|[=+\-*/^<>≤≥√π]|\\[a-z]+|\b[a-z]\b/i.test(text);
  if (!hasMath) return false;
  const words = text.replace(/\\[a-zA-Z]+/g, ' ').match(/[A-Za-z]+/g) ?? [];
  return words.every((word) => MATH_WORDS.test(word) || /^[a-z]{1,2}\d*$/i.test(word) && /\d|[=+\-*/^()]/.test(text));
}
