/** `stepwise problemset <action>`: author and manage instructor problem sets from the terminal. */
import { EXIT_MISSING_ARGUMENT, EXIT_USAGE, type CliCommand } from '../command.ts';
import { exportAction, listAction, removeAction, showAction, uploadAction } from '../problemset/library-actions.ts';
import { validateAction } from '../problemset/validate-action.ts';
import { warmAction } from '../problemset/warm-action.ts';

/**
 * Every `stepwise problemset <action>`, one file each under adapters/cli/problemset/; usage and
 * dispatch read this list, so a new action (such as `warm`) is one import and one entry here.
 */
export const PROBLEMSET_ACTIONS: readonly CliCommand[] = [validateAction, uploadAction, listAction, showAction, removeAction, exportAction, warmAction];

const usage = () => PROBLEMSET_ACTIONS.map((action) => `${action.usage.padEnd(44)}  ${action.summary}`).join('\n');

export const problemsetCommand: CliCommand = {
  name: 'problemset',
  summary: 'Validate, upload, list, show, remove, export and warm problem sets',
  usage: usage(),
  async run(args, io) {
    const [name, ...rest] = args;
    const action = PROBLEMSET_ACTIONS.find((candidate) => candidate.name === name);
    if (!action) {
      io.stderr.write(`${name ? `Unknown action "${name}".` : 'Name an action.'}\nUsage:\n${usage()}\n`);
      // A word that is no action is a mistyped command (64); no word at all, a missing argument.
      return name ? EXIT_USAGE : EXIT_MISSING_ARGUMENT;
    }
    return action.run(rest, io);
  },
};
