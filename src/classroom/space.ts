/** Where a class meets: a Discord server, a Slack workspace, or this machine's terminal. */

/** One class's space on one surface. */
export interface Space {
  /** Surface name: `discord`, `slack`, `cli`. */
  readonly platform: string;
  /** The server, workspace or `local` id. */
  readonly id: string;
}

/** The store scope of a space's problem sets, progress and settings. */
export function scopeOf(space: Space): string {
  return `space:${space.platform}:${space.id}`;
}

/** The terminal's space: everything on this machine. */
export const LOCAL_SPACE: Space = { platform: 'cli', id: 'local' };
