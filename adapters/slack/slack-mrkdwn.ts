/** Converts the engine's Markdown to Slack's mrkdwn, and Slack's escaped text back to plain text. */

const BOLD = /\*\*(.+?)\*\*/g;
const HEADING = /^#{1,6}\s+(.+)$/gm;
const LINK = /\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g;

/** Slack mrkdwn for `markdown`: `&`, `<`, `>` escaped, bold, headings and links translated. */
export function toMrkdwn(markdown: string): string {
  return escapeMrkdwn(markdown).replace(BOLD, '*$1*').replace(HEADING, '*$1*').replace(LINK, '<$2|$1>');
}

/** Escapes the three characters Slack treats as markup. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Undoes the escaping Slack applies to slash-command text, so `x &lt; 3` reads `x < 3` again. */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const TEX_SPAN = /\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)|\$([^$\n]+?)\$/g;

/**
 * Markdown whose TeX (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`) is set in inline code, so Slack's mrkdwn
 * leaves `*`, `_` and `~` inside formulas alone and a reader sees `\frac{a}{b}` as written.
 */
export function readableTex(markdown: string): string {
  return markdown.replace(TEX_SPAN, (_whole, display?: string, bracket?: string, paren?: string, inline?: string) => {
    const tex = (display ?? bracket ?? paren ?? inline ?? '').trim().replace(/`/g, "'").replace(/\s*\n\s*/g, ' ');
    return `\`${tex}\``;
  });
}

/** `text` cut to `limit` characters, with an ellipsis when cut. */
export function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
