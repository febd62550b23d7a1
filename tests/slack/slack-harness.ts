/** Drives the real bolt App over HTTP the way Slack does (signed requests) and reads what it sent to the fake Web API. */
import { createHmac } from 'node:crypto';
import { createAnswerChecker } from '../../src/answer-feedback.ts';
import { Classroom, Inspector, loadSolvePrompt, silentLogger, parseActionId, type ConversationLimits, type ReasoningModel, type Store, type Tutor } from '../../src/index.ts';
import { startSlackBot, type SlackBot } from '../../adapters/slack/main.ts';
import { readSlackSettings } from '../../adapters/slack/slack-settings.ts';
import { CONTROLS_BLOCK_ID } from '../../adapters/slack/slack-blocks.ts';
import { FakeMathRenderer } from '../fakes/fake-math-renderer.ts';
import type { FakeSlack, HostedFile, RecordedCall } from '../fakes/fake-slack.ts';
import { createTutorHarness } from '../support/tutor-harness.ts';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const STUDENT = 'U0STUDENT';
export const OTHER_STUDENT = 'U0OTHER';
export const TEACHER = 'U0TEACHER';
export const CHANNEL = 'C0MATH';

const WAIT_LIMIT_MS = 8_000;
const POLL_MS = 5;
const SECONDS = 1000;

/** Options for a test bot. */
export interface TestBotOptions {
  /** Store for the tutor (an in-memory one if absent). */
  readonly store?: Store;
  /** Instructor ids to configure. */
  readonly instructorIds?: string[];
  /** Starts the tutor's clock this far ahead (a restart long after a crash). */
  readonly clockAheadMs?: number;
  /** Least time between two progress edits (production's pace unless given). */
  readonly progressIntervalMs?: number;
  /** The model that answers questions in the thread (the solve model unless given). */
  readonly replyModel?: ReasoningModel;
  /** Questions per student per session, cooldown and reply length (the engine's defaults unless given). */
  readonly conversationLimits?: ConversationLimits;
}

/** A bot on a real bolt App in HTTP mode, with its tutor. */
export interface TestBot {
  /** The running bot. */
  readonly bot: SlackBot;
  /** The tutor it drives. */
  readonly tutor: Tutor;
  /** The tutor's store. */
  readonly store: Store;
  /** The problem sets and class around the tutor. */
  readonly classroom: Classroom;
  /** Moves the tutor's clock forward. */
  advance(ms: number): void;
}

/** DeepSeek-like prices. */
const TEST_PRICES = { inputPerMillion: 0.55, outputPerMillion: 2.19 };

/** A Classroom over `tutor` and `store`, at DeepSeek-like prices. */
export function createTestClassroom(tutor: Tutor, store: Store): Classroom {
  return new Classroom({ tutor, store, checker: createAnswerChecker(), prices: TEST_PRICES });
}

/** The instructor's Inspector over the same tutor, store and model, at the same prices. */
export function createTestInspector(tutor: Tutor, store: Store, model: ReasoningModel): Inspector {
  return new Inspector({ tutor, store, model, prompt: loadSolvePrompt(), checker: createAnswerChecker(), prices: TEST_PRICES });
}

/** Starts the Slack bot on 127.0.0.1:0 against `fake`, over a tutor with `model`. */
export async function startTestBot(fake: FakeSlack, model: ReasoningModel, options: TestBotOptions = {}): Promise<TestBot> {
  const { tutor, store, advance } = createTutorHarness(model, {
    ...(options.store ? { store: options.store } : {}),
    ...(options.replyModel ? { replyModel: options.replyModel } : {}),
    ...(options.conversationLimits ? { conversationLimits: options.conversationLimits } : {}),
  });
  const classroom = createTestClassroom(tutor, store);
  if (options.clockAheadMs) advance(options.clockAheadMs);
  // The settings come from the environment as in production: SLACK_API_URL points the bot at the fake
  // (as it points GovSlack workspaces at slack-gov.com), and every client keeps production's retry policy.
  const read = readSlackSettings({
    SLACK_BOT_TOKEN: 'xoxb-fake', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_MODE: 'http', SLACK_PORT: '0',
    SLACK_INSTRUCTOR_IDS: (options.instructorIds ?? []).join(','), SLACK_API_URL: fake.apiUrl,
  });
  if (!('settings' in read)) throw new Error(read.problems.join('\n'));
  const bot = await startSlackBot({
    ...read.settings,
    connection: { ...read.settings.connection, host: '127.0.0.1' } as typeof read.settings.connection,
    tutor,
    classroom,
    inspector: createTestInspector(tutor, store, model),
    store,
    renderer: new FakeMathRenderer(),
    logger: silentLogger,
    ...(options.progressIntervalMs !== undefined ? { progressIntervalMs: options.progressIntervalMs } : {}),
    shutdownGraceMs: 2_000,
  });
  return { bot, tutor, store, classroom, advance };
}

/** POSTs `rawBody` to the bot's events URL, signed as Slack signs it (or with the given secret and time). */
export async function postSigned(bot: SlackBot, rawBody: string, signing: { secret?: string; timestampSec?: number; headers?: Record<string, string> } = {}): Promise<Response> {
  const timestamp = signing.timestampSec ?? Math.floor(Date.now() / SECONDS);
  const signature = `v0=${createHmac('sha256', signing.secret ?? SIGNING_SECRET).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
  return fetch(`http://127.0.0.1:${bot.port}/slack/events`, {
    method: 'POST',
    body: rawBody,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature, ...signing.headers },
  });
}

/** The form body Slack sends for `/<name> <text>`. */
export function slashCommandBody(fake: FakeSlack, name: string, text: string, userId = STUDENT): string {
  return new URLSearchParams({
    token: 'legacy', team_id: 'T1', team_domain: 'school', channel_id: CHANNEL, channel_name: 'math', user_id: userId, user_name: userId.toLowerCase(),
    command: `/${name}`, text, api_app_id: 'A1', response_url: fake.responseUrl(), trigger_id: fake.issueTrigger(),
  }).toString();
}

/** Sends a slash command; resolves with the HTTP response and how long the ack took. */
export async function sendCommand(bot: SlackBot, fake: FakeSlack, name: string, text: string, userId = STUDENT): Promise<{ status: number; ackMs: number }> {
  const started = performance.now();
  const response = await postSigned(bot, slashCommandBody(fake, name, text, userId));
  return { status: response.status, ackMs: performance.now() - started };
}

/** A button press on a message in `threadTs`. */
export interface Click {
  /** The button's action_id. */
  readonly actionId: string;
  /** The message holding the button. */
  readonly messageTs: string;
  /** The thread it is in. */
  readonly threadTs: string;
  /** Who clicked. */
  readonly userId?: string;
  /** The trigger id (a fresh one from the fake unless given). */
  readonly triggerId?: string;
  /** The button's value (its action id unless given). */
  readonly value?: string;
}

/** Sends a block_actions payload for a button press; resolves with the HTTP status. */
export async function clickButton(bot: SlackBot, fake: FakeSlack, click: Click): Promise<number> {
  const userId = click.userId ?? STUDENT;
  const payload = {
    type: 'block_actions', api_app_id: 'A1', token: 'legacy', trigger_id: click.triggerId ?? fake.issueTrigger(),
    team: { id: 'T1', domain: 'school' }, user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: 'T1' },
    container: { type: 'message', message_ts: click.messageTs, channel_id: CHANNEL, is_ephemeral: false, thread_ts: click.threadTs },
    channel: { id: CHANNEL, name: 'math' },
    message: { type: 'message', ts: click.messageTs, thread_ts: click.threadTs, text: 'What next?', blocks: [] },
    response_url: fake.responseUrl(),
    actions: [{ type: 'button', action_id: click.actionId, block_id: CONTROLS_BLOCK_ID, value: click.value ?? click.actionId, text: { type: 'plain_text', text: 'button' }, action_ts: '1700000000.1' }],
  };
  return (await postSigned(bot, new URLSearchParams({ payload: JSON.stringify(payload) }).toString())).status;
}

/** Submits the Check answer modal that `viewsOpen` opened, with `answer`. */
export async function submitModal(bot: SlackBot, viewsOpen: RecordedCall, answer: string, userId = STUDENT, onSigned?: (body: string, timestampSec: number) => void): Promise<number> {
  const view = viewsOpen.body.view as { callback_id: string; private_metadata: string };
  const payload = {
    type: 'view_submission', api_app_id: 'A1', token: 'legacy', trigger_id: 'trigger-submit',
    team: { id: 'T1', domain: 'school' }, user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: 'T1' },
    view: {
      id: 'V1', type: 'modal', team_id: 'T1', callback_id: view.callback_id, private_metadata: view.private_metadata, hash: 'h1',
      state: { values: { answer: { answer: { type: 'plain_text_input', value: answer } } } },
    },
    response_urls: [],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const timestampSec = Math.floor(Date.now() / SECONDS);
  onSigned?.(body, timestampSec);
  return (await postSigned(bot, body, { timestampSec })).status;
}

/** Polls `probe` until it returns something truthy; fails with `label` after a bounded wait. */
export async function waitFor<T>(label: string, probe: () => T | undefined | false | null | Promise<T | undefined | false | null>, limitMs = WAIT_LIMIT_MS): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** A posted buttons message: its ts and its buttons' action ids and labels. */
export interface Controls {
  /** The message ts. */
  readonly ts: string;
  /** The thread it is in. */
  readonly threadTs: string;
  /** Action ids, in order. */
  readonly actionIds: string[];
  /** Button labels, in order. */
  readonly labels: string[];
  /** The text of the reasons block for disabled actions. */
  readonly reasons: string;
}

/** Every buttons message the bot posted, in order. */
export function controlsPosted(fake: FakeSlack): Controls[] {
  // Only posts Slack accepted: a call refused (429, invalid_blocks) showed nothing.
  return fake.callsTo('chat.postMessage').filter((call) => call.response.ok === true).flatMap((call) => {
    const blocks = (call.body.blocks ?? []) as { type: string; block_id?: string; elements?: { action_id?: string; text?: { text: string } }[] }[];
    const actions = blocks.find((block) => block.block_id === CONTROLS_BLOCK_ID);
    if (!actions) return [];
    const reasons = blocks.filter((block) => block.type === 'context').flatMap((block) => block.elements ?? []).map((element) => element.text ?? '').join('\n');
    return [{
      ts: String(call.response.ts), threadTs: String(call.body.thread_ts),
      actionIds: (actions.elements ?? []).map((element) => String(element.action_id)),
      labels: (actions.elements ?? []).map((element) => String(element.text?.text)),
      reasons: String(reasons),
    }];
  });
}

/** The action id of `kind` (`next`, `check`, `reason`, `reveal`, `retry`) in `controls`. */
export function actionOf(controls: Controls, kind: string): string {
  const id = controls.actionIds.find((candidate) => candidate.split(':')[1] === kind);
  if (!id) throw new Error(`No ${kind} button among ${controls.actionIds.join(', ')}`);
  return id;
}

/** The session id carried by a controls message. */
export function sessionOf(controls: Controls): string {
  const parsed = parseActionId(controls.actionIds[0] ?? '');
  if (!parsed) throw new Error('controls carry no Stepwise action');
  return parsed.sessionId;
}

/** Titles of the files completed into `threadTs`, in order. */
export function fileTitles(fake: FakeSlack, threadTs: string): string[] {
  return fake.callsTo('files.completeUploadExternal')
    .filter((call) => call.body.thread_ts === threadTs && call.response.ok === true)
    .flatMap((call) => (call.body.files as { title: string }[]).map((file) => file.title));
}

/** Ephemeral texts sent to `userId`. */
export function ephemeralTo(fake: FakeSlack, userId: string): string[] {
  return fake.callsTo('chat.postEphemeral').filter((call) => call.body.user === userId).map((call) => String(call.body.text));
}

/** Texts sent to response_url. */
export function responses(fake: FakeSlack): string[] {
  return fake.callsTo('response_url').map((call) => String(call.body.text));
}

/** Submits the problem-set upload modal that `viewsOpen` opened, with an attached file and/or pasted YAML. */
export async function submitUploadModal(bot: SlackBot, viewsOpen: RecordedCall, form: { file?: HostedFile; yaml?: string }, userId = TEACHER): Promise<Response> {
  const view = viewsOpen.body.view as { callback_id: string; private_metadata: string };
  const payload = {
    type: 'view_submission', api_app_id: 'A1', token: 'legacy', trigger_id: 'trigger-upload-submit',
    team: { id: 'T1', domain: 'school' }, user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: 'T1' },
    view: {
      id: 'V2', type: 'modal', team_id: 'T1', callback_id: view.callback_id, private_metadata: view.private_metadata, hash: 'h2',
      state: {
        values: {
          file: { file: { type: 'file_input', files: form.file ? [{ ...form.file, title: form.file.name, mimetype: 'text/plain', user: userId }] : [] } },
          yaml: { yaml: { type: 'plain_text_input', value: form.yaml ?? null } },
        },
      },
    },
    response_urls: [],
  };
  return postSigned(bot, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
}

/** The DM channel the fake opens between the bot and `userId`. */
export function directChannelOf(userId: string): string {
  return `D${userId}`;
}

/** Texts the bot posted or edited into its DM with `userId`, in order. */
export function directTexts(fake: FakeSlack, userId: string): string[] {
  return fake.calls
    .filter((call) => (call.method === 'chat.postMessage' || call.method === 'chat.update') && call.body.channel === directChannelOf(userId))
    .map((call) => String(call.body.text));
}

/** A file the bot uploaded: its name, title, the channel it went to, and the bytes sent (multipart body as text). */
export interface SentFile {
  /** The file name. */
  readonly name: string;
  /** The title Slack shows. */
  readonly title: string;
  /** The channel it was shared to. */
  readonly channelId: string;
  /** The upload's body as text (multipart, so it contains the file). */
  readonly uploaded: string;
}

/** Every file the bot completed an upload of, in order. */
export function filesSent(fake: FakeSlack): SentFile[] {
  return fake.callsTo('files.completeUploadExternal').filter((call) => call.response.ok === true).flatMap((call) => (call.body.files as { id: string; title: string }[]).map((file) => {
    const requested = fake.callsTo('files.getUploadURLExternal').find((candidate) => candidate.response.file_id === file.id);
    const upload = fake.callsTo('upload').find((candidate) => candidate.path.endsWith(`/${file.id}`));
    return { name: String(requested?.body.filename), title: file.title, channelId: String(call.body.channel_id), uploaded: upload?.uploaded ?? '' };
  }));
}

/** The texts and block texts of every ephemeral response sent through response_url. */
export function responseTexts(fake: FakeSlack): string[] {
  return fake.callsTo('response_url').map((call) => {
    const blocks = (call.body.blocks ?? []) as { text?: { text: string } }[];
    return [String(call.body.text ?? ''), ...blocks.map((block) => block.text?.text ?? '')].join('\n');
  });
}

/** A message as Slack puts it in a shortcut payload. */
export interface ShortcutMessage {
  /** The message's ts. */
  readonly ts: string;
  /** Its thread's parent ts, for a reply in a thread. */
  readonly threadTs?: string;
  /** Its blocks (buttons carry their action ids). */
  readonly blocks?: unknown[];
  /** Its text. */
  readonly text?: string;
}

/** Sends a `message_action` payload, as Slack does when `userId` picks the message shortcut `callbackId` on `message`. */
export async function useMessageShortcut(bot: SlackBot, fake: FakeSlack, callbackId: string, message: ShortcutMessage, userId = TEACHER, channelId = CHANNEL): Promise<number> {
  const payload = {
    type: 'message_action', callback_id: callbackId, trigger_id: fake.issueTrigger(), message_ts: message.ts, response_url: fake.responseUrl(),
    team: { id: 'T1', domain: 'school' }, channel: { id: channelId, name: 'math' },
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: 'T1' },
    message: { type: 'message', ts: message.ts, ...(message.threadTs ? { thread_ts: message.threadTs } : {}), text: message.text ?? 'a message', blocks: message.blocks ?? [], user: 'UBOT', bot_id: 'BBOT' },
    token: 'legacy', action_ts: '1700000000.2',
  };
  return (await postSigned(bot, new URLSearchParams({ payload: JSON.stringify(payload) }).toString())).status;
}

/** Sends a global `shortcut` payload, as Slack does when `userId` picks `callbackId` from the shortcuts menu. */
export async function useGlobalShortcut(bot: SlackBot, fake: FakeSlack, callbackId: string, userId = TEACHER): Promise<number> {
  const payload = {
    type: 'shortcut', callback_id: callbackId, trigger_id: fake.issueTrigger(), team: { id: 'T1', domain: 'school' },
    user: { id: userId, username: userId.toLowerCase(), team_id: 'T1' }, token: 'legacy', action_ts: '1700000000.3',
  };
  return (await postSigned(bot, new URLSearchParams({ payload: JSON.stringify(payload) }).toString())).status;
}

/** Submits a modal of plain text inputs (each block id equal to its action id) with `values`; resolves with the HTTP response. */
export async function submitTextModal(bot: SlackBot, viewsOpen: RecordedCall, values: Record<string, string>, userId = TEACHER): Promise<Response> {
  const view = viewsOpen.body.view as { callback_id: string; private_metadata: string; blocks: { type: string; block_id?: string }[] };
  const inputs = view.blocks.filter((block) => block.type === 'input').map((block) => String(block.block_id));
  const payload = {
    type: 'view_submission', api_app_id: 'A1', token: 'legacy', trigger_id: 'trigger-text-submit',
    team: { id: 'T1', domain: 'school' }, user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: 'T1' },
    view: {
      id: 'V3', type: 'modal', team_id: 'T1', callback_id: view.callback_id, private_metadata: view.private_metadata, hash: 'h3',
      state: { values: Object.fromEntries(inputs.map((id) => [id, { [id]: { type: 'plain_text_input', value: values[id] ?? null } }])) },
    },
    response_urls: [],
  };
  return postSigned(bot, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
}

let eventCount = 0;

/** A `message` event as the Events API carries it (fields as in Slack's message event docs). */
export interface MessageEvent {
  /** Who typed it. */
  readonly user?: string;
  /** What they typed (Slack's escaping applied: `&amp;`, `&lt;`, `&gt;`). */
  readonly text: string;
  /** The conversation. */
  readonly channel?: string;
  /** `channel`, `group`, `im` or `mpim`. */
  readonly channelType?: string;
  /** The message's ts (a fresh one unless given). */
  readonly ts?: string;
  /** The parent's ts, for a reply in a thread. */
  readonly threadTs?: string;
  /** A subtype (`message_changed`, `channel_join`, `bot_message`, …). */
  readonly subtype?: string;
  /** Set for messages a bot posted. */
  readonly botId?: string;
}

/** The Events API envelope Slack POSTs for `event` (its event_id fresh unless given). */
export function eventBody(event: MessageEvent, eventId = `Ev${String(++eventCount).padStart(6, '0')}`): Record<string, unknown> {
  const ts = event.ts ?? `1700001000.${String(eventCount).padStart(6, '0')}`;
  return {
    token: 'legacy', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: eventId, event_time: Math.floor(Date.now() / SECONDS),
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    event: {
      type: 'message', channel: event.channel ?? CHANNEL, channel_type: event.channelType ?? 'channel', text: event.text, ts, event_ts: ts, team: 'T1',
      ...(event.user ? { user: event.user } : {}), ...(event.threadTs ? { thread_ts: event.threadTs } : {}),
      ...(event.subtype ? { subtype: event.subtype } : {}), ...(event.botId ? { bot_id: event.botId } : {}),
    },
  };
}

/** POSTs an Events API body to the bot, signed, as JSON; `retryNum` adds Slack's retry headers. Resolves with the HTTP status. */
export async function sendEvent(bot: SlackBot, body: Record<string, unknown>, retryNum?: number): Promise<number> {
  const retry: Record<string, string> = retryNum ? { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' } : {};
  const response = await postSigned(bot, JSON.stringify(body), { headers: { 'content-type': 'application/json', ...retry } });
  await response.body?.cancel();
  return response.status;
}
