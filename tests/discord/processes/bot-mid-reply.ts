/**
 * A Discord bot process for the restart-mid-reply test: it logs in to the fake at <api>, keeps its
 * state in <dataDir>, solves with a scripted R1 and answers questions with the real openai client
 * against the fake reply server at <replyUrl> (slow, so the test can kill it mid-reply).
 * Prints "ready" once its commands are registered.
 * Usage: node --import tsx bot-mid-reply.ts <api> <dataDir> <guildId> <replyUrl>
 */
import { startDiscordBot } from '../../../adapters/discord/main.ts';
import { createStore, OpenAiReasoningModel, PROVIDER_PROFILES, silentLogger } from '../../../src/index.ts';
import { FakeMathRenderer } from '../../fakes/fake-math-renderer.ts';
import { FakeReasoningModel, LINEAR_EQUATION, r1Events } from '../../fakes/fake-reasoning-model.ts';
import { NO_LIMITS } from '../conversation-support.ts';
import { discordEngine } from '../discord-harness.ts';

const [api = '', dataDir = '', guildId = '', replyUrl = ''] = process.argv.slice(2);
const store = await createStore({ kind: 'sqlite', dataDir });
const model = new FakeReasoningModel([r1Events(LINEAR_EQUATION.reasoning, LINEAR_EQUATION.answer)]);
const replyModel = new OpenAiReasoningModel({
  apiKey: 'test-key', baseUrl: replyUrl, model: 'deepseek-flash', provider: PROVIDER_PROFILES.deepseek, thinking: false,
  firstTokenTimeoutMs: 5_000, overallTimeoutMs: 60_000, maxRetries: 0, retryBaseDelayMs: 10, logger: silentLogger,
});
const { tutor, classroom, inspector } = discordEngine(model, { store, now: Date.now, replyModel, conversationLimits: NO_LIMITS });
await startDiscordBot({ token: 'fake-bot-token', guildId, tutor, classroom, inspector, store, renderer: new FakeMathRenderer(), logger: silentLogger, restApi: api, editIntervalMs: 20 });
process.stdout.write('ready\n');
// Stays up until killed; never outlives a test that forgot to kill it.
setTimeout(() => process.exit(1), 60_000);
