/** The Slack app manifest, generated from CHAT_COMMANDS so Slack's command list never drifts from the engine's. */
import { stringify } from 'yaml';
import { CHAT_COMMANDS, type ChatCommand } from '../../src/index.ts';

/**
 * Bot scopes: slash commands, posting and editing, uploads, reading the problem-set files
 * instructors attach (file_input), DMs for private files and warm progress, the instructor lookups,
 * and the messages typed in session threads and DMs (the conversation with the tutor): public and
 * private channels, group DMs, and the bot's own DMs.
 */
export const SLACK_BOT_SCOPES = [
  'commands', 'chat:write', 'files:write', 'files:read', 'im:write', 'users:read', 'usergroups:read',
  'channels:history', 'groups:history', 'im:history', 'mpim:history',
] as const;

/** The message events those scopes bring: each is sent only for conversations the bot is in. */
export const SLACK_BOT_EVENTS = ['message.channels', 'message.groups', 'message.im', 'message.mpim'] as const;

/** Callback id of the "Inspect" message shortcut (on a session's messages). */
export const INSPECT_MESSAGE_ID = 'sw-inspect';
/** Callback id of the "Inspect a problem" global shortcut. */
export const INSPECT_GLOBAL_ID = 'sw-inspect-problem';

/** The shortcuts: Slack names them at most 24 characters, describes them in at most 150. */
export const SLACK_SHORTCUTS = [
  { name: 'Inspect', type: 'message', callback_id: INSPECT_MESSAGE_ID, description: "(instructors) How R1 made this session's hints: the request, its raw reasoning, how the ladder was cut. Sent to your DM." },
  { name: 'Inspect a problem', type: 'global', callback_id: INSPECT_GLOBAL_ID, description: "(instructors) How R1 made a warmed problem's hints, by set and problem id. The report is sent to your DM." },
] as const;

const APP_NAME = 'Stepwise';
const APP_DESCRIPTION = 'A STEM tutor: post a problem with /solve and get hints one step at a time.';
const BACKGROUND_COLOR = '#1d3557';
const INSTRUCTOR_PREFIX = '(instructors) ';

/** Choices that change the manifest. */
export interface ManifestOptions {
  /** App and bot display name. */
  readonly appName?: string;
  /** HTTP mode: the public URL Slack POSTs to (ending in /slack/events); absent means Socket Mode. */
  readonly requestUrl?: string;
}

/** The manifest as a plain object, ready for JSON or YAML. */
export function slackManifest(options: ManifestOptions = {}): Record<string, unknown> {
  const name = options.appName ?? APP_NAME;
  const url = options.requestUrl ? { url: options.requestUrl } : {};
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: { name, description: APP_DESCRIPTION, background_color: BACKGROUND_COLOR },
    features: {
      // The Messages tab lets students DM the bot (a question about their latest problem).
      app_home: { home_tab_enabled: false, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: name, always_online: true },
      slash_commands: CHAT_COMMANDS.map((command) => ({
        command: `/${command.name}`,
        description: describe(command),
        // Slack's schema requires a usage hint of at least one character, or none at all.
        ...(command.usageHint.trim() ? { usage_hint: command.usageHint } : {}),
        should_escape: false,
        ...url,
      })),
      shortcuts: SLACK_SHORTCUTS.map((shortcut) => ({ ...shortcut })),
    },
    oauth_config: { scopes: { bot: [...SLACK_BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...(options.requestUrl ? { request_url: options.requestUrl } : {}), bot_events: [...SLACK_BOT_EVENTS] },
      interactivity: { is_enabled: true, ...(options.requestUrl ? { request_url: options.requestUrl } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: !options.requestUrl,
      token_rotation_enabled: false,
    },
  };
}

/** The manifest as text, in the format Slack's "Create an app from a manifest" dialog accepts. */
export function formatManifest(manifest: Record<string, unknown>, format: 'json' | 'yaml'): string {
  return format === 'json' ? `${JSON.stringify(manifest, null, 2)}\n` : stringify(manifest);
}

function describe(command: ChatCommand): string {
  return command.isInstructorOnly ? `${INSTRUCTOR_PREFIX}${command.description}` : command.description;
}
