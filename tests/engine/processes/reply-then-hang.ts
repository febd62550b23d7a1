/**
 * A bot process that starts answering a question about a solved session and hangs mid-reply, for
 * the restart test: it prints the session id once the progress message is posted and part of the
 * reply has streamed, and waits to be killed. The session is solved by the test beforehand.
 * Usage: node --import tsx reply-then-hang.ts <dataDir> <sessionId>
 */
import { createStore } from '../../../src/index.ts';
import { FakeReasoningModel } from '../../fakes/fake-reasoning-model.ts';
import { createTutorHarness } from '../../support/tutor-harness.ts';

const [dataDir = '', sessionId = ''] = process.argv.slice(2);
const store = await createStore({ kind: 'sqlite', dataDir });
const replyModel = new FakeReasoningModel([[{ type: 'answer', text: 'Look at the left side first. ' }, { type: 'answer', text: 'What is left after' }, { type: 'finish', reason: 'stop' }]]);
replyModel.hold(); // the reply streams its first sentence, then nothing more until this process dies
const { tutor } = createTutorHarness(new FakeReasoningModel([]), { store, replyModel, now: Date.now });
const owner = { platform: 'cli', userId: 'ada', name: 'Ada' };
void tutor.reply(sessionId, owner, 'why do we subtract 3 first?', {
  onStart: () => ({ channelId: 'thread-1', messageId: 'progress-1' }),
  onProgress: (markdown) => process.stdout.write(`${JSON.stringify({ sessionId, shown: markdown })}\n`),
});
setInterval(() => {}, 60_000);
