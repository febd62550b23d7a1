/** The engine's Actor for a Slack user. */
import type { Actor } from '../../src/index.ts';
import type { SlackContext } from './slack-context.ts';

/** Platform name Slack sessions are stored under. */
export const SLACK_PLATFORM = 'slack';

/** The Actor for `userId`, with instructor status looked up (and cached) through Slack. */
export async function actorOf(context: SlackContext, userId: string, name?: string): Promise<Actor> {
  return { platform: SLACK_PLATFORM, userId, name, isInstructor: await context.instructors.isInstructor(userId) };
}
