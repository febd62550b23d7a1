/** How big a problem-set file may be: generous for a course, small enough to validate and store at once. */

/** Largest file accepted, in bytes (256 KB). */
export const MAX_FILE_BYTES = 256 * 1024;
/** Most problems in one set. */
export const MAX_PROBLEMS = 500;
/** Longest problem statement, matching the default STEPWISE_MAX_PROBLEM_CHARS. */
export const MAX_STATEMENT_CHARS = 4000;
/** Longest reference answer. */
export const MAX_ANSWER_CHARS = 500;
/** Longest authored hint. */
export const MAX_HINT_CHARS = 2000;
/** Most authored hints on one problem. */
export const MAX_AUTHORED_HINTS = 20;
/** Longest title, topic or id. */
export const MAX_NAME_CHARS = 200;
/** Longest set description. */
export const MAX_DESCRIPTION_CHARS = 4000;
