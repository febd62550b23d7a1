/**
 * Delivery-safe reveals, as pure session transitions. A rung is handed out (pending) when a click
 * reveals it; the adapter confirms the post, or reports its failure and the rung is rolled back so
 * the student's next click delivers it again. A rung never confirmed (the process died between
 * commit and post) is presumed lost after DELIVERY_CONFIRM_MS and treated as failed.
 */
import type { Session } from './session.ts';

/** How long a handed-out rung may stay unconfirmed before a click from the rung before re-delivers it. */
export const DELIVERY_CONFIRM_MS = 30_000;

/** The session with rung `rung` (1-based) revealed and waiting for its delivery to be confirmed. */
export function handOut(session: Session, rung: number, nowMs: number): Session {
  // A retried delivery keeps the hint clock of the original attempt, so the rung is not gated twice.
  const before = session.pendingDelivery?.rung === rung ? session.pendingDelivery.before : { lastHintAt: session.lastHintAt, attemptsAtLastHint: session.attemptsAtLastHint };
  return {
    ...session,
    revealed: rung,
    lastHintAt: new Date(nowMs).toISOString(),
    attemptsAtLastHint: session.attempts.length,
    pendingDelivery: { rung, since: new Date(nowMs).toISOString(), before },
    undeliveredRung: undefined,
  };
}

/** The session once rung `rung` was posted (unchanged when that rung is not the pending one). */
export function confirmDelivery(session: Session, rung: number): Session | undefined {
  return session.pendingDelivery?.rung === rung ? { ...session, pendingDelivery: undefined } : undefined;
}

/** The session with rung `rung` rolled back after its post failed: it counts as unseen and the next click re-delivers it. */
export function failDelivery(session: Session, rung: number): Session | undefined {
  const pending = session.pendingDelivery;
  if (pending?.rung !== rung || session.revealed !== rung) return undefined;
  return {
    ...session,
    revealed: rung - 1,
    lastHintAt: pending.before.lastHintAt,
    attemptsAtLastHint: pending.before.attemptsAtLastHint,
    pendingDelivery: undefined,
    undeliveredRung: rung,
  };
}

/**
 * The session as a click having seen `seen` rungs finds it: a button of the pending rung proves it
 * arrived; a pending rung unconfirmed for too long is presumed lost and rolled back.
 */
export function settleDelivery(session: Session, seen: number, nowMs: number): Session {
  const pending = session.pendingDelivery;
  if (!pending) return session;
  if (seen >= pending.rung) return { ...session, pendingDelivery: undefined };
  if (nowMs - Date.parse(pending.since) >= DELIVERY_CONFIRM_MS) return failDelivery(session, pending.rung) ?? session;
  return session;
}

/**
 * The rung count a click is taken to have seen: after a failed delivery any click (Next, a stale
 * button, a double click) re-delivers the lost rung instead of saying it was already seen.
 */
export function effectiveSeen(session: Session, seen: number): number {
  return session.undeliveredRung === session.revealed + 1 && seen <= session.revealed ? session.revealed : seen;
}
