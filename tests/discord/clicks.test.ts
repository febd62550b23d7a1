import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callbackFor, CLASSMATE, followUpFor, followUpsFor, isEphemeral, solveInThread, startHarness, STUDENT, type DiscordHarness } from './discord-harness.ts';

describe('clicks on Discord buttons', () => {
  let harness: DiscordHarness;

  beforeEach(async () => {
    harness = await startHarness();
  });

  afterEach(async () => {
    await harness.bot.stop();
    await harness.fake.close();
  });

  it('reveals exactly one rung for a double click, and tells the second click privately', async () => {
    const { fake } = harness;
    const { sessionId, hintMessageId } = await solveInThread(harness);
    const first = fake.clickButton(`sw:next:${sessionId}:1`, hintMessageId, STUDENT);
    const second = fake.clickButton(`sw:next:${sessionId}:1`, hintMessageId, STUDENT);

    const replies = await Promise.all([followUpFor(fake, first.token), followUpFor(fake, second.token)]);
    const hints = replies.filter((reply) => reply.files.some((file) => file.name.endsWith('-hint-2.png')));
    const notes = replies.filter((reply) => isEphemeral(reply));
    expect(hints).toHaveLength(1);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.body.content).toMatch(/^You have already seen that hint; you are on hint 2 of 3\./);
    expect([...followUpsFor(fake, first.token), ...followUpsFor(fake, second.token)]).toHaveLength(2);
  });

  it('gives a classmate who clicks Next hint a private note on how to start their own', async () => {
    const { fake } = harness;
    const { sessionId, hintMessageId } = await solveInThread(harness);
    const click = fake.clickButton(`sw:next:${sessionId}:1`, hintMessageId, CLASSMATE);

    const note = await followUpFor(fake, click.token);
    expect(isEphemeral(note)).toBe(true);
    expect(note.body.content).toBe("This is ada's session. Start your own with /solve.");
    expect(note.files).toHaveLength(0);
  });

  it('refuses a classmate the Check answer modal with an ephemeral reply instead', async () => {
    const { fake } = harness;
    const { sessionId, hintMessageId } = await solveInThread(harness);
    const click = fake.clickButton(`sw:check:${sessionId}`, hintMessageId, CLASSMATE);

    const callback = await callbackFor(fake, click.token);
    expect(callback.body).toMatchObject({ type: 4, data: { flags: 64, content: "This is ada's session. Start your own with /solve." } });
  });

  it("lets an instructor (by role) advance a student's session", async () => {
    const { fake } = harness;
    const { sessionId, hintMessageId } = await solveInThread(harness);
    const instructor = { id: '1200000000000000009', username: 'prof', roles: [fake.instructorRoleId] };
    const click = fake.clickButton(`sw:next:${sessionId}:1`, hintMessageId, instructor);

    const hint = await followUpFor(fake, click.token);
    expect(isEphemeral(hint)).toBe(false);
    expect(hint.files.map((file) => file.name)).toEqual([`${sessionId}-hint-2.png`]);
  });

  it('says privately that a session no longer exists', async () => {
    const { fake } = harness;
    const { hintMessageId } = await solveInThread(harness);
    const click = fake.clickButton('sw:next:zzzz9999zz:1', hintMessageId, STUDENT);

    const note = await followUpFor(fake, click.token);
    expect(isEphemeral(note)).toBe(true);
    expect(note.body.content).toBe('There is no session zzzz9999zz (it may have expired). Start a new one with /solve.');
  });

  it('answers a button it does not know privately', async () => {
    const { fake } = harness;
    const { hintMessageId } = await solveInThread(harness);
    const click = fake.clickButton('someone-elses-button', hintMessageId, STUDENT);

    expect((await callbackFor(fake, click.token)).body).toMatchObject({ type: 4, data: { flags: 64 } });
  });
});
