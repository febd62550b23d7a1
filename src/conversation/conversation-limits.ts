/** How much a student may ask per session, so a class cannot run up the bill; and the sentence when they may not. */
import type { Exchange } from './exchange.ts';

/** The limits on questions to the tutor. */
export interface ConversationLimits {
  /** Questions one student may ask in one session. */
  readonly maxQuestions: number;
  /** Seconds between two questions from one student. */
  readonly cooldownSeconds: number;
  /** Longest reply, in characters. */
  readonly maxReplyChars: number;
}

/** 20 questions a problem, 5 s apart, replies under 600 characters. */
export const DEFAULT_CONVERSATION_LIMITS: ConversationLimits = { maxQuestions: 20, cooldownSeconds: 5, maxReplyChars: 600 };

/** Questions `userId` asked in these exchanges that got a reply (a failed reply does not count). */
export function questionsAsked(exchanges: readonly Exchange[], userId: string): Exchange[] {
  return exchanges.filter((exchange) => exchange.by.userId === userId && !exchange.by.isInstructor && exchange.outcome !== 'failed');
}

/** Why the student may not ask now, or undefined when they may. */
export function refusalOf(exchanges: readonly Exchange[], userId: string, limits: ConversationLimits, nowMs: number): string | undefined {
  const asked = questionsAsked(exchanges, userId);
  if (asked.length >= limits.maxQuestions) {
    return `You have asked ${limits.maxQuestions} questions on this problem, the most allowed. Use the hints, or type your answer to check it.`;
  }
  const last = asked.at(-1);
  if (last && limits.cooldownSeconds > 0) {
    const waitMs = Date.parse(last.askedAt) + limits.cooldownSeconds * 1000 - nowMs;
    if (waitMs > 0) return `Give my last reply a moment: you can ask again in ${Math.ceil(waitMs / 1000)} s.`;
  }
  return undefined;
}
