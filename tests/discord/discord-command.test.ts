import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { discordCommand } from '../../adapters/cli/commands/discord.ts';
import { inviteUrlOf } from '../../adapters/discord/invite-url.ts';
import { slashCommandsOf } from '../../adapters/discord/register-commands.ts';
import type { ChatCommand } from '../../src/index.ts';

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = (stream: PassThrough) => () => String(stream.read() ?? '');
  return { stdout, stderr, out: text(stdout), err: text(stderr) };
}

describe('stepwise discord', () => {
  it('explains what to set and exits 2 without a token', async () => {
    const io = capture();
    const code = await discordCommand.run([], { stdin: new PassThrough(), stdout: io.stdout, stderr: io.stderr, env: {}, cwd: process.cwd() });
    expect(code).toBe(2);
    const message = io.err();
    expect(message).toContain('DISCORD_TOKEN');
    expect(message).toContain('DISCORD_APPLICATION_ID');
    expect(message.trim().split('\n')).toHaveLength(1);
  });

  it('names the bad variable without echoing the token', async () => {
    const io = capture();
    const env = { DISCORD_TOKEN: 'secret-token-value', DISCORD_GUILD_ID: 'my-server' };
    const code = await discordCommand.run([], { stdin: new PassThrough(), stdout: io.stdout, stderr: io.stderr, env, cwd: process.cwd() });
    expect(code).toBe(2);
    const message = io.err();
    expect(message).toContain('DISCORD_GUILD_ID');
    expect(message).not.toContain('secret-token-value');
  });

  it('builds an invite URL with the bot and applications.commands scopes', () => {
    const url = new URL(inviteUrlOf('123456789012345678'));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    expect(url.searchParams.get('permissions')).toMatch(/^\d+$/);
  });

  it('hides instructor-only commands from members without Manage Server', () => {
    const command: ChatCommand = { name: 'report', description: 'Class report', usageHint: '', options: [], isInstructorOnly: true };
    const [json] = slashCommandsOf([command]);
    expect(json).toMatchObject({ name: 'report', default_member_permissions: '32', contexts: [0] });
  });
});
