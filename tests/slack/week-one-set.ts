/** A small problem set and a scripted R1 that disagrees with the instructor on one of its problems. */
import type { Actor, Space } from '../../src/index.ts';
import { TEACHER } from './slack-harness.ts';

/** The fake workspace every test command comes from. */
export const SPACE: Space = { platform: 'slack', id: 'T1' };
/** The instructor, as the engine sees them, for setting up sets without Slack. */
export const TEACHER_ACTOR: Actor = { platform: 'slack', userId: TEACHER, name: 'teacher', isInstructor: true };

/** Three problems; R1 gets the third wrong. */
export { WEEK_ONE_YAML as WEEK_1, weekOneR1 as scriptedR1 } from '../fixtures/week-one.ts';
