import { readFileSync } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CHAT_COMMANDS } from '../../src/index.ts';
import { createSlackCommand } from '../../adapters/cli/commands/slack.ts';
import type { CliIo } from '../../adapters/cli/command.ts';
import { formatManifest, INSPECT_GLOBAL_ID, INSPECT_MESSAGE_ID, SLACK_BOT_EVENTS, SLACK_BOT_SCOPES, slackManifest } from '../../adapters/slack/slack-manifest.ts';

function cliIo(env: NodeJS.ProcessEnv = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const io: CliIo = { stdin: Readable.from([]), stdout, stderr, env, cwd: process.cwd() };
  const read = (stream: PassThrough) => String(stream.read() ?? '');
  return { io, out: () => read(stdout), err: () => read(stderr) };
}

const neverStop = () => new Promise<string>(() => {});

/** Slack's published manifest schema v1.0.0 (slackapi/manifest-schema; see tests/fixtures/slack/README.md). */
const MANIFEST_SCHEMA = JSON.parse(readFileSync(new URL('../fixtures/slack/manifest.schema.1.0.0.json', import.meta.url), 'utf8')) as object;

// Formats (uri) are not checked: the schema marks only `$schema` with one, which we do not set.
const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(MANIFEST_SCHEMA);

function schemaErrors(manifest: unknown): string[] {
  return validate(manifest) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

describe('the Slack app manifest', () => {
  it('declares every chat command, the bot scopes and interactivity, in Socket Mode by default', () => {
    const manifest = slackManifest() as { features: { slash_commands: { command: string; usage_hint: string; url?: string }[] }; oauth_config: unknown; settings: Record<string, unknown> };
    expect(manifest.features.slash_commands.map((command) => command.command)).toEqual(CHAT_COMMANDS.map((command) => `/${command.name}`));
    expect(manifest.features.slash_commands.map((command) => command.usage_hint ?? '')).toEqual(CHAT_COMMANDS.map((command) => command.usageHint));
    expect(manifest.oauth_config).toEqual({ scopes: { bot: [...SLACK_BOT_SCOPES] } });
    expect(manifest.settings).toMatchObject({ socket_mode_enabled: true, interactivity: { is_enabled: true } });
    expect(manifest.features.slash_commands.every((command) => command.url === undefined)).toBe(true);
  });

  it('offers the instructor commands, marked as such, and can read the problem-set files instructors attach', () => {
    const manifest = slackManifest() as { features: { slash_commands: { command: string; description: string }[] }; oauth_config: { scopes: { bot: string[] } } };
    const byName = new Map(manifest.features.slash_commands.map((command) => [command.command, command.description]));
    for (const name of ['/practice', '/progress', '/problemset', '/report', '/policy']) expect(byName.has(name)).toBe(true);
    for (const name of ['/problemset', '/report', '/policy']) expect(byName.get(name)).toMatch(/^\(instructors\) /);
    expect(byName.get('/practice')).not.toMatch(/instructors/);
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['files:read', 'im:write', 'commands']));
  });

  it("offers the instructor's Inspect as a message shortcut and Inspect a problem as a global one", () => {
    const manifest = slackManifest() as { features: { shortcuts: { name: string; type: string; callback_id: string; description: string }[] } };
    expect(manifest.features.shortcuts.map(({ name, type, callback_id }) => ({ name, type, callback_id }))).toEqual([
      { name: 'Inspect', type: 'message', callback_id: INSPECT_MESSAGE_ID },
      { name: 'Inspect a problem', type: 'global', callback_id: INSPECT_GLOBAL_ID },
    ]);
    expect(manifest.features.shortcuts.every((shortcut) => shortcut.description.startsWith('(instructors) '))).toBe(true);
    // The schema holds names to 24 characters and descriptions to 150.
    expect(schemaErrors({ ...manifest, features: { ...manifest.features, shortcuts: [{ ...manifest.features.shortcuts[0], name: 'Inspect this session of the student' }] } })).not.toEqual([]);
  });

  it('subscribes to the messages typed in threads and DMs, with the history scopes each event needs, and lets students DM the bot', () => {
    const manifest = slackManifest() as { features: { app_home: Record<string, boolean> }; oauth_config: { scopes: { bot: string[] } }; settings: { event_subscriptions: { bot_events: string[]; request_url?: string } } };
    expect(manifest.settings.event_subscriptions).toEqual({ bot_events: ['message.channels', 'message.groups', 'message.im', 'message.mpim'] });
    // Each message event needs its history scope (https://docs.slack.dev/reference/events/message.channels and its siblings).
    const scopeOf: Record<string, string> = { 'message.channels': 'channels:history', 'message.groups': 'groups:history', 'message.im': 'im:history', 'message.mpim': 'mpim:history' };
    for (const event of SLACK_BOT_EVENTS) expect(manifest.oauth_config.scopes.bot).toContain(scopeOf[event]);
    expect(manifest.features.app_home).toMatchObject({ messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    const http = slackManifest({ requestUrl: 'https://tutor.example.edu/slack/events' }) as typeof manifest;
    expect(http.settings.event_subscriptions.request_url).toBe('https://tutor.example.edu/slack/events');
  });

  it('points commands and interactivity at the request URL in HTTP mode', () => {
    const url = 'https://tutor.example.edu/slack/events';
    const manifest = slackManifest({ requestUrl: url }) as { features: { slash_commands: { url: string }[] }; settings: Record<string, unknown> };
    expect(manifest.features.slash_commands.every((command) => command.url === url)).toBe(true);
    expect(manifest.settings).toMatchObject({ socket_mode_enabled: false, interactivity: { is_enabled: true, request_url: url } });
  });

  it("passes Slack's published manifest schema (v1.0.0) in Socket Mode and in HTTP mode", () => {
    expect(schemaErrors(slackManifest())).toEqual([]);
    expect(schemaErrors(slackManifest({ requestUrl: 'https://tutor.example.edu/slack/events', appName: 'Physics Tutor' }))).toEqual([]);
  });

  it('gives no command an empty usage hint, which the schema refuses', () => {
    const manifest = slackManifest() as { features: { slash_commands: { usage_hint?: string }[] } };
    expect(manifest.features.slash_commands.filter((command) => command.usage_hint !== undefined && command.usage_hint.length === 0)).toEqual([]);
    expect(schemaErrors({ ...manifest, features: { ...manifest.features, slash_commands: [{ command: '/progress', description: 'x', usage_hint: '' }] } })).not.toEqual([]);
  });

  it('reads back the same from YAML and JSON', () => {
    const manifest = slackManifest();
    expect(parse(formatManifest(manifest, 'yaml'))).toEqual(manifest);
    expect(JSON.parse(formatManifest(manifest, 'json'))).toEqual(manifest);
  });
});

describe('stepwise slack', () => {
  it('prints the manifest with --manifest', async () => {
    const { io, out } = cliIo();
    expect(await createSlackCommand(neverStop).run(['--manifest', '--format', 'json'], io)).toBe(0);
    expect(JSON.parse(out())).toEqual(slackManifest());
  });

  it('says which variables to set and exits 2 when credentials are missing', async () => {
    const { io, err } = cliIo({ SLACK_APP_TOKEN: 'xapp-fake-app' });
    expect(await createSlackCommand(neverStop).run([], io)).toBe(2);
    const message = err();
    expect(message).toContain('SLACK_BOT_TOKEN');
    expect(message).toContain('SLACK_SIGNING_SECRET');
    expect(message).not.toContain('xapp-fake-app');
  });
});
