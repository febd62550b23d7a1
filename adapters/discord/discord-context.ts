/** What every Discord handler needs: the engine, the renderer, Discord's REST client and the clock. */
import type { REST } from 'discord.js';
import type { MathRenderer } from '../../src/math/index.ts';
import type { Classroom, Inspector, Logger, Store, Tutor } from '../../src/index.ts';
import type { InFlight } from './in-flight.ts';

/** Shared dependencies of the interaction handlers. */
export interface DiscordContext {
  /** The engine's use cases. */
  readonly tutor: Tutor;
  /** Problem sets, practice, reports and each server's defaults. */
  readonly classroom: Classroom;
  /** How ladders came to be, for instructors (Inspect). */
  readonly inspector: Inspector;
  /** The engine's store, where the adapter keeps which thread belongs to which session. */
  readonly store: Store;
  /** Draws problems and hints as PNG cards. */
  readonly renderer: MathRenderer;
  /** discord.js's REST client (bot token; webhook calls opt out of it). */
  readonly rest: REST;
  /** The operator's log. */
  readonly logger: Logger;
  /** Members with this role are instructors. */
  readonly instructorRoleId?: string;
  /** Clock in ms since epoch, to know when an interaction token has expired. */
  readonly now: () => number;
  /** Least time between two edits of a progress message. */
  readonly editIntervalMs: number;
  /** Running solves, aborted on shutdown. */
  readonly inFlight: InFlight;
}
