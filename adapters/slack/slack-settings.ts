/** Reads the Slack credentials and options from the environment, naming every missing or malformed one. */

const DEFAULT_PORT = 3000;
const USER_OR_GROUP_ID = /^[UWS][A-Z0-9]{2,}$/;

/** How the bot receives events from Slack. */
export type SlackConnection =
  /** Socket Mode: an outbound WebSocket, no public URL needed. */
  | { readonly mode: 'socket'; readonly appToken: string }
  /** HTTP mode: Slack POSTs signed requests to `/slack/events` on this port. */
  | { readonly mode: 'http'; readonly signingSecret: string; readonly port: number; readonly host?: string };

/** What the Slack bot needs from the environment. */
export interface SlackSettings {
  /** The bot token (`xoxb-…`). */
  readonly botToken: string;
  /** Socket Mode or HTTP mode. */
  readonly connection: SlackConnection;
  /** Extra instructors: user ids and user-group ids. */
  readonly instructorIds: readonly string[];
  /** The Web API base URL when it is not https://slack.com/api/ (GovSlack: https://slack-gov.com/api/). */
  readonly slackApiUrl?: string;
}

/** Settings, or the list of problems (each naming its variable and the fix). */
export type SlackSettingsResult = { readonly settings: SlackSettings } | { readonly problems: readonly string[] };

/** True when the environment has what `stepwise slack` needs to start (for `npm start`). */
export function hasSlackCredentials(env: NodeJS.ProcessEnv): boolean {
  return 'settings' in readSlackSettings(env);
}

/** Reads SLACK_BOT_TOKEN, SLACK_APP_TOKEN or SLACK_SIGNING_SECRET (+ SLACK_PORT), SLACK_MODE, SLACK_INSTRUCTOR_IDS and SLACK_API_URL. */
export function readSlackSettings(env: NodeJS.ProcessEnv): SlackSettingsResult {
  const problems: string[] = [];
  const botToken = env.SLACK_BOT_TOKEN?.trim() ?? '';
  const appToken = env.SLACK_APP_TOKEN?.trim() ?? '';
  const signingSecret = env.SLACK_SIGNING_SECRET?.trim() ?? '';
  const mode = env.SLACK_MODE?.trim() || (appToken || !signingSecret ? 'socket' : 'http');
  if (!botToken) problems.push('SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-…) from the app\'s "OAuth & Permissions" page.');
  else if (!botToken.startsWith('xoxb-')) problems.push('SLACK_BOT_TOKEN must be a bot token starting with xoxb-.');
  if (mode !== 'socket' && mode !== 'http') problems.push(`SLACK_MODE must be "socket" or "http" (got "${mode}").`);
  if (mode === 'socket' && !appToken) problems.push('SLACK_APP_TOKEN is not set: for Socket Mode create an app-level token (xapp-…) with the connections:write scope under "Basic Information", or set SLACK_SIGNING_SECRET for HTTP mode.');
  else if (mode === 'socket' && !appToken.startsWith('xapp-')) problems.push('SLACK_APP_TOKEN must be an app-level token starting with xapp-.');
  if (mode === 'http' && !signingSecret) problems.push('SLACK_SIGNING_SECRET is not set: copy the Signing Secret from the app\'s "Basic Information" page.');
  const port = Number(env.SLACK_PORT?.trim() || DEFAULT_PORT);
  if (mode === 'http' && (!Number.isInteger(port) || port < 0 || port > 65_535)) problems.push(`SLACK_PORT must be a port number such as ${DEFAULT_PORT}.`);
  const instructorIds = (env.SLACK_INSTRUCTOR_IDS ?? '').split(/[\s,]+/).filter(Boolean);
  const badIds = instructorIds.filter((id) => !USER_OR_GROUP_ID.test(id));
  if (badIds.length > 0) problems.push(`SLACK_INSTRUCTOR_IDS must list user ids (U…) or user-group ids (S…), separated by commas; these are not: ${badIds.join(', ')}.`);
  const slackApiUrl = readApiUrl(env.SLACK_API_URL?.trim() ?? '', problems);
  if (problems.length > 0) return { problems };
  const connection: SlackConnection = mode === 'socket' ? { mode: 'socket', appToken } : { mode: 'http', signingSecret, port };
  return { settings: { botToken, connection, instructorIds, ...(slackApiUrl ? { slackApiUrl } : {}) } };
}

const LOOPBACK = /^(127\.0\.0\.1|localhost|\[::1\])$/;

/** SLACK_API_URL as a base ending in `/`: https, or http only on this machine (for a local fake). */
function readApiUrl(text: string, problems: string[]): string | undefined {
  if (!text) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname)))) {
    problems.push(`SLACK_API_URL must be the Web API base URL over https, such as https://slack-gov.com/api/ for GovSlack (got "${text}").`);
    return undefined;
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}
