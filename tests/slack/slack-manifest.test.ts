import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CHAT_COMMANDS } from '../../src/index.ts';
import { createSlackCommand } from '../../adapters/cli/commands/slack.ts';
import type { CliIo } from '../../adapters/cli/command.ts';
import { formatManifest, SLACK_BOT_SCOPES, slackManifest } from '../../adapters/slack/slack-manifest.ts';

function cliIo(env: NodeJS.ProcessEnv = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const io: CliIo = { stdin: Readable.from([]), stdout, stderr, env, cwd: process.cwd() };
  const read = (stream: PassThrough) => String(stream.read() ?? '');
  return { io, out: () => read(stdout), err: () => read(stderr) };
}

const neverStop = () => new Promise<string>(() => {});

describe('the Slack app manifest', () => {
  it('declares every chat command, the bot scopes and interactivity, in Socket Mode by default', () => {
    const manifest = slackManifest() as { features: { slash_commands: { command: string; usage_hint: string; url?: string }[] }; oauth_config: unknown; settings: Record<string, unknown> };
    expect(manifest.features.slash_commands.map((command) => command.command)).toEqual(CHAT_COMMANDS.map((command) => `/${command.name}`));
    expect(manifest.features.slash_commands.map((command) => command.usage_hint)).toEqual(CHAT_COMMANDS.map((command) => command.usageHint));
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

  it('points commands and interactivity at the request URL in HTTP mode', () => {
    const url = 'https://tutor.example.edu/slack/events';
    const manifest = slackManifest({ requestUrl: url }) as { features: { slash_commands: { url: string }[] }; settings: Record<string, unknown> };
    expect(manifest.features.slash_commands.every((command) => command.url === url)).toBe(true);
    expect(manifest.settings).toMatchObject({ socket_mode_enabled: false, interactivity: { is_enabled: true, request_url: url } });
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
