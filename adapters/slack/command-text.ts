/** Reads the free text Slack passes a slash command: Slack has no options, so `set:algebra` and `algebra` both name a set. */
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
