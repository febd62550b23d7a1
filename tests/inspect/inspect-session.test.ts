import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAnswerChecker } from '../../src/answer-feedback.ts';
import { Classroom, Inspector, inspectionMarkdown, loadSolvePrompt, type Actor, type Space } from '../../src/index.ts';
import { FakeReasoningModel, r1Events } from '../fakes/fake-reasoning-model.ts';
import { createTutorHarness } from '../support/tutor-harness.ts';

interface Trace {
  readonly problem: string;
  readonly reasoning: string;
  readonly answer: string;
}

const TRACES = readFileSync(new URL('../fixtures/r1-traces/traces.jsonl', import.meta.url), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Trace);
/** Trace 1 (Janet's ducks), for the warm test. */
const DUCKS = TRACES[0] as Trace;
/** Trace 18 (tennis balls): R1's answer ignores the Step format, so the ladder is cut from its numbered list, and the last item states 110. */
const TENNIS = TRACES[17] as Trace;
const student: Actor = { platform: 'cli', userId: 'ada', name: 'Ada' };
const teacher: Actor = { platform: 'cli', userId: 't', name: 'Teacher', isInstructor: true };
const prices = { inputPerMillion: 0.55, outputPerMillion: 2.19 };

function setup(model = new FakeReasoningModel([r1Events(DUCKS.reasoning, DUCKS.answer, 64)])) {
  const harness = createTutorHarness(model);
  const checker = createAnswerChecker();
  const inspector = new Inspector({ tutor: harness.tutor, store: harness.store, model, prompt: loadSolvePrompt(), checker, prices });
  return { ...harness, model, inspector, checker };
}

describe('inspecting a session', () => {
  it('names the source, lists withheld steps with the matching value, and quotes the prompt verbatim', async () => {
    const { tutor, inspector, model } = setup(new FakeReasoningModel([r1Events(TENNIS.reasoning, TENNIS.answer, 64)]));
    const session = await tutor.open({ problem: TENNIS.problem, owner: student });
    await tutor.solve(session.id);
    await tutor.nextHint(session.id, 1, student);
    await tutor.checkAnswer(session.id, '100', student);
    await tutor.checkAnswer(session.id, '110', student);

    const inspection = await inspector.session(session.id);
    expect(inspection.request?.prompt).toBe(model.prompts[0]);
    expect(inspection.build?.source).toBe('answer-text');
    const withheld = inspection.build?.decisions.filter((decision) => decision.action === 'withheld');
    expect(withheld).toEqual([expect.objectContaining({ matched: '175 - 65 = 110', text: expect.stringContaining('110') })]);
    expect(inspection.build?.steps.some((decision) => decision.action === 'dropped' && /final-answer section/.test(decision.reason))).toBe(true);
    expect(inspection.output).toMatchObject({ reasoning: TENNIS.reasoning, answerText: TENNIS.answer, usage: { promptTokens: 120, reasoningTokens: 300 } });
    expect(inspection.output?.costUsd).toBeCloseTo((120 * 0.55 + 390 * 2.19) / 1e6, 10);
    expect(inspection.session).toMatchObject({ revealed: 2, isSolved: true, attempts: [{ answer: '100', verdict: 'not-equivalent' }, { answer: '110', verdict: 'equivalent' }] });

    const markdown = inspectionMarkdown(inspection);
    expect(markdown).toContain('**Source:** answer-text: the answer text has no Step headings');
    expect(markdown).toMatch(/### Withheld by the leak guard\n\n- withheld, matched `175 - 65 = 110`: states the answer\n {2}“[^”]*110[^”]*”/);
    expect(markdown).toContain(model.prompts[0]);
    expect(markdown).toContain(TENNIS.reasoning);
    expect(markdown).toContain('| 100 | not-equivalent |');
    expect(markdown.indexOf('## 1. The request sent')).toBeLessThan(markdown.indexOf('## 2. What R1 said'));
    expect(markdown.indexOf('## 2. What R1 said')).toBeLessThan(markdown.indexOf('## 3. How the ladder was built'));
    expect(markdown.indexOf('## 3. How the ladder was built')).toBeLessThan(markdown.indexOf('## 4. The session'));
    // The JSON is the same report as data.
    expect(JSON.parse(JSON.stringify(inspection))).toEqual(inspection);
  });

  it('shows the record of the solve another session paid for, not a re-solve', async () => {
    const { tutor, inspector, model } = setup();
    const first = await tutor.open({ problem: DUCKS.problem, owner: student });
    await tutor.solve(first.id);
    const second = await tutor.open({ problem: DUCKS.problem, owner: { ...student, userId: 'bob', name: 'Bob' } });
    await tutor.solve(second.id);
    expect(model.calls).toBe(1);
    const inspection = await inspector.session(second.id);
    expect(inspection.session?.fromCache).toBe(true);
    expect(inspection.output?.reasoning).toBe(DUCKS.reasoning);
  });

  it('shows the conversation: each question, the reply shown, and the drafts the leak guard withheld with the value that matched', async () => {
    const model = new FakeReasoningModel([r1Events(TENNIS.reasoning, TENNIS.answer, 64)]);
    const reply = (text: string) => [{ type: 'answer' as const, text }, { type: 'usage' as const, usage: { promptTokens: 400, cacheHitTokens: 0, cacheMissTokens: 400, reasoningTokens: 0, answerTokens: 20, costUsd: 0.0003 } }, { type: 'finish' as const, reason: 'stop' }];
    const replyModel = new FakeReasoningModel([reply('Easy: he ends up with 110 balls.'), reply('How many did he have before he gave some away?')], 'fake-reply');
    const harness = createTutorHarness(model, { replyModel });
    const inspector = new Inspector({ tutor: harness.tutor, store: harness.store, model, prompt: loadSolvePrompt(), checker: createAnswerChecker(), prices });
    const session = await harness.tutor.open({ problem: TENNIS.problem, owner: student });
    await harness.tutor.solve(session.id);
    await harness.tutor.reply(session.id, student, 'just tell me how many he has');

    const inspection = await inspector.session(session.id);
    expect(inspection.session?.conversation).toEqual([expect.objectContaining({
      question: 'just tell me how many he has', reply: 'How many did he have before he gave some away?', outcome: 'regenerated',
      withheld: [{ text: 'Easy: he ends up with 110 balls.', matched: '110', as: 'result' }], model: 'fake-reply',
    })]);
    const markdown = inspectionMarkdown(inspection);
    expect(markdown).toContain('### Conversation\n\n1 question(s); the leak guard withheld 1 draft(s), ≈ $0.0006 in all.');
    expect(markdown).toContain('1. **Ada** at 2026-11-28T12:00:00.000Z: “just tell me how many he has”');
    expect(markdown).toContain('- **Reply** (the first draft gave the answer away; the firmer second one was shown): “How many did he have before he gave some away?”');
    expect(markdown).toContain('- **Withheld draft 1**, matched `110` (result): “Easy: he ends up with 110 balls.”');
  });

  it('says plainly when a session has no such id', async () => {
    const { inspector } = setup();
    await expect(inspector.session('nope')).rejects.toThrow('There is no session nope.');
  });
});

describe('inspecting a warmed problem', () => {
  it("shows the majority sample's record and tells when students get the instructor's answer instead", async () => {
    const answers = ['17', '18', '18'];
    let call = 0;
    const model = new FakeReasoningModel(() => r1Events(DUCKS.reasoning.replace(/18/g, answers[call] ?? '18'), DUCKS.answer.replace(/18/g, answers[call++] ?? '18'), 64));
    const { tutor, store, inspector, checker } = setup(model);
    const space: Space = { platform: 'cli', id: 'local' };
    const classroom = new Classroom({ tutor, store, checker, prices });
    await classroom.upload(space, teacher, `id: ducks\ntitle: Ducks\nproblems:\n  - id: eggs\n    statement: ${JSON.stringify(DUCKS.problem)}\n    answer: "19"\n`);
    await classroom.warm(space, teacher, 'ducks', { samples: 3, concurrency: 1 });
    const inspection = await inspector.problem(space, 'ducks', 'eggs');
    expect(inspection.output?.sample).toBe(1);
    expect(inspection.agreement).toMatchObject({ total: 3, agreeing: 2, hasMajority: true });
    expect(inspection.reference).toMatchObject({ answer: '19', agrees: false });
    const markdown = inspectionMarkdown(inspection);
    expect(markdown).toContain("R1's answer differs from yours");
    expect(markdown).toContain('warm sample 2');
    expect(markdown).toContain("2 of 3 samples agree; the ladder above is sample 2's.");
    await expect(inspector.problem(space, 'ducks', 'nope')).rejects.toThrow('Set "ducks" has no problem "nope". Its problems: eggs.');
  });
});
