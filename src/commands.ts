/**
 * The chat commands, as data. Discord's slash-command registration, Slack's app manifest and
 * the CLI's help all read this list, so a command is declared once.
 */

/** One option of a chat command. */
export interface CommandOption {
  /** Option name, e.g. `problem`. */
  readonly name: string;
  /** One line shown by the platform. */
  readonly description: string;
  /** Free text, or a file the user attaches. */
  readonly type: 'text' | 'attachment';
  /** Whether the command needs it. */
  readonly isRequired: boolean;
  /** Longest accepted text, where the platform can enforce it. */
  readonly maxLength?: number;
}

/** One chat command. */
export interface ChatCommand {
  /** Command name without the slash, e.g. `solve`. */
  readonly name: string;
  /** One line shown in the platform's command picker (at most 100 characters for Discord). */
  readonly description: string;
  /** A usage hint for platforms with a single free-text argument (Slack). */
  readonly usageHint: string;
  /** Its options, in order. */
  readonly options: readonly CommandOption[];
  /** Hidden from students and refused if they call it anyway. */
  readonly isInstructorOnly: boolean;
}

/** Longest problem a chat command accepts (the engine's own limit is configured separately). */
export const MAX_PROBLEM_OPTION_CHARS = 4000;

/** Every chat command Stepwise offers. */
export const CHAT_COMMANDS: readonly ChatCommand[] = [
  {
    name: 'solve',
    description: 'Get help with a math or science problem, one hint at a time',
    usageHint: '[problem, e.g. 2x + 3 = 7 or \\int_0^1 x^2 dx]',
    options: [{ name: 'problem', description: 'The problem, in plain text or LaTeX', type: 'text', isRequired: true, maxLength: MAX_PROBLEM_OPTION_CHARS }],
    isInstructorOnly: false,
  },
  {
    name: 'check',
    description: 'Check your answer to the problem in this thread',
    usageHint: '[your answer, e.g. x = 2]',
    options: [{ name: 'answer', description: 'Your answer, e.g. x = 2 or 1/2', type: 'text', isRequired: true, maxLength: 1000 }],
    isInstructorOnly: false,
  },
];
