/**
 * The instructor's Inspect, as Slack shortcuts: "Inspect" on a session's message (its parent, a
 * hint, the buttons, a reply in its thread), and "Inspect a problem" from the shortcuts menu for a
 * warmed problem of a set (or a session id). The report, the same Markdown as `stepwise inspect`,
 * arrives as a file in the instructor's DM with the bot: it holds R1's reasoning and the answer, so
 * students are told plainly that it is for instructors, and nothing is posted where others see it.
 */
import type { App, BlockAction, ButtonAction, MessageShortcut, RespondFn, types } from '@slack/bolt';
import { inspectionMarkdown, parseActionId, UserFacingError, type LadderInspection } from '../../src/index.ts';
import type { SlackClient, SlackContext } from './slack-context.ts';
import { postDirect, sendPrivateFile } from './direct-messages.ts';
import { logFailure, sentenceFor, slackErrorCode } from './slack-errors.ts';
import { escapeMrkdwn } from './slack-mrkdwn.ts';
import { spaceOf } from './slack-actor.ts';
import { INSPECT_GLOBAL_ID, INSPECT_MESSAGE_ID } from './slack-manifest.ts';

/** The modal the global shortcut opens. */
export const INSPECT_MODAL_ID = 'sw-inspect-modal';
/** Block and action ids of the modal's inputs. */
export const INSPECT_INPUTS = { session: 'session', set: 'set', problem: 'problem' } as const;

/** What a student who tries Inspect is told (ephemeral, or beside the modal's field). */
export const INSTRUCTORS_ONLY = 'Only instructors can inspect a ladder: the report shows R1\'s reasoning and the answer. Ask your instructor if a hint looks wrong.';
const NOT_A_SESSION = 'This message is not part of a Stepwise session I know. Use *Inspect* on a problem\'s message or its thread, or *Inspect a problem* from the shortcuts menu for a set.';
const UPLOADS_OFF = 'Slack would not take the report as a file (uploads are off in this workspace). On the bot\'s host, `npx stepwise inspect {target}` prints the same report.';
const MAX_ID_CHARS = 64;
/** How long a submission may wait for the inspection before it is acknowledged (Slack allows 3 s). */
const SUBMIT_BUDGET_MS = 1500;
const MAX_FIELD_ERROR_CHARS = 2000;
const FILE_SAFE = /[^A-Za-z0-9._-]+/g;

/** Action ids of the Inspect buttons under a warm summary (one per flagged problem). */
const INSPECT_BUTTON = /^sw-inspect-button:/;
/** Buttons in one actions block, well under Slack's 25. */
const MAX_INSPECT_BUTTONS = 10;
const BUTTON_TEXT_CHARS = 75;

/** What to inspect. */
type Target = { readonly kind: 'session'; readonly sessionId: string } | { readonly kind: 'problem'; readonly teamId: string; readonly setId: string; readonly problemId: string };

/** Registers both shortcuts and the modal's submission. */
export function registerInspectShortcuts(app: App, context: SlackContext): void {
  app.shortcut<MessageShortcut>({ type: 'message_action', callback_id: INSPECT_MESSAGE_ID }, async ({ ack, shortcut, respond }) => {
    await ack();
    context.tasks.run('inspect shortcut', async () => {
      let target: Target | undefined;
      try {
        if (!(await context.instructors.isInstructor(shortcut.user.id))) return await reply(respond, INSTRUCTORS_ONLY);
        const sessionId = await sessionOfMessage(context, shortcut);
        if (!sessionId) return await reply(respond, NOT_A_SESSION);
        target = { kind: 'session', sessionId };
        await sendInspection(context, shortcut.user.id, target, await inspect(context, target));
        await reply(respond, `The inspection of session ${sessionId} is in your DM with me, as a Markdown file.`);
      } catch (error) {
        logFailure(context.logger, 'inspect shortcut failed', error, { target });
        await reply(respond, (target && uploadsOff(error, target)) ?? (target ? inSlackWords(sentenceFor(error), target) : sentenceFor(error)));
      }
    });
  });

  app.shortcut({ type: 'shortcut', callback_id: INSPECT_GLOBAL_ID }, async ({ ack, shortcut, client }) => {
    await ack();
    // The trigger lasts 3 seconds: the modal opens first; who may use it is settled on submission.
    context.instructors.prefetch(shortcut.user.id);
    await openInspectModal(client, shortcut.trigger_id, shortcut.team?.id ?? '');
  });

  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: INSPECT_BUTTON }, async ({ ack, body, action, respond }) => {
    await ack();
    const { teamId = '', setId = '', problemId = '' } = JSON.parse(action.value ?? '{}') as { teamId?: string; setId?: string; problemId?: string };
    const target: Target = { kind: 'problem', teamId, setId, problemId };
    context.tasks.run('inspect button', async () => {
      try {
        if (!(await context.instructors.isInstructor(body.user.id))) return await reply(respond, INSTRUCTORS_ONLY);
        await sendInspection(context, body.user.id, target, await inspect(context, target));
      } catch (error) {
        logFailure(context.logger, 'inspect button failed', error, { target });
        await reply(respond, uploadsOff(error, target) ?? `Could not inspect ${describeTarget(target)}: ${inSlackWords(sentenceFor(error), target)}`);
      }
    });
  });

  app.view(INSPECT_MODAL_ID, async ({ ack, view, body }) => {
    const value = (id: string) => view.state.values[id]?.[id]?.value?.trim() ?? '';
    const teamId = body.team?.id ?? view.team_id;
    const sessionId = value(INSPECT_INPUTS.session);
    const setId = value(INSPECT_INPUTS.set);
    const problemId = value(INSPECT_INPUTS.problem);
    if (!sessionId && !(setId && problemId)) {
      const missing = setId ? INSPECT_INPUTS.problem : INSPECT_INPUTS.set;
      await ack({ response_action: 'errors', errors: { [missing]: 'Name a set and one of its problems, or a session id above.' } });
      return;
    }
    // Instructor status from the cache only: the submission must be answered within 3 seconds.
    if (context.instructors.cached(body.user.id) === false) {
      await ack({ response_action: 'errors', errors: { [sessionId ? INSPECT_INPUTS.session : INSPECT_INPUTS.set]: INSTRUCTORS_ONLY } });
      return;
    }
    const userId = body.user.id;
    const target: Target = sessionId ? { kind: 'session', sessionId } : { kind: 'problem', teamId, setId, problemId };
    // A wrong set, problem or session id is said in the modal, beside the field; the store answers in
    // milliseconds, and a slow one only moves the answer to the DM.
    const inspection = inspect(context, target);
    const early = await Promise.race([inspection.then(() => undefined, (error: unknown) => error), delay(SUBMIT_BUDGET_MS)]);
    if (early instanceof UserFacingError) {
      await ack({ response_action: 'errors', errors: { [fieldOf(target, early)]: inSlackWords(early.message, target).slice(0, MAX_FIELD_ERROR_CHARS) } });
      return;
    }
    await ack();
    context.tasks.run('inspect modal', async () => {
      try {
        if (!(await context.instructors.isInstructor(userId))) throw new UserFacingError(INSTRUCTORS_ONLY);
        await sendInspection(context, userId, target, await inspection);
      } catch (error) {
        logFailure(context.logger, 'inspect modal failed', error, { target });
        await postDirect(context.lanes.posts, userId, uploadsOff(error, target) ?? `Could not inspect ${describeTarget(target)}: ${inSlackWords(sentenceFor(error), target)}`);
      }
    });
  });
}

/** The field a refusal belongs beside: the session's, the problem's (a set without it), or the set's. */
function fieldOf(target: Target, error: UserFacingError): string {
  if (target.kind === 'session') return INSPECT_INPUTS.session;
  return /has no problem|has not been solved/.test(error.message) ? INSPECT_INPUTS.problem : INSPECT_INPUTS.set;
}

/** The inspector speaks the terminal's commands; here they are Slack's. */
function inSlackWords(message: string, target: Target): string {
  const setId = target.kind === 'problem' ? target.setId : '<set>';
  return message
    .replace('"stepwise problemset list" shows the sets.', '/problemset list shows the sets.')
    .replace('("stepwise problemset warm FILE")', `(/problemset warm ${setId})`)
    .replace(' "stepwise sessions" lists yours.', ' Use Inspect on a message of the session instead.');
}

function delay(ms: number): Promise<'slow'> {
  return new Promise((resolve) => setTimeout(() => resolve('slow'), ms).unref());
}

/**
 * An Inspect button for each of `problemIds` (the ones a warm flagged), for the warm summary in the
 * instructor's DM; undefined when there are none.
 */
export function inspectButtons(teamId: string, setId: string, problemIds: readonly string[]): types.ActionsBlock | undefined {
  if (problemIds.length === 0) return undefined;
  return {
    type: 'actions',
    elements: problemIds.slice(0, MAX_INSPECT_BUTTONS).map((problemId, index) => ({
      type: 'button' as const,
      action_id: `sw-inspect-button:${index}`,
      value: JSON.stringify({ teamId, setId, problemId }),
      text: { type: 'plain_text' as const, text: `Inspect ${problemId}`.slice(0, BUTTON_TEXT_CHARS) },
    })),
  };
}

/** Opens the "Inspect a problem" modal: a set and a problem id, or a session id. */
async function openInspectModal(client: SlackClient, triggerId: string, teamId: string): Promise<void> {
  const input = (id: string, label: string, hint: string, placeholder: string) => ({
    type: 'input' as const, block_id: id, optional: true,
    label: { type: 'plain_text' as const, text: label },
    hint: { type: 'plain_text' as const, text: hint },
    element: { type: 'plain_text_input' as const, action_id: id, max_length: MAX_ID_CHARS, placeholder: { type: 'plain_text' as const, text: placeholder } },
  });
  await client.views.open({
    trigger_id: triggerId,
    view: {
      type: 'modal',
      callback_id: INSPECT_MODAL_ID,
      private_metadata: JSON.stringify({ teamId }),
      title: { type: 'plain_text', text: 'Inspect a problem' },
      submit: { type: 'plain_text', text: 'Inspect' },
      close: { type: 'plain_text', text: 'Cancel' },
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'How R1 made a ladder: the request, its raw reasoning and answer, and how the hints were cut. The report comes to your DM with me as a file. (Instructors only.)' } },
        input(INSPECT_INPUTS.set, 'Problem set id', 'A warmed set; /problemset list shows them.', 'algebra-basics'),
        input(INSPECT_INPUTS.problem, 'Problem id', 'One of its problem ids; /problemset show <set> lists them.', 'linear-1'),
        input(INSPECT_INPUTS.session, 'Or a session id', 'Instead of a set: one student\'s session (Inspect on its message finds it for you).', 'a session id'),
      ],
    },
  });
}

/** The session a message belongs to: its thread's, or the one its buttons carry. */
async function sessionOfMessage(context: SlackContext, shortcut: MessageShortcut): Promise<string | undefined> {
  const { message } = shortcut;
  const threadTs = typeof message.thread_ts === 'string' ? message.thread_ts : message.ts;
  const known = await context.threads.sessionAt(shortcut.channel.id, threadTs);
  if (known) return known;
  // Sessions remembered before threads were recorded both ways: the buttons still name theirs.
  const blocks = (Array.isArray(message.blocks) ? message.blocks : []) as { elements?: { action_id?: unknown }[] }[];
  for (const element of blocks.flatMap((block) => block.elements ?? [])) {
    const parsed = typeof element.action_id === 'string' ? parseActionId(element.action_id) : undefined;
    if (parsed) return parsed.sessionId;
  }
  return undefined;
}

async function inspect(context: SlackContext, target: Target): Promise<LadderInspection> {
  return target.kind === 'session'
    ? context.inspector.session(target.sessionId)
    : context.inspector.problem(spaceOf(target.teamId), target.setId, target.problemId);
}

async function sendInspection(context: SlackContext, userId: string, target: Target, inspection: LadderInspection): Promise<void> {
  const name = target.kind === 'session' ? `inspect-${target.sessionId}` : `inspect-${target.setId}-${target.problemId}`;
  await sendPrivateFile(context.lanes.posts, userId, {
    name: `${name.replace(FILE_SAFE, '-')}.md`,
    content: inspectionMarkdown(inspection),
    title: `Inspection of ${describeTarget(target)}`,
    comment: `How R1 made the ladder of ${describeTarget(target)}: the request sent, R1's raw reasoning and answer, and how the hints were cut. It holds the answer: keep it to yourself.`,
  });
}

function describeTarget(target: Target): string {
  return target.kind === 'session' ? `session ${target.sessionId}` : `problem ${target.problemId} of ${target.setId}`;
}

/** The sentence for a workspace without uploads, naming the CLI command that prints the same report. */
function uploadsOff(error: unknown, target: Target): string | undefined {
  if (slackErrorCode(error) !== 'file_uploads_disabled') return undefined;
  const args = target.kind === 'session' ? target.sessionId : `--set ${target.setId} --problem ${target.problemId} --space slack:${target.teamId}`;
  return UPLOADS_OFF.replace('{target}', args);
}

async function reply(respond: RespondFn, text: string): Promise<void> {
  await respond({ response_type: 'ephemeral', text: escapeMrkdwn(text) });
}
