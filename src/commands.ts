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

/** One subcommand, e.g. `/problemset upload`. */
export interface ChatSubcommand {
  /** Subcommand name, e.g. `upload`. */
  readonly name: string;
  /** One line shown in the command picker. */
  readonly description: string;
  /** Its options, in order. */
  readonly options: readonly CommandOption[];
}

/** One chat command. */
export interface ChatCommand {
  /** Command name without the slash, e.g. `solve`. */
  readonly name: string;
  /** One line shown in the platform's command picker (at most 100 characters for Discord). */
  readonly description: string;
  /** A usage hint for platforms with a single free-text argument (Slack). */
  readonly usageHint: string;
  /** Its options, in order (empty when it has subcommands). */
  readonly options: readonly CommandOption[];
  /** Subcommands, when the command groups several actions. */
  readonly subcommands?: readonly ChatSubcommand[];
  /** Hidden from students and refused if they call it anyway. */
  readonly isInstructorOnly: boolean;
}

/** Longest problem a chat command accepts (the engine's own limit is configured separately). */
export const MAX_PROBLEM_OPTION_CHARS = 4000;

const SET_OPTION: CommandOption = { name: 'set', description: "The problem set's id", type: 'text', isRequired: true, maxLength: 64 };

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
  {
    name: 'practice',
    description: "Practise the next problem you haven't solved from a problem set",
    usageHint: '[set id; optional when the channel has a set]',
    options: [{ name: 'set', description: "The problem set's id (the channel's set when omitted)", type: 'text', isRequired: false, maxLength: 64 }],
    isInstructorOnly: false,
  },
  {
    name: 'progress',
    description: 'See your own progress in the problem sets here',
    usageHint: '',
    options: [],
    isInstructorOnly: false,
  },
  {
    name: 'problemset',
    description: 'Manage problem sets: upload, list, show, remove, export, warm, assign to a channel',
    usageHint: 'upload | list | show <id> | remove <id> | export <id> | warm <id> | assign <id>',
    options: [],
    subcommands: [
      { name: 'upload', description: 'Upload a problem-set YAML file (replaces the set with the same id)', options: [{ name: 'file', description: 'The .yaml file', type: 'attachment', isRequired: true }] },
      { name: 'list', description: 'List the problem sets here', options: [] },
      { name: 'show', description: 'Show a set with its answers and warm status', options: [SET_OPTION] },
      { name: 'remove', description: 'Remove a set (students keep their sessions)', options: [SET_OPTION] },
      { name: 'export', description: 'Download the set file as uploaded', options: [SET_OPTION] },
      { name: 'warm', description: 'Prepare every hint ladder before class (shows the cost first)', options: [SET_OPTION] },
      { name: 'assign', description: 'Make this channel practise from a set', options: [SET_OPTION] },
    ],
    isInstructorOnly: true,
  },
  {
    name: 'report',
    description: 'How the class did on a set: a table here and a CSV file',
    usageHint: '[set id]',
    options: [SET_OPTION],
    isInstructorOnly: true,
  },
  {
    name: 'policy',
    description: 'Set when answers and reasoning may be shown for /solve problems here',
    usageHint: 'answer:<always|never|after solved|after N attempts> reasoning:<...>',
    options: [
      { name: 'answer', description: 'always, never, after solved, or after N attempts', type: 'text', isRequired: false, maxLength: 40 },
      { name: 'reasoning', description: 'always, never, after solved, or after N attempts', type: 'text', isRequired: false, maxLength: 40 },
    ],
    isInstructorOnly: true,
  },
];
