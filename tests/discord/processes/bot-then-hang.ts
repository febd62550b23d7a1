/**
 * A Discord bot process for the crash test: it logs in to the fake at <api>, keeps its state in
 * <dataDir>, and lets R1 stream one chunk of every solve and then nothing, until it is killed.
 * Prints "ready" once its commands are registered.
 * Usage: node --import tsx bot-then-hang.ts <api> <dataDir> <guildId>
 */
import { startDiscordBot } from '../../../adapters/discord/main.ts';
import { createStore, silentLogger } from '../../../src/index.ts';
import { FakeMathRenderer } from '../../fakes/fake-math-renderer.ts';
import { FakeReasoningModel, LINEAR_EQUATION, r1Events } from '../../fakes/fake-reasoning-model.ts';
import { discordEngine } from '../discord-harness.ts';

const [api = '', dataDir = '', guildId = ''] = process.argv.slice(2);
const store = await createStore({ kind: 'sqlite', dataDir });
const model = new FakeReasoningModel([r1Events(LINEAR_EQUATION.reasoning, LINEAR_EQUATION.answer)]);
model.hold();
const { tutor, classroom, inspector } = discordEngine(model, { store, now: Date.now });
await startDiscordBot({ token: 'fake-bot-token', guildId, tutor, classroom, inspector, store, renderer: new FakeMathRenderer(), logger: silentLogger, restApi: api, editIntervalMs: 20 });
process.stdout.write('ready\n');
// Stays up until killed; never outlives a test that forgot to kill it.
setTimeout(() => process.exit(1), 60_000);
