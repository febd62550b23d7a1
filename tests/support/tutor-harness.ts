/** Builds a Tutor on an in-memory (or given) store with a scripted model, for engine and adapter tests. */
import { createAnswerChecker } from '../../src/answer-feedback.ts';
import { createMemoryStore, loadSolvePrompt, silentLogger, Tutor, type ReasoningModel, type Store, type TutorDependencies } from '../../src/index.ts';

/** A tutor, its store and a movable clock. */
export interface TutorHarness {
  readonly tutor: Tutor;
  readonly store: Store;
  /** Moves the tutor's clock forward. */
  advance(ms: number): void;
}

/** A Tutor over `model`, with an in-memory store unless one is given. */
export function createTutorHarness(model: ReasoningModel, overrides: Partial<TutorDependencies> = {}): TutorHarness {
  let nowMs = Date.parse('2026-11-28T12:00:00Z');
  const store = overrides.store ?? createMemoryStore();
  const tutor = new Tutor({
    store,
    model,
    prompt: loadSolvePrompt(),
    logger: silentLogger,
    checker: createAnswerChecker(),
    maxProblemChars: 4000,
    now: () => nowMs,
    ...overrides,
  });
  return { tutor, store, advance: (ms) => (nowMs += ms) };
}
