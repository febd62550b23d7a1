/** A Discord bot whose reply model is the real openai client against the fake R1 server's leaky replies, and a student typing in the thread. */
import { OpenAiReasoningModel, PROVIDER_PROFILES, silentLogger } from '../../src/index.ts';
import type { FakeDiscord, FakeUser, JsonObject, RecordedCall } from '../fakes/fake-discord.ts';
import { startFakeR1, type FakeR1Server } from '../fakes/fake-r1-server.ts';
import { LINEAR_EQUATION_LEAKS, leakyReplies, type LeakyReplies, type LeakyRepliesOptions } from '../fakes/leaky-replies.ts';
import { THINKING_ABOUT_QUESTION } from '../../adapters/discord/thread-messages.ts';

/** No question limit or cooldown in a 20-turn test. */
export const NO_LIMITS = { maxQuestions: 100, cooldownSeconds: 0, maxReplyChars: 600 };

/** The leaky reply server and the reply model pointed at it. */
export async function leakyReplyModel(leaks: LeakyRepliesOptions = LINEAR_EQUATION_LEAKS): Promise<{ server: FakeR1Server; leaky: LeakyReplies; replyModel: OpenAiReasoningModel }> {
  const leaky = leakyReplies(leaks);
  const server = await startFakeR1([{ reasoning: '', answer: 'not a reply request' }], { chat: leaky });
  const replyModel = new OpenAiReasoningModel({
    apiKey: 'test-key', baseUrl: server.url, model: 'deepseek-flash', provider: PROVIDER_PROFILES.deepseek, thinking: false,
    firstTokenTimeoutMs: 5_000, overallTimeoutMs: 20_000, maxRetries: 0, retryBaseDelayMs: 10, logger: silentLogger,
  });
  return { server, leaky, replyModel };
}

/** What one typed message led to in the thread. */
export interface Answered {
  /** A reply (progress message edited into it) or a verdict posted. */
  readonly kind: 'reply' | 'attempt';
  /** Every text the thread showed for it: the progress message's versions, or the verdict. */
  readonly seen: readonly string[];
  /** The message the answer ended up in. */
  readonly messageId: string;
  /** The final body. */
  readonly body: JsonObject;
}

/** Text a student can read in a message body: its content, card titles and card alt text. */
export function readableTextOf(body: JsonObject): string {
  const embeds = (body.embeds ?? []) as { title?: string; description?: string }[];
  const attachments = (body.attachments ?? []) as { description?: string }[];
  return [String(body.content ?? ''), ...embeds.flatMap((embed) => [embed.title ?? '', embed.description ?? '']), ...attachments.map((attachment) => attachment.description ?? '')].join('\n');
}

/** Types `text` in the thread as `user` and waits until the bot has answered it fully. */
export async function typeAndWait(fake: FakeDiscord, threadId: string, text: string, user: FakeUser): Promise<Answered> {
  const since = performance.now();
  fake.typeMessage(text, user, threadId);
  const inThread = (call: RecordedCall) => call.atMs >= since && call.status < 400 && call.path.startsWith(`/channels/${threadId}/messages`);
  const first = await fake.waitFor((call) => inThread(call) && call.method === 'POST', `the bot's answer to "${text}"`);
  const messageId = String((first.response as { id?: string }).id);
  if (!String(first.body.content).startsWith(THINKING_ABOUT_QUESTION)) return { kind: 'attempt', seen: [readableTextOf(first.body)], messageId, body: first.body };
  const final = await fake.waitFor(
    (call) => inThread(call) && call.method === 'PATCH' && call.path.endsWith(`/${messageId}`) && !String(call.body.content).startsWith(THINKING_ABOUT_QUESTION),
    `the reply to "${text}"`, 30_000,
  );
  const versions = fake.calls.filter((call) => inThread(call) && call.path.endsWith(`/messages/${messageId}`) && call.atMs <= final.atMs);
  return { kind: 'reply', seen: [readableTextOf(first.body), ...versions.map((call) => readableTextOf(call.body))], messageId, body: final.body };
}
