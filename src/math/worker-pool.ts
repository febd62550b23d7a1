/** A pool of render threads: keeps drawing off the event loop and replaces any thread that overruns its time budget. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { deserializeError, type JobOutput, type RenderJob, type SerializedError } from './render-job.ts';
import type { RenderLimits } from './render-limits.ts';
import { TexError } from './tex-error.ts';
import { UserFacingError } from '../errors.ts';

const WORKER_HEAP_MB = 512;
const MAX_QUEUED_JOBS = 1000;
/** Threads that die before they are ready, in a row, before the pool gives up (a broken install, not bad TeX). */
const MAX_START_FAILURES = 3;
/** Compiled (dist/) the worker is plain JavaScript; run from the TypeScript sources it needs tsx. */
const IS_COMPILED = import.meta.url.endsWith('.js');
const WORKER_URL = new URL(IS_COMPILED ? './render-worker.js' : './render-worker.ts', import.meta.url);

/** The worker's entry: the compiled file, or a tiny ESM bootstrap that teaches the thread TypeScript first. */
function workerEntry(): URL {
  if (IS_COMPILED) return WORKER_URL;
  // tsx's ESM API (its `tsx/esm/api` import target): `--import tsx` in a worker's execArgv is ignored on Node 20.
  const tsxApi = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs'));
  return new URL(`data:text/javascript,${encodeURIComponent(
    `const { register } = await import(${JSON.stringify(tsxApi.href)}); register(); await import(${JSON.stringify(WORKER_URL.href)});`,
  )}`);
}

type WorkerMessage =
  | { kind: 'ready' }
  | { kind: 'fontLoading'; ms: number }
  | { kind: 'done'; id: number; output: JobOutput }
  | { kind: 'failed'; id: number; error: SerializedError };

interface PendingJob {
  readonly id: number;
  readonly job: RenderJob;
  readonly resolve: (output: JobOutput) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  isReady: boolean;
  current?: PendingJob;
  timer?: NodeJS.Timeout;
  /** When the current job's time is up (performance.now()). */
  deadline?: number;
}

/** Runs render jobs on worker threads, one job per thread at a time, with a per-job time budget. */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: PendingJob[] = [];
  private nextId = 1;
  private isClosed = false;
  private startFailures = 0;
  private startError: Error | undefined;

  constructor(size: number, private readonly limits: RenderLimits) {
    for (let index = 0; index < size; index++) this.slots.push(this.spawn());
  }

  /** Queues a job; rejects with TexError if it overruns the budget (its thread is replaced). */
  run(job: RenderJob): Promise<JobOutput> {
    if (this.isClosed) return Promise.reject(new Error('The math renderer is closed'));
    if (this.startError) return Promise.reject(this.startError);
    if (this.queue.length >= MAX_QUEUED_JOBS) {
      return Promise.reject(new UserFacingError('Too many formulas are waiting to be drawn; try again in a moment.'));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every thread; queued jobs are rejected. */
  async close(): Promise<void> {
    this.isClosed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error('The math renderer is closed'));
    await Promise.all(this.slots.map(async (slot) => {
      clearTimeout(slot.timer);
      slot.current?.reject(new Error('The math renderer is closed'));
      await slot.worker.terminate();
    }));
  }

  private spawn(): Slot {
    const worker = new Worker(workerEntry(), {
      // Not the parent's flags: `node --input-type=module -e` would make the worker read its entry as that input type.
      execArgv: [],
      workerData: { limits: this.limits },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    const slot: Slot = { worker, isReady: false };
    worker.on('message', (message: WorkerMessage) => this.receive(slot, message));
    worker.on('error', (error) => this.replace(slot, new Error(`A render worker crashed: ${error.message}`, { cause: error })));
    worker.on('exit', () => this.replace(slot, new Error('A render worker stopped unexpectedly')));
    worker.unref();
    return slot;
  }

  private receive(slot: Slot, message: WorkerMessage): void {
    if (message.kind === 'ready') {
      slot.isReady = true;
      this.startFailures = 0;
    }
    else if (message.kind === 'fontLoading') {
      const pending = slot.current;
      if (pending && slot.deadline !== undefined) {
        clearTimeout(slot.timer);
        slot.deadline += message.ms;
        slot.timer = setTimeout(() => this.timeOut(slot, pending), Math.max(0, slot.deadline - performance.now()));
      }
      return;
    }
    else if (slot.current?.id === message.id) {
      clearTimeout(slot.timer);
      const { current } = slot;
      slot.current = undefined;
      if (message.kind === 'done') current.resolve(restoreBuffer(message.output));
      else current.reject(deserializeError(message.error));
    }
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.isReady || slot.current || this.queue.length === 0) continue;
      const pending = this.queue.shift() as PendingJob;
      slot.current = pending;
      slot.deadline = performance.now() + this.limits.renderTimeoutMs;
      slot.timer = setTimeout(() => this.timeOut(slot, pending), this.limits.renderTimeoutMs);
      slot.worker.postMessage({ id: pending.id, job: pending.job });
    }
    this.holdProcessOpen();
  }

  /** Idle threads must not keep the process alive, but pending work must. */
  private holdProcessOpen(): void {
    for (const slot of this.slots) {
      if (slot.current || (!slot.isReady && this.queue.length > 0)) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  private timeOut(slot: Slot, pending: PendingJob): void {
    if (slot.current !== pending) return;
    const tex = 'tex' in pending.job ? pending.job.tex : pending.job.markdown;
    this.replace(slot, TexError.at(`Drawing took longer than ${this.limits.renderTimeoutMs} ms and was stopped`, tex.slice(0, 200)));
  }

  /** Fails the slot's job, terminates its thread and starts a fresh one in its place. */
  private replace(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0 || this.isClosed) return;
    clearTimeout(slot.timer);
    slot.current?.reject(error);
    slot.current = undefined;
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => undefined);
    void slot.worker.terminate();
    if (!slot.isReady && ++this.startFailures >= MAX_START_FAILURES) {
      this.startError = new Error(`Render workers fail to start: ${error.message}`, { cause: error });
      for (const pending of this.queue.splice(0)) pending.reject(this.startError);
      this.slots.splice(index, 1);
      return;
    }
    this.slots[index] = this.spawn();
    this.dispatch();
  }
}

function restoreBuffer(output: JobOutput): JobOutput {
  if (output.kind !== 'image') return output;
  return { ...output, png: Buffer.from(output.png.buffer, output.png.byteOffset, output.png.byteLength) };
}
