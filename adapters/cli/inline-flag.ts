/** `--inline auto|kitty|iterm|sixel|off`, for the commands that run the terminal tutor. */
import { UserFacingError } from '../../src/errors.ts';
import type { CliIo } from './command.ts';
import { INLINE_CHOICES, INLINE_ENV, parseInlineChoice } from './inline-images.ts';

/** The parseArgs option, spread into a command's options. */
export const INLINE_OPTION = { inline: { type: 'string' } } as const;
/** How usage lines spell the flag. */
export const INLINE_USAGE = `[--inline ${INLINE_CHOICES.join('|')}]`;

/**
 * `io` with the flag's choice in STEPWISE_INLINE_IMAGES (the flag wins over the variable). A bad
 * flag value is a usage error (exit 64); a bad variable says what to set it to.
 */
export function withInlineChoice(io: CliIo, flag: string | undefined): CliIo {
  const choices = INLINE_CHOICES.join(', ');
  if (flag !== undefined) {
    if (!parseInlineChoice(flag)) {
      throw Object.assign(new TypeError(`--inline takes ${choices}, not "${flag}".`), { code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' });
    }
    return { ...io, env: { ...io.env, [INLINE_ENV]: flag } };
  }
  const variable = io.env[INLINE_ENV];
  if (variable !== undefined && variable !== '' && !parseInlineChoice(variable)) {
    throw new UserFacingError(`${INLINE_ENV}="${variable}" is not a choice: set it to one of ${choices} (or unset it for auto).`);
  }
  return io;
}
