import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDiscordBot } from '../../adapters/discord/main.ts';
import { CHAT_COMMANDS, UserFacingError, silentLogger, type ChatCommand } from '../../src/index.ts';
import { FakeDiscord } from '../fakes/fake-discord.ts';
import { FakeMathRenderer } from '../fakes/fake-math-renderer.ts';
import { FakeReasoningModel } from '../fakes/fake-reasoning-model.ts';
import { discordEngine, startHarness } from './discord-harness.ts';

const OTHER_GUILD = '1100000000000000099';

describe('registering the slash commands', () => {
  let fake: FakeDiscord;

  beforeEach(async () => {
    fake = await FakeDiscord.start();
  });

  afterEach(async () => {
    await fake.close();
  });

  function start(guildId: string, commands?: readonly ChatCommand[]) {
    const { tutor, store, classroom, inspector } = discordEngine(new FakeReasoningModel([[]]));
    return startDiscordBot({ token: 'fake-bot-token', guildId, tutor, classroom, inspector, store, renderer: new FakeMathRenderer(), logger: silentLogger, restApi: fake.api, ...(commands ? { commands } : {}) });
  }

  it('says what Discord said, and how to fix it, when the bot may not register in the server', async () => {
    const failure = await start(OTHER_GUILD).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UserFacingError);
    const message = (failure as Error).message;
    expect(message).toMatch(/^Discord refused the slash commands in the server 1100000000000000099 \(DISCORD_GUILD_ID\): HTTP 403, code 50001: Missing Access\./);
    expect(message).toContain('applications.commands');
    expect(message).not.toContain('Check DISCORD_TOKEN');
  });

  it('names the field Discord refused in a command', async () => {
    const broken: ChatCommand = { ...CHAT_COMMANDS[0]!, description: 'x'.repeat(101) };
    const failure = await start(fake.guildId, [broken]).catch((error: unknown) => error);
    expect((failure as Error).message).toMatch(/HTTP 400, code 50035: Invalid Form Body; 0\.description\[BASE_TYPE_MAX_LENGTH\]: Must be 100 or fewer in length\./);
  });

  it('keeps Manage Server on instructor commands when no instructor role is configured', async () => {
    const harness = await startHarness({ fake, withoutInstructorRole: true });
    const put = await fake.waitFor((call) => call.method === 'PUT', 'command registration');
    const commands = put.body as unknown as { name: string; default_member_permissions: string | null }[];
    for (const command of CHAT_COMMANDS) expect(commands.find((entry) => entry.name === command.name)?.default_member_permissions).toBe(command.isInstructorOnly ? '32' : null);
    for (const name of ['inspect', 'Inspect']) expect(commands.find((entry) => entry.name === name)?.default_member_permissions).toBe('32');
    await harness.bot.stop();
  });
});
