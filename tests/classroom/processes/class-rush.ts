/**
 * One bot process of a class arriving at once: on "go" (a line on stdin) it starts practice (or
 * opens sessions for one owner) for its share of the class, all at the same time, through the
 * engine, and prints {"errors": [...]} when every one has finished.
 * Usage: node --import tsx class-rush.ts '<json RushPlan>'
 */
import { createInterface } from 'node:readline';
import { createStore, type Actor, type Store } from '../../../src/index.ts';
import { createRedisStore } from '../../../src/store/redis-store.ts';
import { openRushClassroom, rushStudent, type RushPlan } from './rush-plan.ts';

const plan = JSON.parse(process.argv[2] ?? '{}') as RushPlan;
const store: Store = plan.store === 'redis' ? await createRedisStore(plan.location) : await createStore({ kind: 'sqlite', dataDir: plan.location });
const { tutor, classroom } = openRushClassroom(store);
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) if (line === 'go') break;

const indexes = Array.from({ length: plan.count }, (_, offset) => plan.from + offset);
const outcomes = await Promise.allSettled(indexes.map(async (index) => {
  if (plan.mode === 'opens') {
    const owner: Actor = { platform: 'discord', userId: plan.ownerId ?? 'owner', name: 'Owner' };
    const session = await tutor.open({ problem: `Solve x + ${index} = ${index + 2}`, owner });
    await tutor.solve(session.id);
    return;
  }
  const result = await classroom.practice(plan.space, rushStudent(index), { setId: plan.setId });
  if (result.kind === 'new') await tutor.solve(result.session.id);
}));
const errors = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [String(outcome.reason)] : []));
process.stdout.write(`${JSON.stringify({ errors })}\n`);
await store.close();
process.exit(0);
