/**
 * What Discord offers beyond the shared command list: `/inspect`, the "Inspect" entry in a
 * message's Apps menu, and typed options Discord can enforce itself (warm's `samples`, a bounded
 * integer). The shared list (CHAT_COMMANDS) stays the source of every other command.
 */
import { ApplicationCommandOptionType, type APIApplicationCommandBasicOption } from 'discord.js';
import { CHAT_COMMANDS, MAX_WARM_SAMPLES, type ChatCommand } from '../../src/index.ts';

/** The name of the message command (Apps → Inspect); message commands may be mixed case. */
export const INSPECT_MESSAGE_COMMAND = 'Inspect';

/** `/inspect session:<id> | set:<id> problem:<id>`, or no option inside a session's thread. */
export const INSPECT_COMMAND: ChatCommand = {
  name: 'inspect',
  description: "How a hint ladder was made: the request, R1's raw output, each rung (attached as Markdown)",
  usageHint: '[session id | set id and problem id]',
  options: [
    { name: 'session', description: "A session's id (leave empty inside the session's thread)", type: 'text', isRequired: false, maxLength: 64 },
    { name: 'set', description: 'A problem set, to inspect one of its warmed problems', type: 'text', isRequired: false, maxLength: 64 },
    { name: 'problem', description: "The problem's id in that set", type: 'text', isRequired: false, maxLength: 64 },
  ],
  isInstructorOnly: true,
};

/** The warm subcommand's `samples` option. */
export const SAMPLES_OPTION = 'samples';

/** Options Discord shows after a command's shared ones, keyed by "command subcommand". */
export const DISCORD_EXTRA_OPTIONS: Readonly<Record<string, readonly APIApplicationCommandBasicOption[]>> = {
  'problemset warm': [{
    type: ApplicationCommandOptionType.Integer,
    name: SAMPLES_OPTION,
    description: `Independent R1 solves per problem; the majority's ladder is kept (1 to ${MAX_WARM_SAMPLES}, default 1)`,
    required: false,
    min_value: 1,
    max_value: MAX_WARM_SAMPLES,
  }],
};

/** The slash commands of the Discord bot: the shared list and /inspect (unless the shared list has it). */
export const DISCORD_COMMANDS: readonly ChatCommand[] = CHAT_COMMANDS.some((command) => command.name === INSPECT_COMMAND.name) ? CHAT_COMMANDS : [...CHAT_COMMANDS, INSPECT_COMMAND];
