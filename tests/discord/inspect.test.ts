import { afterEach, describe, expect, it } from 'vitest';
import { INSPECT_REFUSAL } from '../../adapters/discord/inspect-command.ts';
import { inspectionMarkdown, type Actor } from '../../src/index.ts';
import type { RecordedCall } from '../fakes/fake-discord.ts';
import { LINEAR_EQUATION } from '../fakes/fake-reasoning-model.ts';
import { callbackFor, CLASSMATE, customIdsOf, INSTRUCTOR, isEphemeral, solveInThread, startHarness, STUDENT, type DiscordHarness } from './discord-harness.ts';
import { spaceOfHarness, uploadWeekOne, weekOneModel } from './week-one-set.ts';

const EPHEMERAL = 64;
const instructor: Actor = { platform: 'discord', userId: INSTRUCTOR.id, name: INSTRUCTOR.username, isInstructor: true };

describe('Inspect on Discord', () => {
  let harness: DiscordHarness | undefined;

  afterEach(async () => {
    await harness?.bot.stop();
    await harness?.fake.close();
    harness = undefined;
  });

  /** The edits of the deferred private reply and the follow-ups for `token` that carry files, in order. */
  async function filesSentFor(token: string): Promise<RecordedCall[]> {
    const { fake } = harness as DiscordHarness;
    await fake.waitFor((call) => call.path.includes(token) && call.files.length > 0, `the inspection file for ${token}`);
    return fake.callsFor(token).filter((call) => call.files.length > 0);
  }

  it("gives an instructor, privately, the same Markdown as stepwise inspect for the session behind a hint (Apps → Inspect)", async () => {
    harness = await startHarness();
    const { fake, tutor, inspector, model } = harness;
    const { threadId, sessionId, hintMessageId } = await solveInThread(harness);
    fake.typeMessage('x = 5', STUDENT, threadId);
    await fake.waitFor((call) => call.method === 'POST' && call.path === `/channels/${threadId}/messages` && /Correct|Not quite|could not read/i.test(String(call.body.content)), 'the verdict');

    const inspect = fake.messageCommand('Inspect', hintMessageId, INSTRUCTOR);
    expect((await callbackFor(fake, inspect.token)).body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const [reply, ...more] = await filesSentFor(inspect.token);
    expect(more).toEqual([]);
    expect(reply?.method).toBe('PATCH');
    expect(reply?.path).toBe(`/webhooks/${fake.applicationId}/${inspect.token}/messages/@original`);
    expect(reply?.files.map((file) => [file.name, file.contentType])).toEqual([[`inspection-${sessionId}.md`, 'text/markdown']]);
    const markdown = reply?.files[0]?.bytes.toString('utf8') ?? '';
    expect(markdown).toBe(inspectionMarkdown(await inspector.session(sessionId)));
    // What the instructor came for: the prompt exactly as sent, R1's raw reasoning, the rungs, the student's attempt.
    expect(markdown).toContain(model.prompts[0] ?? 'no prompt');
    expect(markdown).toContain(LINEAR_EQUATION.reasoning);
    expect(markdown).toContain('| x = 5 |');
    expect(String(reply?.body.content)).toMatch(new RegExp(`^\\*\\*Inspection of session \`${sessionId}\`\\*\\*`));
    expect(String(reply?.body.content)).toContain('1 attempt, 0 questions in the thread');
    expect(String(reply?.body.content)).toContain(`stepwise inspect ${sessionId}`);
    // Private: the message Discord stores for the reply is ephemeral, and nothing was posted in the thread.
    expect(fake.messages.get(String((reply?.response as { id?: string }).id))?.flags).toBe(EPHEMERAL);
    expect(fake.calls.filter((call) => call.path === `/channels/${threadId}/messages` && call.files.some((file) => file.name.endsWith('.md')))).toEqual([]);
    expect((await tutor.session(sessionId))?.attempts).toHaveLength(1);
    expect(fake.refusals).toEqual([]);
  });

  it('refuses a student with one private sentence and sends no file', async () => {
    harness = await startHarness();
    const { fake } = harness;
    const { hintMessageId } = await solveInThread(harness);
    const inspect = fake.messageCommand('Inspect', hintMessageId, STUDENT);
    expect((await callbackFor(fake, inspect.token)).body).toEqual({ type: 4, data: expect.objectContaining({ content: INSPECT_REFUSAL, flags: EPHEMERAL }) });
    const slash = fake.slashCommand('inspect', {}, STUDENT);
    expect((await callbackFor(fake, slash.token)).body).toEqual({ type: 4, data: expect.objectContaining({ content: INSPECT_REFUSAL, flags: EPHEMERAL }) });
    expect([...fake.callsFor(inspect.token), ...fake.callsFor(slash.token)].flatMap((call) => call.files)).toEqual([]);
  });

  it('finds the session from any message of its thread, from /inspect in the thread, and by id', async () => {
    harness = await startHarness();
    const { fake, inspector } = harness;
    const { threadId, sessionId } = await solveInThread(harness);
    const expected = inspectionMarkdown(await inspector.session(sessionId));
    const typed = fake.typeMessage('good luck, Ada', CLASSMATE, threadId);
    const fromTyped = fake.messageCommand('Inspect', String(typed.id), INSTRUCTOR);
    const inThread = fake.slashCommand('inspect', {}, INSTRUCTOR, threadId);
    const byId = fake.slashCommand('inspect', { session: sessionId }, INSTRUCTOR);
    for (const { token } of [fromTyped, inThread, byId]) {
      const [reply] = await filesSentFor(token);
      expect(reply?.files[0]?.bytes.toString('utf8')).toBe(expected);
      expect(isEphemeral(reply as RecordedCall) || fake.messages.get(String((reply?.response as { id?: string }).id))?.flags === EPHEMERAL).toBe(true);
    }
  });

  it('inspects a warmed problem of a set by set and problem', async () => {
    harness = await startHarness({ model: weekOneModel() });
    const { fake, classroom, inspector } = harness;
    await uploadWeekOne(harness);
    await classroom.warm(spaceOfHarness(harness), instructor, 'week-1');
    const command = fake.slashCommand('inspect', { set: 'week-1', problem: 'tricky' }, INSTRUCTOR);
    const [reply] = await filesSentFor(command.token);
    expect(reply?.files[0]?.name).toBe('inspection-week-1-tricky.md');
    expect(reply?.files[0]?.bytes.toString('utf8')).toBe(inspectionMarkdown(await inspector.problem(spaceOfHarness(harness), 'week-1', 'tricky')));
    expect(String(reply?.body.content)).toMatch(/^\*\*Inspection of week-1 \/ tricky\*\*, as warmed/);
    expect(String(reply?.body.content)).toContain('(differs from yours)');
  });

  it("splits the file to the server's upload limit, each part within it, the parts joined being the whole", async () => {
    harness = await startHarness();
    const { fake, inspector } = harness;
    fake.attachmentSizeLimit = 1024;
    const { sessionId, hintMessageId } = await solveInThread(harness);
    const expected = inspectionMarkdown(await inspector.session(sessionId));
    expect(Buffer.byteLength(expected)).toBeGreaterThan(2 * 1024);
    const inspect = fake.messageCommand('Inspect', hintMessageId, INSTRUCTOR);
    const first = await fake.waitFor((call) => call.path.includes(inspect.token) && call.files.length > 0, 'the first part');
    const parts = Number(/\(in (\d+) parts, to fit Discord's upload limit here\)/.exec(String(first.body.content))?.[1]);
    expect(parts).toBeGreaterThanOrEqual(3);
    await fake.waitFor(() => fake.callsFor(inspect.token).filter((call) => call.files.length > 0).length >= parts, 'every part');
    const calls = fake.callsFor(inspect.token).filter((call) => call.files.length > 0);
    const files = calls.flatMap((call) => call.files);
    expect(files.every((file) => file.bytes.length <= 1024)).toBe(true);
    expect(Buffer.concat(files.map((file) => file.bytes)).toString('utf8')).toBe(expected);
    expect(files.map((file) => file.name)).toEqual(Array.from({ length: parts }, (_, index) => `inspection-${sessionId}.part-${index + 1}-of-${parts}.md`));
    // The first part edits the private reply; the rest are private follow-ups.
    expect(calls.slice(1).every((call) => call.method === 'POST' && isEphemeral(call))).toBe(true);
    expect(fake.refusals).toEqual([]);
  });

  it('says what to do when the message or the session is not one of Stepwise\'s', async () => {
    harness = await startHarness();
    const { fake } = harness;
    const stray = fake.typeMessage('hello class', STUDENT, fake.channelId);
    const inspect = fake.messageCommand('Inspect', String(stray.id), INSTRUCTOR);
    const missing = fake.slashCommand('inspect', { session: 'nosuchsession' }, INSTRUCTOR);
    const half = fake.slashCommand('inspect', { set: 'week-1' }, INSTRUCTOR);
    const said = async (token: string) => {
      const call = await fake.waitFor((candidate) => candidate.path.includes(token) && /Stepwise|session|Name either/.test(String(candidate.body.content ?? (candidate.body.data as { content?: string } | undefined)?.content)), `the answer to ${token}`);
      return String(call.body.content ?? (call.body.data as { content?: string }).content);
    };
    expect(await said(inspect.token)).toMatch(/^This message is not part of a Stepwise session\. Use Inspect on a message in a problem's thread/);
    expect(await said(missing.token)).toMatch(/^There is no session nosuchsession in this server\./);
    expect(await said(half.token)).toMatch(/^Name either a session/);
    expect(customIdsOf(fake.messages.get(String(stray.id)) ?? {})).toEqual([]);
  });
});
