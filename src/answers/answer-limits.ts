/** Longest answer the checker reads, in characters; longer answers are refused with a message. */
export const MAX_ANSWER_CHARS = 1000;
