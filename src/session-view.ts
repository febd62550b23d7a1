/** Builds the views of a session: its hints and the buttons its state and policy allow. */
import { mayOpenHint, mayRevealAnswer, mayShowReasoning, type Decision } from './policy.ts';
import { hintsAvailable, isAnswerShown, policyStateOf, type Session } from './session.ts';
import { actionId, type Action, type Delivery, type Tone, type View, type ViewPart } from './views.ts';

/** Shown while R1 prepares a set problem's generated hints. */
export const MORE_HINTS_COMING = 'More hints are on the way: R1 is still working on this problem. You can check an answer meanwhile.';
/** Shown when R1 could not add hints to a set problem. */
export const MORE_HINTS_UNAVAILABLE = "More hints are unavailable for now. Your instructor's hints and answer checking still work.";

/** May the student open the next rung now (the last rung is gated as the answer)? */
export function nextRungDecision(session: Session, nowMs: number): Decision {
  const total = session.ladder?.rungs.length ?? 0;
  if (session.status !== 'ready') return { allowed: false, reason: 'The hints are not ready yet.' };
  if (session.revealed >= total) return { allowed: false, reason: 'You have seen every hint, including the answer.' };
  // R1's rungs go before the answer: while they are coming, the answer is not the next hint.
  if (session.generation === 'pending' && session.revealed === total - 1) return { allowed: false, reason: MORE_HINTS_COMING };
  const state = policyStateOf(session);
  return session.revealed === total - 1 ? mayRevealAnswer(session.policy, state) : mayOpenHint(session.policy, state, nowMs);
}

/** The buttons for a session in its current state. */
export function actionsFor(session: Session, nowMs: number): Action[] {
  if (session.status === 'failed') {
    return [{ kind: 'retry', id: actionId('retry', session.id), label: 'Retry', enabled: true }];
  }
  if (session.status !== 'ready' || !session.ladder) return [];
  const total = session.ladder.rungs.length;
  const state = policyStateOf(session);
  const next = nextRungDecision(session, nowMs);
  const reasoning = session.reasoning ? mayShowReasoning(session.policy, state) : { allowed: false as const, reason: 'R1 gave no reasoning for this problem.' };
  const reveal = isAnswerShown(session) ? { allowed: false as const, reason: 'The answer is already shown.' } : mayRevealAnswer(session.policy, state);
  const check = session.isSolved ? { allowed: false as const, reason: 'Solved! Start a new problem whenever you like.' } : { allowed: true as const };
  return [
    action('next-hint', session, nextHintLabel(session, total), next, session.revealed),
    action('check-answer', session, 'Check answer', check),
    action('show-reasoning', session, 'Show reasoning', reasoning),
    action('reveal-answer', session, 'Reveal answer', reveal),
  ];
}

/** The rung at `index` (0-based) as a view part, counted among the hints the student can open. */
export function hintPart(session: Session, index: number): ViewPart {
  const rungs = session.ladder?.rungs ?? [];
  const rung = rungs[index];
  if (!rung) throw new Error(`Session ${session.id} has no rung ${index}`);
  const total = hintsAvailable(session);
  return { type: 'hint', kind: rung.kind, index: rung.kind === 'answer' ? total + 1 : index + 1, total, markdown: rung.text };
}

/** "Next hint (2/3)": the count is of the hints this student can open (maxHints caps it), not of the ladder. */
function nextHintLabel(session: Session, total: number): string {
  const available = hintsAvailable(session);
  if (session.revealed >= total - 1 && session.revealed < total) return 'Next hint (answer)';
  return `Next hint (${Math.min(session.revealed + 1, Math.max(available, 1))}/${available})`;
}

/** The problem and every rung revealed so far, with the current buttons (for resume). */
export function sessionView(session: Session, nowMs: number, notice?: string): View {
  const parts: ViewPart[] = [{ type: 'problem', markdown: session.problem }];
  for (let index = 0; index < session.revealed; index++) parts.push(hintPart(session, index));
  const total = session.ladder?.rungs.length ?? 0;
  if (session.answerRevealed && session.revealed < total) parts.push(hintPart(session, total - 1));
  if (session.status === 'failed' && session.failure) parts.push({ type: 'text', markdown: session.failure });
  if (session.status === 'solving') parts.push({ type: 'text', markdown: 'R1 is still working on this problem.' });
  if (session.generation === 'pending') parts.push({ type: 'text', markdown: MORE_HINTS_COMING });
  if (session.generation === 'failed') parts.push({ type: 'text', markdown: MORE_HINTS_UNAVAILABLE });
  if (notice) parts.push({ type: 'text', markdown: notice });
  return { ...viewOf(session, parts, nowMs, session.status === 'failed' ? 'error' : 'info'), ...deliveryOf(session) };
}

/** A freshly solved session: the problem and its first rung, handed out for delivery. */
export function firstView(session: Session, nowMs: number): View {
  const parts: ViewPart[] = [{ type: 'problem', markdown: session.problem }, ...(session.revealed > 0 ? [hintPart(session, 0)] : [])];
  return { ...viewOf(session, parts, nowMs), ...deliveryOf(session) };
}

/** The pending rung a view of the whole session carries, so re-posting it confirms (or fails) that rung. */
function deliveryOf(session: Session): { delivery?: Delivery } {
  const pending = session.pendingDelivery;
  return pending && pending.rung === session.revealed ? { delivery: { sessionId: session.id, rung: pending.rung } } : {};
}

/** A view of `parts` with the session's current buttons. */
export function viewOf(session: Session, parts: ViewPart[], nowMs: number, tone: Tone = 'info', isPrivate = false): View {
  return { sessionId: session.id, tone, parts, actions: actionsFor(session, nowMs), isPrivate };
}

function action(kind: Action['kind'], session: Session, label: string, decision: Decision, seen?: number): Action {
  return {
    kind,
    id: actionId(kind, session.id, seen),
    label,
    enabled: decision.allowed,
    ...(decision.allowed ? {} : { reason: decision.reason }),
  };
}
