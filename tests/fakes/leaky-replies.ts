/**
 * A reply model that tries to give the answer away, for the fake R1 server (tests/fakes/fake-r1-server.ts).
 *
 * How a test picks it: pass `leakyReplies({ answer: '2', ... })` as the `chat` option of
 * `startFakeR1(solveReplies, { chat })`. Every request the tutor sends for a reply in the thread
 * (thinking off: DeepSeek's `thinking: {type: "disabled"}`, Ollama's `reasoning_effort: "none"`,
 * a system message, or the instructions folded into the user turn) is answered by it; solves still
 * get `solveReplies`. Each reply opens with a harmless Socratic sentence and then leaks the answer
 * in the next form of LEAK_FORMS (plainly, boxed, `x = answer`, as the result of an arithmetic
 * step, in words, with units, in Spanish, in role-play, confirming a guess, as an equivalent
 * fraction, as a decimal, bare), one form per request, round and round. A firmer retry (the
 * request carries FIRMER_INSTRUCTION) leaks again in the next form, unless `compliesWhenFirm`.
 *
 * For LINEAR_EQUATION (Solve 2x + 3 = 7): `leakyReplies(LINEAR_EQUATION_LEAKS)`. To assert that no
 * leak reached the student, pass everything they saw to `leaky.leakIn(text)` (undefined = none).
 */
import { FIRMER_INSTRUCTION } from '../../src/index.ts';
import type { FakeR1Reply } from './fake-r1-server.ts';

/** The answer, and the ways of writing it a leak may use. */
export interface LeakyRepliesOptions {
  /** The final answer as digits, e.g. `2`. */
  readonly answer: string;
  /** The answer in English words, e.g. `two`. */
  readonly inWords: string;
  /** The answer in Spanish words, e.g. `dos`. */
  readonly inSpanish: string;
  /** An arithmetic step whose result is the answer, e.g. `4/2`. */
  readonly step: string;
  /** An equivalent fraction in TeX, e.g. `\frac{4}{2}`. */
  readonly fraction: string;
  /** The variable the problem solves for (default x). */
  readonly variable?: string;
  /** A unit to state the answer with (default cm). */
  readonly unit?: string;
  /** Answer a firmer retry with a safe Socratic question instead of leaking again. */
  readonly compliesWhenFirm?: boolean;
  /** Pause between chunks, so a test can stop the process mid-reply. */
  readonly chunkDelayMs?: number;
}

/** One way of leaking, by name (for test messages). */
export interface LeakForm {
  readonly name: string;
  readonly text: (options: LeakyRepliesOptions) => string;
}

const OPENING = 'Good question, let us look at your last step together. ';

/** Every form a leak takes, in the order the fake uses them. */
export const LEAK_FORMS: readonly LeakForm[] = [
  { name: 'plainly', text: (o) => `The answer is ${o.answer}.` },
  { name: 'boxed', text: (o) => `Here it is: $\\boxed{${o.answer}}$` },
  { name: 'assignment', text: (o) => `So ${o.variable ?? 'x'} = ${o.answer}.` },
  { name: 'arithmetic step', text: (o) => `Work it out: $${o.step} = ${o.answer}$, and that is where you end up.` },
  { name: 'in words', text: (o) => `It comes out to ${o.inWords}.` },
  { name: 'with units', text: (o) => `You should get ${o.answer} ${o.unit ?? 'cm'}.` },
  { name: 'another language', text: (o) => `La respuesta es ${o.inSpanish}.` },
  { name: 'role-play', text: (o) => `Speaking as your teacher, who said it is fine: ${o.variable ?? 'x'} equals ${o.inWords}.` },
  { name: 'confirming a guess', text: (o) => `Yes, ${o.answer} is right!` },
  { name: 'equivalent fraction', text: (o) => `In the end $${o.variable ?? 'x'} = ${o.fraction}$.` },
  { name: 'decimal', text: (o) => `It is ${o.answer}.0 exactly.` },
  { name: 'bare', text: (o) => `It's ${o.answer}, trust me.` },
];

/** What the leaky model did, for assertions. */
export interface LeakyReplies {
  /** Answers a chat request, or undefined when it is not a reply request (a solve). */
  (body: Record<string, unknown>): FakeR1Reply | undefined;
  /** The forms used, one per reply request, with whether it was a firmer retry. */
  readonly served: { readonly form: string; readonly isFirm: boolean; readonly text: string }[];
  /**
   * The leak in `text` (anything a student saw: a message, an edit, a card's text), or undefined:
   * any leaking sentence this fake served, or the answer in a plain form (`answer is 2`, a box,
   * `= 2`, the words, `2.0`). Independent of the engine's guard, so a test cannot pass by asking it.
   */
  leakIn(text: string): string | undefined;
}

/** The leaks for LINEAR_EQUATION (tests/fakes/fake-reasoning-model.ts: Solve 2x + 3 = 7, x = 2). */
export const LINEAR_EQUATION_LEAKS: LeakyRepliesOptions = { answer: '2', inWords: 'two', inSpanish: 'dos', step: '4/2', fraction: '\\frac{4}{2}' };

/** The safe reply given to a firmer retry when `compliesWhenFirm`. */
export const SAFE_REPLY = 'What do you get if you undo the last operation on both sides? Try it and tell me.';

/** The leaky reply model (see the file comment). */
export function leakyReplies(options: LeakyRepliesOptions): LeakyReplies {
  const served: LeakyReplies['served'][number][] = [];
  let next = 0;
  const respond = (body: Record<string, unknown>): FakeR1Reply | undefined => {
    if (!isReplyRequest(body)) return undefined;
    const isFirm = JSON.stringify(body.messages ?? []).includes(FIRMER_INSTRUCTION.slice(0, 60));
    if (isFirm && options.compliesWhenFirm) {
      served.push({ form: 'safe', isFirm, text: SAFE_REPLY });
      return completion(SAFE_REPLY, options);
    }
    const form = LEAK_FORMS[next % LEAK_FORMS.length] as LeakForm;
    next++;
    const text = `${OPENING}${form.text(options)}`;
    served.push({ form: form.name, isFirm, text });
    return completion(text, options);
  };
  const leakIn = (text: string): string | undefined => {
    for (const entry of served) {
      const sentence = entry.text.slice(OPENING.length);
      if (entry.form !== 'safe' && text.includes(sentence)) return `${entry.form}: ${sentence}`;
    }
    const answer = escapeRegExp(options.answer);
    const plain = [
      new RegExp(`answer is ${answer}(?![\\d.])`), /\\boxed|boxed\{/, new RegExp(`(?<![<>!])=\\s*${answer}(?![\\d./])`), new RegExp(`\\b${escapeRegExp(options.inWords)}\\b`, 'i'),
      new RegExp(`\\b${escapeRegExp(options.inSpanish)}\\b`), new RegExp(`\\b${answer}\\.0\\b`), new RegExp(`It's ${answer}(?![\\d.])`),
    ];
    return plain.find((form) => form.test(text))?.source;
  };
  return Object.assign(respond, { served, leakIn });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether the request is one of the tutor's replies rather than a solve. */
export function isReplyRequest(body: Record<string, unknown>): boolean {
  const thinking = body.thinking as { type?: string } | undefined;
  const messages = (body.messages ?? []) as { role?: string; content?: string }[];
  return thinking?.type === 'disabled' || body.reasoning_effort === 'none' || messages[0]?.role === 'system'
    || messages.some((message) => typeof message.content === 'string' && message.content.includes("The student's message:"));
}

function completion(answer: string, options: LeakyRepliesOptions): FakeR1Reply {
  return { reasoning: '', answer, chunkChars: 7, ...(options.chunkDelayMs ? { chunkDelayMs: options.chunkDelayMs } : {}) };
}
