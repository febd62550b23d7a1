/**
 * Decides who is an instructor: workspace admins and owners, plus configured users and user groups.
 * Lookups run on their own client lane, are cached, and are prefetched (admins and group members
 * at start-up, each user at their first click), so a 3-second trigger never waits for one.
 */
import type { Logger } from '../../src/index.ts';
import type { SlackClient } from './slack-context.ts';

/** Answers "is this user an instructor?", caching what Slack says for a while. */
export interface InstructorDirectory {
  /** True for admins, owners, listed users and members of listed user groups (looks the user up when not cached). */
  isInstructor(userId: string): Promise<boolean>;
  /** What the cache knows right now (possibly a little stale), without calling Slack: undefined when it does not know. */
  cached(userId: string): boolean | undefined;
  /** Starts a background lookup of `userId` unless the cache already knows them. */
  prefetch(userId: string): void;
  /** Loads the workspace's admins and owners (users.list) and the listed groups' members. */
  warm(): Promise<void>;
}

const CACHE_MS = 5 * 60_000;
const USER_GROUP_PREFIX = 'S';
const USERS_PAGE = 200;
const MAX_USER_PAGES = 50;

interface SlackUser {
  readonly id?: string;
  readonly is_admin?: boolean;
  readonly is_owner?: boolean;
  readonly is_primary_owner?: boolean;
}

/** Looks instructors up with `users.info`, `users.list` and `usergroups.users.list` through `client` (the lookups lane). */
export function createInstructorDirectory(client: SlackClient, configuredIds: readonly string[], logger: Logger, now: () => number = Date.now): InstructorDirectory {
  const users = new Set(configuredIds.filter((id) => !id.startsWith(USER_GROUP_PREFIX)));
  const groups = configuredIds.filter((id) => id.startsWith(USER_GROUP_PREFIX));
  const cache = new Map<string, { isInstructor: boolean; expiresMs: number }>();
  const groupMembers = new Set<string>();
  const inFlight = new Map<string, Promise<boolean>>();
  const remember = (userId: string, isInstructor: boolean) => cache.set(userId, { isInstructor, expiresMs: now() + CACHE_MS });
  const isAdmin = (user: SlackUser | undefined) => user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true;

  const isFresh = (userId: string) => users.has(userId) || groupMembers.has(userId) || (cache.get(userId)?.expiresMs ?? 0) > now();
  const cached = (userId: string): boolean | undefined => {
    if (users.has(userId) || groupMembers.has(userId)) return true;
    return cache.get(userId)?.isInstructor;
  };
  const lookUp = (userId: string): Promise<boolean> => {
    const running = inFlight.get(userId);
    if (running) return running;
    const lookup = (async () => {
      const { user } = await client.users.info({ user: userId });
      let isInstructor = isAdmin(user);
      for (const usergroup of groups) {
        if (isInstructor) break;
        const { users: members } = await client.usergroups.users.list({ usergroup });
        isInstructor = members?.includes(userId) === true;
      }
      remember(userId, isInstructor);
      return isInstructor;
    })().finally(() => inFlight.delete(userId));
    inFlight.set(userId, lookup);
    return lookup;
  };

  return {
    async isInstructor(userId) {
      const known = cached(userId);
      if (known !== undefined && isFresh(userId)) return known;
      try {
        return await lookUp(userId);
      } catch (error) {
        if (known !== undefined) return known;
        logger.warn('could not look up instructor status; treating the user as a student', { userId, error });
        return false;
      }
    },
    cached,
    prefetch(userId) {
      if (isFresh(userId)) return;
      lookUp(userId).catch((error: unknown) => logger.warn('could not prefetch instructor status', { userId, error }));
    },
    async warm() {
      for (const usergroup of groups) {
        const { users: members } = await client.usergroups.users.list({ usergroup });
        for (const member of members ?? []) groupMembers.add(member);
      }
      let cursor: string | undefined;
      for (let page = 0; page < MAX_USER_PAGES; page++) {
        const listed = await client.users.list({ limit: USERS_PAGE, ...(cursor ? { cursor } : {}) });
        // Everyone listed is known afterwards, admin or not, so a first click needs no users.info either.
        for (const member of (listed.members ?? []) as SlackUser[]) if (member.id) remember(member.id, isAdmin(member));
        cursor = listed.response_metadata?.next_cursor || undefined;
        if (!cursor) break;
      }
    },
  };
}
