/**
 * A bot process that starts solving two problems and hangs mid-stream, for the crash tests: it
 * prints the session ids once both solves hold their lease, and waits to be killed.
 * Usage: node --import tsx solve-then-hang.ts <dataDir>
 */
import { createStore } from '../../../src/index.ts';
import { FakeReasoningModel, LINEAR_EQUATION, r1Events } from '../../fakes/fake-reasoning-model.ts';
import { createTutorHarness } from '../../support/tutor-harness.ts';

const [dataDir = ''] = process.argv.slice(2);
const store = await createStore({ kind: 'sqlite', dataDir });
const model = new FakeReasoningModel([r1Events(LINEAR_EQUATION.reasoning, LINEAR_EQUATION.answer)]);
model.hold(); // R1 streams its first chunk, then nothing more until this process dies
const { tutor } = createTutorHarness(model, { store, now: Date.now });
const owner = { platform: 'cli', userId: 'ada', name: 'Ada' };
const sessions = await Promise.all(['Solve 2x + 3 = 7', 'Solve 3x + 1 = 7'].map((problem) => tutor.open({ problem, owner })));
for (const session of sessions) void tutor.solve(session.id);
while (model.calls < sessions.length) await new Promise((resolve) => setTimeout(resolve, 5));
process.stdout.write(`${JSON.stringify(sessions.map((session) => session.id))}\n`);
setInterval(() => {}, 60_000);
