import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createStore, type Actor, type Store } from '../../src/index.ts';
import { createRedisStore } from '../../src/store/redis-store.ts';
import { openRushClassroom, RUSH_SET, rushStudent, type RushPlan } from './processes/rush-plan.ts';

const CHILD = fileURLToPath(new URL('./processes/class-rush.ts', import.meta.url));
const CHILD_TIMEOUT_MS = 90_000;
const CLASS_SIZE = 200;
const OPENS = 500;
const teacher: Actor = { platform: 'discord', userId: 'teacher', name: 'Teacher', isInstructor: true };
const dataDir = mkdtempSync(join(tmpdir(), 'stepwise-rush-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
let runs = 0;

/** A second bot process, started and waiting for "go". */
async function startProcess(plan: RushPlan): Promise<{ go: () => Promise<string[]> }> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(plan)]);
  const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines: ((line: string) => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    let newline: number;
    while ((newline = stdout.indexOf('\n')) >= 0) {
      const line = stdout.slice(0, newline);
      stdout = stdout.slice(newline + 1);
      lines.shift()?.(line);
    }
  });
  const nextLine = () => new Promise<string>((resolve, reject) => {
    lines.push(resolve);
    child.once('exit', () => reject(new Error(`the second process ended early: ${stderr}`)));
  });
  const ready = await nextLine();
  if (ready !== 'ready') throw new Error(`unexpected first line ${ready}`);
  return {
    go: async () => {
      const result = nextLine();
      child.stdin.write('go\n');
      const { errors } = JSON.parse(await result) as { errors: string[] };
      clearTimeout(timer);
      return errors;
    },
  };
}

/** Runs `count` in each of two processes (this one and a child) at the same moment. */
async function rush(store: Store, plan: Omit<RushPlan, 'from' | 'count'>, total: number): Promise<string[]> {
  const half = total / 2;
  const other = await startProcess({ ...plan, from: half, count: half });
  const { tutor, classroom } = openRushClassroom(store);
  const here = Array.from({ length: half }, async (_, index) => {
    if (plan.mode === 'opens') {
      const session = await tutor.open({ problem: `Solve x + ${index} = ${index + 2}`, owner: { platform: 'discord', userId: plan.ownerId ?? 'owner', name: 'Owner' } });
      await tutor.solve(session.id);
      return;
    }
    const result = await classroom.practice(plan.space, rushStudent(index), { setId: plan.setId });
    if (result.kind === 'new') await tutor.solve(result.session.id);
  });
  const [theirs, ours] = await Promise.all([other.go(), Promise.allSettled(here)]);
  return [...theirs, ...ours.flatMap((outcome) => (outcome.status === 'rejected' ? [String(outcome.reason)] : []))];
}

describe.each([
  ['sqlite', async () => ({ store: await createStore({ kind: 'sqlite', dataDir }), location: dataDir })],
  ['redis', async () => ({ store: await createRedisStore(inject('redisUrl')), location: inject('redisUrl') })],
] as const)('a whole class at once on %s, two processes', (kind, open) => {
  it(`${CLASS_SIZE} students starting practice on one set: all ${CLASS_SIZE} are in the report`, async () => {
    const { store, location } = await open();
    const space = { platform: 'discord', id: `rush-${kind}-${runs++}-${Date.now()}` };
    const { classroom, tutor } = openRushClassroom(store);
    await classroom.upload(space, teacher, RUSH_SET);
    const errors = await rush(store, { store: kind, location, mode: 'practice', space, setId: 'rush' }, CLASS_SIZE);
    expect(errors).toEqual([]);
    const { report } = await classroom.report(space, teacher, 'rush');
    expect(report.rows).toHaveLength(CLASS_SIZE);
    expect(new Set(report.rows.map((row) => row.studentId)).size).toBe(CLASS_SIZE);
    expect(report.problems[0]).toMatchObject({ students: CLASS_SIZE });
    // Every one of them got the problem and a first hint, and none is stuck solving.
    expect(report.rows.every((row) => row.hintsOpened === 1)).toBe(true);
    expect(await tutor.sweepLapsedSolves()).toEqual([]);
    await store.close();
  }, 120_000);

  it(`${OPENS} sessions opened by one owner at once: all listed, none stuck`, async () => {
    const { store, location } = await open();
    const ownerId = `owner-${kind}-${runs++}-${Date.now()}`;
    const errors = await rush(store, { store: kind, location, mode: 'opens', space: { platform: 'discord', id: 'unused' }, setId: '', ownerId }, OPENS);
    expect(errors).toEqual([]);
    const { tutor } = openRushClassroom(store);
    const listed = await tutor.sessions({ platform: 'discord', userId: ownerId }, OPENS);
    expect(listed).toHaveLength(OPENS);
    expect(listed.filter((summary) => summary.progress === 'solving')).toEqual([]);
    expect(listed.every((summary) => /^hint 1 of \d+$/.test(summary.progress))).toBe(true);
    await store.close();
  }, 120_000);
});
