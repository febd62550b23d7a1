/** The engine's Actor for a Slack user, and the Space of a Slack workspace. */
import type { Actor, Space } from '../../src/index.ts';
import type { SlackContext } from './slack-context.ts';

/** Platform name Slack sessions are stored under. */
export const SLACK_PLATFORM = 'slack';

/** The Actor for `userId`, with instructor status looked up (and cached) through Slack. */
export async function actorOf(context: SlackContext, userId: string, name?: string): Promise<Actor> {
  return { platform: SLACK_PLATFORM, userId, name, isInstructor: await context.instructors.isInstructor(userId) };
}

/** The workspace `teamId` as the engine's Space: its problem sets, progress and defaults. */
export function spaceOf(teamId: string): Space {
  return { platform: SLACK_PLATFORM, id: teamId };
}
