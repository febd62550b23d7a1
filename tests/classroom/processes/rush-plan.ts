/** What each process of the class-rush test does, and the classroom both processes build the same way. */
import { createAnswerChecker } from '../../../src/answer-feedback.ts';
import { Classroom, ModelError, type Actor, type Space, type Store } from '../../../src/index.ts';
import { FakeReasoningModel, r1Events } from '../../fakes/fake-reasoning-model.ts';
import { createTutorHarness } from '../../support/tutor-harness.ts';

/** One process's share of the rush. */
export interface RushPlan {
  readonly store: 'sqlite' | 'redis';
  /** The SQLite data directory or the Redis URL. */
  readonly location: string;
  readonly mode: 'practice' | 'opens';
  readonly space: Space;
  readonly setId: string;
  /** For `opens`: the one owner of every session. */
  readonly ownerId?: string;
  /** Students (or opens) `from` .. `from + count - 1`. */
  readonly from: number;
  readonly count: number;
}

/** The set the class practises. */
export const RUSH_SET = `
id: rush
title: Rush hour
problems:
  - id: linear
    statement: Solve $2x + 3 = 7$.
    answer: x = 2
    hints:
      - What do you do first to isolate $2x$?
`;

/** The student with this number. */
export function rushStudent(index: number): Actor {
  return { platform: 'discord', userId: `student-${index}`, name: `Student ${String(index).padStart(3, '0')}` };
}

/** A tutor and classroom over `store`, with an R1 that streams like a network (yielding between chunks). */
export function openRushClassroom(store: Store) {
  const model = new FakeReasoningModel((prompt) => {
    const sum = /x \+ (\d+) = (\d+)/.exec(prompt);
    if (prompt.includes('2x + 3 = 7')) return r1Events('2x = 4 so x = 2.', 'Step 1\nHint: Subtract 3.\nWork: $2x = 4$.\n\nFinal answer: $\\boxed{x = 2}$');
    if (sum) return r1Events('Subtract.', `Step 1\nHint: Subtract ${sum[1]}.\nWork: $x = 2$.\n\nFinal answer: $\\boxed{2}$`);
    return new ModelError('unexpected prompt', 'The rush test asked R1 something unexpected.', false);
  }, 'fake-r1', true);
  const { tutor } = createTutorHarness(model, { store, now: Date.now });
  const classroom = new Classroom({ tutor, store, checker: createAnswerChecker(), prices: { inputPerMillion: 0.55, outputPerMillion: 2.19 } });
  return { tutor, classroom, model };
}
