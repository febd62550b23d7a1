/**
 * Solve leases: a solve holds a lease in the store and renews it while R1 streams. A lease that
 * was not renewed in time, or whose process is known to be dead, has lapsed: the work it guarded
 * is free to be taken over (Retry, the start-up sweep, a second process waiting on the same problem).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** How long a lease lasts without renewal. */
export const SOLVE_LEASE_MS = 15_000;
/** Renewals per lease period: a process must miss all of them (dead, or its loop blocked) to lose it. */
const RENEWALS_PER_LEASE = 3;

/** Who holds a piece of work and until when. */
export interface SolveLease {
  /** Unique per claim, so a renewal never extends someone else's claim. */
  readonly id: string;
  /** The holding process's host name and pid, so a restart on the same host can tell it died. */
  readonly host: string;
  readonly pid: number;
  /** Unique per process lifetime (a restarted container may get the same pid). */
  readonly processId: string;
  /** ISO time the lease lapses unless renewed. */
  readonly expiresAt: string;
}

const PROCESS_ID = randomBytes(6).toString('hex');

/** A new lease for this process, valid for `leaseMs` from `nowMs`. */
export function takeLease(nowMs: number, leaseMs: number): SolveLease {
  return { id: randomBytes(6).toString('hex'), host: hostname(), pid: process.pid, processId: PROCESS_ID, expiresAt: new Date(nowMs + leaseMs).toISOString() };
}

/** The same lease, extended to `leaseMs` from `nowMs`. */
export function renewLease(lease: SolveLease, nowMs: number, leaseMs: number): SolveLease {
  return { ...lease, expiresAt: new Date(nowMs + leaseMs).toISOString() };
}

/** Whether the lease still holds: not expired, and not held by a process known to have died. */
export function isLeaseLive(lease: SolveLease | undefined, nowMs: number): boolean {
  if (!lease || Date.parse(lease.expiresAt) <= nowMs) return false;
  return !isHolderDead(lease);
}

/** How often a holder renews a lease of `leaseMs`. */
export function renewIntervalOf(leaseMs: number): number {
  return Math.max(Math.floor(leaseMs / RENEWALS_PER_LEASE), 1);
}

/**
 * Keeps renewing while `work` runs: `renew` is called every renewal interval (errors go to
 * `onError`; a lease that cannot be renewed simply lapses). The timer never keeps the process alive.
 */
export async function whileRenewing<T>(leaseMs: number, renew: () => Promise<unknown>, onError: (error: unknown) => void, work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => void renew().catch(onError), renewIntervalOf(leaseMs));
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** A lease from this host whose process is gone: lapsed at once, without waiting for it to expire. */
function isHolderDead(lease: SolveLease): boolean {
  if (lease.host !== hostname()) return false; // another machine: only expiry tells
  if (lease.processId === PROCESS_ID) return false;
  if (lease.pid === process.pid) return true; // an earlier life of this process (same pid after a restart)
  try {
    process.kill(lease.pid, 0);
    return false;
  } catch (error) {
    // EPERM: the pid is alive but someone else's; only ESRCH says it is gone.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
