/**
 * Reads the free text Slack passes a slash command: Slack has no options, so `set:algebra` and
 * `algebra` both name a set, and a count is written `samples:3` (or `--samples 3`).
 */
import { unescapeSlackText } from './slack-mrkdwn.ts';

const SET_PREFIX = /^set\s*[:=]\s*/i;

/** The set id in `text` (`algebra-basics`, `set:algebra-basics`), or undefined when there is none. */
export function setIdFrom(text: string): string | undefined {
  return unescapeSlackText(text).trim().replace(SET_PREFIX, '').trim() || undefined;
}

/** The first word of `text` (lower-cased) and the rest, for `/problemset <subcommand> <args>`. */
export function splitSubcommand(text: string): { readonly name: string; readonly rest: string } {
  const [name = '', ...rest] = unescapeSlackText(text).trim().split(/\s+/);
  return { name: name.toLowerCase(), rest: rest.join(' ') };
}

/** `samples:3`, `samples=3`, `--samples 3`, `--samples=3` (and the em dash a phone makes of `--`). */
const SAMPLES_OPTIONS = [/(?:^|\s)(?:--|\u2014)?samples\s*[:=]\s*(\S+)/i, /(?:^|\s)(?:--|\u2014)samples\s+(\S+)/i];

/** The set id and the samples count in `/problemset warm <set> [samples:K]`; `samples` is undefined when not given. */
export function warmArgumentsFrom(text: string): { readonly setId?: string; readonly samples?: string } {
  const plain = unescapeSlackText(text);
  const match = SAMPLES_OPTIONS.map((option) => option.exec(plain)).find((found) => found !== null);
  const rest = match ? `${plain.slice(0, match.index)} ${plain.slice(match.index + match[0].length)}` : plain;
  return { setId: setIdFrom(rest), samples: match?.[1] };
}
