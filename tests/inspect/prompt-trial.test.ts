import { describe, expect, it } from 'vitest';
import { createAnswerChecker } from '../../src/answer-feedback.ts';
import { createMemoryStore, createPromptTemplate, loadSolvePrompt, promptTrialTable, tryPrompt, type Store, type TrialProblem } from '../../src/index.ts';
import { LadderProvider } from '../../src/ladder-provider.ts';
import { FakeReasoningModel, r1Events } from '../fakes/fake-reasoning-model.ts';

const VARIANT = createPromptTemplate('{{problem}}\n\nCoach me: explain in plain paragraphs, then give the answer in \\boxed{}.\n');
const PROBLEMS: TrialProblem[] = [
  { id: 'linear', statement: 'Solve $2x + 3 = 7$.', reference: 'x = 2' },
  { id: 'square', statement: 'What is $7^2$?', reference: '49' },
];

/** The current prompt gets the Step format; the variant gets paragraphs that state the answer early, and a wrong square. */
function model() {
  return new FakeReasoningModel((prompt) => {
    const isVariant = prompt.includes('Coach me');
    if (prompt.includes('7^2')) {
      return isVariant
        ? r1Events('7 squared.', 'Seven squared means seven times itself.\n\nThat gives 48 in the end.\n\n$\\boxed{48}$')
        : r1Events('7 squared is 49.', 'Step 1\nHint: What does squaring mean?\nWork: Multiply $7$ by itself.\n\nStep 2\nHint: Multiply.\nWork: $7 \\times 7 = 49$.\n\nFinal answer: $\\boxed{49}$');
    }
    return isVariant
      ? r1Events('Subtract, divide.', 'First take 3 away from both sides of the equation, which leaves the term with x alone on the left.\n\nThen divide both sides by two, and you get x = 2.\n\n$\\boxed{x = 2}$')
      : r1Events('2x = 4, x = 2.', 'Step 1\nHint: Undo the +3.\nWork: $2x = 4$.\n\nStep 2\nHint: Undo the times 2.\nWork: $x = 2$.\n\nFinal answer: $\\boxed{x = 2}$');
  });
}

/** A store that counts every write made to it. */
function recordingStore(): Store & { writes: string[] } {
  const inner = createMemoryStore();
  const writes: string[] = [];
  return {
    writes,
    get: (key) => inner.get(key),
    set: async (key, value, ttlMs) => { writes.push(key); await inner.set(key, value, ttlMs); },
    swap: async (key, expected, value) => { writes.push(key); return inner.swap(key, expected, value); },
    delete: async (key) => { writes.push(key); return inner.delete(key); },
    addMember: async (key, member) => { writes.push(key); await inner.addMember(key, member); },
    removeMember: async (key, member) => { writes.push(key); return inner.removeMember(key, member); },
    members: (key, newest) => inner.members(key, newest),
    close: () => inner.close(),
  };
}

const prices = { inputPerMillion: 0.55, outputPerMillion: 2.19 };

describe('prompt try', () => {
  it('solves each problem with both prompts, side by side, and writes nothing to the shared store', async () => {
    const shared = recordingStore();
    const fake = model();
    const trial = await tryPrompt({ store: shared, model: fake, current: loadSolvePrompt(), variant: VARIANT, checker: createAnswerChecker(), prices }, PROBLEMS);
    expect(fake.calls).toBe(4);
    expect(shared.writes).toEqual([]);
    const square = trial.rows.find((row) => row.problemId === 'square');
    expect(square?.current).toMatchObject({ source: 'structured', r1Answer: '49', agrees: true, tokens: 510, origin: 'solved' });
    expect(square?.variant).toMatchObject({ source: 'answer-text', r1Answer: '48', agrees: false });
    const linear = trial.rows.find((row) => row.problemId === 'linear');
    expect(linear?.variant.leaksCaught).toBeGreaterThan(0);
    expect(trial.current).toMatchObject({ agreeing: 2, withReference: 2, usage: { promptTokens: 240 } });
    expect(trial.variant).toMatchObject({ agreeing: 1, withReference: 2 });
    expect(trial.variant.costUsd).toBeCloseTo((240 * 0.55 + 780 * 2.19) / 1e6, 10);

    const table = promptTrialTable(trial);
    expect(table).toContain(`Current prompt ${loadSolvePrompt().version} → variant ${VARIANT.version}, 2 problems`);
    expect(table).toContain('| problem | rungs | leaks caught | agrees with your answer | tokens |');
    expect(table).toMatch(/\| square \| \d+ → \d+ \| \d+ → \d+ \| yes \(49\) → no \(48\) \| 510 → 510 \|/);
    expect(table).toContain('| **total** |');
  });

  it('uses a ladder already cached for the current prompt without paying again, and still writes nothing', async () => {
    const shared = recordingStore();
    const fake = model();
    const current = loadSolvePrompt();
    await new LadderProvider(shared, fake, current).get(PROBLEMS[1]?.statement ?? '');
    shared.writes.length = 0;
    const trial = await tryPrompt({ store: shared, model: fake, current, variant: VARIANT, checker: createAnswerChecker(), prices }, PROBLEMS);
    expect(fake.calls).toBe(1 + 3);
    expect(trial.rows.find((row) => row.problemId === 'square')?.current.origin).toBe('cache');
    expect(shared.writes).toEqual([]);
  });

  it('re-builds recorded traces for the current side and solves only the variant', async () => {
    const fake = model();
    const recorded = [{ id: 'line 1', statement: 'What is $7^2$?', reference: '49', recorded: { reasoning: '7 times 7 is 49.', answer: 'It is $\\boxed{49}$.' } }];
    const trial = await tryPrompt({ store: recordingStore(), model: fake, current: loadSolvePrompt(), variant: VARIANT, checker: createAnswerChecker(), prices }, recorded);
    expect(fake.calls).toBe(1);
    expect(trial.rows[0]?.current).toMatchObject({ origin: 'recorded', r1Answer: '49', agrees: true });
    expect(trial.current.costUsd).toBe(0);
  });

  it('stores the variant’s solves in the shared cache only when promoted', async () => {
    const shared = recordingStore();
    const fake = model();
    await tryPrompt({ store: shared, model: fake, current: loadSolvePrompt(), variant: VARIANT, checker: createAnswerChecker(), prices }, PROBLEMS, { promote: true });
    const variantKeys = PROBLEMS.map((problem) => new LadderProvider(shared, fake, VARIANT).keyOf(problem.statement));
    // In-flight markers (one solve per problem across processes) come and go; the solves stay.
    expect(shared.writes.filter((key) => !key.endsWith(':in-flight')).sort()).toEqual([...variantKeys].sort());
  });
});
