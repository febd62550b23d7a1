/** Decides who is an instructor: workspace admins and owners, plus configured users and user groups. */
import type { Logger } from '../../src/index.ts';
import type { SlackClient } from './slack-context.ts';

/** Answers "is this user an instructor?", caching what Slack says for a while. */
export interface InstructorDirectory {
  /** True for admins, owners, listed users and members of listed user groups. */
  isInstructor(userId: string): Promise<boolean>;
}

const CACHE_MS = 5 * 60_000;
const USER_GROUP_PREFIX = 'S';

/** Looks instructors up with `users.info` and `usergroups.users.list` through `client`. */
export function createInstructorDirectory(client: SlackClient, configuredIds: readonly string[], logger: Logger, now: () => number = Date.now): InstructorDirectory {
  const users = new Set(configuredIds.filter((id) => !id.startsWith(USER_GROUP_PREFIX)));
  const groups = configuredIds.filter((id) => id.startsWith(USER_GROUP_PREFIX));
  const cache = new Map<string, { isInstructor: boolean; expiresMs: number }>();

  const isAdmin = async (userId: string) => {
    const { user } = await client.users.info({ user: userId });
    return user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true;
  };
  const isGroupMember = async (userId: string) => {
    for (const usergroup of groups) {
      const { users: members } = await client.usergroups.users.list({ usergroup });
      if (members?.includes(userId)) return true;
    }
    return false;
  };

  return {
    async isInstructor(userId) {
      if (users.has(userId)) return true;
      const cached = cache.get(userId);
      if (cached && cached.expiresMs > now()) return cached.isInstructor;
      let isInstructor = false;
      try {
        isInstructor = (await isAdmin(userId)) || (await isGroupMember(userId));
      } catch (error) {
        logger.warn('could not look up instructor status; treating the user as a student', { userId, error });
        return false;
      }
      cache.set(userId, { isInstructor, expiresMs: now() + CACHE_MS });
      return isInstructor;
    },
  };
}
