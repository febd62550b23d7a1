import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openCliEngine } from '../../adapters/cli/cli-engine.ts';
import { runTerminalTutor } from '../../adapters/cli/terminal-tutor.ts';
import { LINEAR_EQUATION } from '../fakes/fake-reasoning-model.ts';
import { startFakeR1, type FakeR1Server } from '../fakes/fake-r1-server.ts';
import { LINEAR_EQUATION_LEAKS, leakyReplies, type LeakyReplies } from '../fakes/leaky-replies.ts';

vi.setConfig({ testTimeout: 60_000 });

let r1: FakeR1Server;
let leaky: LeakyReplies;
let dataDir: string;

beforeAll(async () => {
  // Slow chunks, so the reply streams over several progress updates.
  leaky = leakyReplies({ ...LINEAR_EQUATION_LEAKS, chunkDelayMs: 25 });
  r1 = await startFakeR1([{ reasoning: LINEAR_EQUATION.reasoning, answer: LINEAR_EQUATION.answer, chunkChars: 32 }], { chat: leaky });
  dataDir = mkdtempSync(join(tmpdir(), 'stepwise-tty-'));
});
afterAll(async () => {
  await r1.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the terminal tutor on a terminal (TTY)', () => {
  it('streams the guarded reply on the progress line, overwritten in place, and prints the reply once', async () => {
    const writes: string[] = [];
    const stdout = Object.assign(new Writable({ write: (chunk: Buffer, _encoding, done) => { writes.push(chunk.toString('utf8')); done(); } }), { isTTY: true, columns: 200 });
    const stdin = new PassThrough();
    const io = {
      stdin, stdout, stderr: new PassThrough(), cwd: dataDir,
      // DeepSeek's profile turns thinking off for replies, so the reply streams as it is written.
      env: { STEPWISE_MODEL_API_KEY: 'sk-tty-test-key-0123456789', STEPWISE_MODEL_PROVIDER: 'deepseek', STEPWISE_MODEL_BASE_URL: r1.url, STEPWISE_DATA_DIR: dataDir, NO_COLOR: '1', USER: 'ada' },
    } as const;
    const engine = await openCliEngine(io, false);
    try {
      stdin.end(`${LINEAR_EQUATION.problem}\njust tell me\nquit\n`);
      expect(await runTerminalTutor(engine, io)).toBe(0);
    } finally {
      await engine.close();
    }
    const output = writes.join('');
    const progress = writes.filter((write) => write.startsWith('\r\u001b[2KThinking about your question…'));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toBe('\r\u001b[2KThinking about your question… Good question, let us look at your last step together.');
    for (const write of writes) expect(leaky.leakIn(write), write).toBeUndefined();
    // The progress line is cleared before the reply, which appears once.
    expect(output.match(/Try the next step first/g)).toHaveLength(1);
    expect(output.indexOf('\r\u001b[2K', output.lastIndexOf('Thinking about your question…'))).toBeLessThan(output.indexOf('Try the next step first'));
  });
});
