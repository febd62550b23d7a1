/** Starts the real discord.js bot against FakeDiscord with a scripted model, and finds what it posted. */
import { startDiscordBot, type DiscordBot } from '../../adapters/discord/main.ts';
import { Classroom, Inspector, loadLeakGuard, loadSolvePrompt, silentLogger, type ReasoningModel, type Store, type Tutor, type TutorDependencies } from '../../src/index.ts';
import { FakeDiscord, type FakeUser, type JsonObject, type RecordedCall, type SentInteraction } from '../fakes/fake-discord.ts';
import { FakeMathRenderer } from '../fakes/fake-math-renderer.ts';
import { FakeReasoningModel, LINEAR_EQUATION, r1Events, type FakeScript } from '../fakes/fake-reasoning-model.ts';
import { createTutorHarness } from '../support/tutor-harness.ts';
import { createAnswerChecker } from '../../src/answer-feedback.ts';

export const STUDENT: FakeUser = { id: '1200000000000000001', username: 'ada' };
export const CLASSMATE: FakeUser = { id: '1200000000000000002', username: 'grace' };
/** Holds Manage Server (bit 5) on top of a member's permissions. */
export const INSTRUCTOR: FakeUser = { id: '1200000000000000009', username: 'noether', permissions: String(2248473465835073n | 32n) };
/** Prices for warm estimates in tests (US dollars per million tokens). */
const TEST_PRICES = { inputPerMillion: 0.55, outputPerMillion: 2.19 };
/** Progress edits this often in tests, so a held solve shows progress quickly. */
const TEST_EDIT_INTERVAL_MS = 20;
const EPHEMERAL = 64;

/** A bot, its engine and the fake it talks to. */
export interface DiscordHarness {
  readonly fake: FakeDiscord;
  readonly bot: DiscordBot;
  readonly tutor: Tutor;
  readonly classroom: Classroom;
  readonly inspector: Inspector;
  readonly model: FakeReasoningModel;
  readonly renderer: FakeMathRenderer;
  /** Moves Discord's clock, which the adapter reads too (not the engine's), forward. */
  advanceClock(ms: number): void;
}

/** Options for a harness. */
export interface HarnessOptions {
  /** Reuse a running fake (restart tests). */
  readonly fake?: FakeDiscord;
  /** Model scripts; a solved linear equation when absent. */
  readonly scripts?: readonly FakeScript[];
  /** A model to use instead of one playing `scripts`. */
  readonly model?: FakeReasoningModel;
  /** A store to use instead of memory. */
  readonly store?: Store;
  /** A renderer to use instead of a plain FakeMathRenderer. */
  readonly renderer?: FakeMathRenderer;
  /** Register commands as if no instructor role were configured. */
  readonly withoutInstructorRole?: boolean;
  /** The model that answers questions in the thread (the solve model when absent). */
  readonly replyModel?: ReasoningModel;
  /** Questions per student, cooldown and reply length (the engine's defaults when absent). */
  readonly conversationLimits?: TutorDependencies['conversationLimits'];
  /** The engine's clock (a fixed instant when absent). */
  readonly now?: () => number;
}

/** The engine the bot is given: tutor, classroom and inspector over one store. */
export function discordEngine(model: ReasoningModel, overrides: Partial<TutorDependencies> = {}): { tutor: Tutor; store: Store; classroom: Classroom; inspector: Inspector } {
  const { tutor, store } = createTutorHarness(model, overrides);
  const checker = createAnswerChecker();
  const classroom = new Classroom({ tutor, store, checker, prices: TEST_PRICES });
  const inspector = new Inspector({ tutor, store, model, prompt: loadSolvePrompt(), checker, prices: TEST_PRICES });
  return { tutor, store, classroom, inspector };
}

/** The linear-equation solve, as R1 streams it. */
export const LINEAR_SCRIPT = r1Events(LINEAR_EQUATION.reasoning, LINEAR_EQUATION.answer);

/**
 * The answer checker's 50 ms budget can run out on its very first (cold) call and say "could not
 * finish checking"; these tests are about Discord, so the checker is warmed once first.
 */
function warmAnswerChecker(): void {
  const check = createAnswerChecker();
  for (const answer of ['x = 2', 'x = 5', '2']) check('2', answer, {});
}

/** Starts the fake (unless given) and a bot logged in to it. */
export async function startHarness(options: HarnessOptions = {}): Promise<DiscordHarness> {
  warmAnswerChecker();
  // The ladder's leak guard loads the answer checker on the first ladder; load it before the 5 s waits start.
  await loadLeakGuard();
  const fake = options.fake ?? (await FakeDiscord.start());
  const model = options.model ?? new FakeReasoningModel(options.scripts ?? [LINEAR_SCRIPT]);
  const { tutor, store, classroom, inspector } = discordEngine(model, {
    ...(options.store ? { store: options.store } : {}), ...(options.replyModel ? { replyModel: options.replyModel } : {}),
    ...(options.conversationLimits ? { conversationLimits: options.conversationLimits } : {}), ...(options.now ? { now: options.now } : {}),
  });
  const renderer = options.renderer ?? new FakeMathRenderer();
  const bot = await startDiscordBot({
    token: 'fake-bot-token', guildId: fake.guildId, instructorRoleId: options.withoutInstructorRole ? undefined : fake.instructorRoleId, tutor, classroom, inspector, store, renderer,
    logger: silentLogger, restApi: fake.api, now: () => fake.now(), editIntervalMs: TEST_EDIT_INTERVAL_MS,
  });
  return { fake, bot, tutor, classroom, inspector, model, renderer, advanceClock: (ms) => fake.advanceClock(ms) };
}

/** The buttons' custom ids on a message body, in order. */
export function customIdsOf(body: JsonObject): string[] {
  const rows = (body.components ?? []) as { components: { custom_id: string }[] }[];
  return rows.flatMap((row) => row.components.map((button) => button.custom_id));
}

/** Whether a call's message is ephemeral. */
export function isEphemeral(call: RecordedCall): boolean {
  return ((Number(call.body.flags ?? 0)) & EPHEMERAL) === EPHEMERAL;
}

/** The interaction callback for `token` (defer, modal, reply). */
export function callbackFor(fake: FakeDiscord, token: string): Promise<RecordedCall> {
  return fake.waitFor((call) => call.path.endsWith(`/${token}/callback`), `the callback for ${token}`);
}

/** Waits for the first follow-up message posted for `token`. */
export function followUpFor(fake: FakeDiscord, token: string): Promise<RecordedCall> {
  return fake.waitFor((call) => call.method === 'POST' && call.path === `/webhooks/${fake.applicationId}/${token}`, `a follow-up for ${token}`);
}

/** The follow-up messages posted for `token`. */
export function followUpsFor(fake: FakeDiscord, token: string): RecordedCall[] {
  return fake.callsFor(token).filter((call) => call.method === 'POST' && call.path.startsWith('/webhooks/'));
}

/** Runs `/solve` to the end: resolves with the thread id, the session id and the hint message. */
export async function solveInThread(harness: DiscordHarness, problem = LINEAR_EQUATION.problem, user = STUDENT): Promise<ThreadStart> {
  return threadStartedBy(harness.fake, harness.fake.slashCommand('solve', { problem }, user));
}

/** What a command that opens a session thread (/solve, /practice) left behind. */
export interface ThreadStart {
  readonly threadId: string;
  readonly sessionId: string;
  readonly hintMessageId: string;
  readonly token: string;
  /** The first message posted in the thread (problem card and first hint). */
  readonly card: RecordedCall;
}

/** Waits for the thread `command` opens and the first card posted in it. */
export async function threadStartedBy(fake: FakeDiscord, command: SentInteraction): Promise<ThreadStart> {
  const thread = await fake.waitFor((call) => call.method === 'POST' && call.path.endsWith('/threads') && call.atMs >= command.sentAtMs, 'a thread');
  const threadId = thread.path.split('/')[4] ?? '';
  const card = await fake.waitFor((call) => call.method === 'POST' && call.path === `/channels/${threadId}/messages`, 'the first card in the thread');
  const withButtons = await fake.waitFor((call) => call.method === 'POST' && call.path === `/channels/${threadId}/messages` && customIdsOf(call.body).some((id) => id.startsWith('sw:next:')), 'the hint buttons in the thread');
  const nextId = customIdsOf(withButtons.body).find((id) => id.startsWith('sw:next:')) ?? '';
  const hintMessage = [...fake.messages.values()].find((message) => message.channel_id === threadId && customIdsOf(message).includes(nextId));
  return { threadId, sessionId: nextId.split(':')[2] ?? '', hintMessageId: String(hintMessage?.id), token: command.token, card };
}

/** The reply to `token` as it ends up: the last edit of `@original` whose content matches `pattern`. */
export function replyEditFor(fake: FakeDiscord, token: string, pattern: RegExp): Promise<RecordedCall> {
  return fake.waitFor(
    (call) => call.method === 'PATCH' && call.path === `/webhooks/${fake.applicationId}/${token}/messages/@original` && pattern.test(String(call.body.content ?? '')),
    `an edit of the reply to ${token} matching ${String(pattern)}`,
  );
}

/** Every piece of text the bot sent for `token` (reply edits and follow-ups), joined. */
export function textSentFor(fake: FakeDiscord, token: string): string {
  return fake.callsFor(token).map((call) => String(call.body.content ?? (call.body.data as JsonObject | undefined)?.content ?? '')).join('\n');
}
