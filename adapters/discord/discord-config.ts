/** The Discord adapter's settings, read from environment variables through one schema. */
import { z } from 'zod';
import { UserFacingError } from '../../src/index.ts';

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits; turn on Developer Mode and use Copy ID)');

const schema = z.object({
  DISCORD_TOKEN: z.string().min(1),
  DISCORD_APPLICATION_ID: snowflake.optional(),
  DISCORD_GUILD_ID: snowflake.optional(),
  DISCORD_INSTRUCTOR_ROLE_ID: snowflake.optional(),
});

/** How to reach Discord and whom to treat as an instructor. */
export interface DiscordConfig {
  /** The bot token (never logged or shown). */
  readonly token: string;
  /** The application id; read from the client after login when absent. */
  readonly applicationId?: string;
  /** Register commands in this guild only (instant updates); global when absent. */
  readonly guildId?: string;
  /** Members with this role are instructors (as are members with Manage Server). */
  readonly instructorRoleId?: string;
}

/** The sentence shown when no token is set. */
export const MISSING_TOKEN_MESSAGE =
  'Stepwise needs a Discord bot token to run on Discord. Create an application at ' +
  'https://discord.com/developers/applications, add a bot, copy its token and set DISCORD_TOKEN ' +
  '(and DISCORD_APPLICATION_ID, the application id on the General Information page). Optionally set ' +
  'DISCORD_GUILD_ID to register the commands in one server instantly, and DISCORD_INSTRUCTOR_ROLE_ID ' +
  'to name the instructors\' role. Run `stepwise` without `discord` to tutor in the terminal instead.';

/** Reads the Discord settings; throws one UserFacingError listing every bad variable. */
export function loadDiscordConfig(env: NodeJS.ProcessEnv): DiscordConfig {
  if (!env.DISCORD_TOKEN) throw new UserFacingError(MISSING_TOKEN_MESSAGE);
  const present = Object.fromEntries(Object.entries(env).filter(([key, value]) => key in schema.shape && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `- ${String(issue.path[0])}: ${issue.message}`);
    throw new UserFacingError(`The Discord configuration has ${lines.length} problem(s):\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  return {
    token: values.DISCORD_TOKEN,
    applicationId: values.DISCORD_APPLICATION_ID,
    guildId: values.DISCORD_GUILD_ID,
    instructorRoleId: values.DISCORD_INSTRUCTOR_ROLE_ID,
  };
}
