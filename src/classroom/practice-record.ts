/** Which sessions a student has opened for each problem of a set, and which sessions a set has. */
import { updateRecord, type Store, type Versioned } from '../store/store.ts';
import type { Actor } from '../session.ts';

/** One student's sessions in one set, by problem id (oldest first). */
export interface PracticeRecord extends Versioned {
  /** Problem id -> the sessions opened for it. */
  readonly sessions: Readonly<Record<string, readonly string[]>>;
}

/** Every session opened in a set, as it was stored before member lists: one document of ids. */
interface LegacySetSessions {
  readonly ids: readonly string[];
}

const practiceKey = (setId: string, student: Actor) => `practice:${setId}:${student.platform}:${student.userId}`;
const setSessionsKey = (setId: string) => `set-sessions:${setId}`;

/** The student's record in the set (empty when they have not started). */
export async function readPractice(store: Store, setId: string, student: Actor): Promise<PracticeRecord> {
  return (await store.get<PracticeRecord>(practiceKey(setId, student))) ?? { version: 0, sessions: {} };
}

/** Notes a new session for (set, problem, student) in both records. */
export async function recordPracticeSession(store: Store, setId: string, problemId: string, student: Actor, sessionId: string): Promise<void> {
  await updateRecord<PracticeRecord>(store, practiceKey(setId, student), (current) => ({
    version: current?.version ?? 0,
    sessions: { ...current?.sessions, [problemId]: [...(current?.sessions[problemId] ?? []), sessionId] },
  }));
  // The set's list is written by the whole class at once: one member per session, never a rewrite.
  await store.addMember(setSessionsKey(setId), sessionId);
}

/** Every session id opened in the set, oldest first. */
export async function readSetSessions(store: Store, setId: string): Promise<readonly string[]> {
  const legacy = (await store.get<LegacySetSessions>(setSessionsKey(setId)))?.ids ?? [];
  return [...new Set([...legacy, ...(await store.members(setSessionsKey(setId)))])];
}
