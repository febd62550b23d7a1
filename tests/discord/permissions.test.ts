import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LINEAR_EQUATION } from '../fakes/fake-reasoning-model.ts';
import { PERMISSIONS, type RecordedCall } from '../fakes/fake-discord.ts';
import { customIdsOf, followUpFor, followUpsFor, isEphemeral, startHarness, STUDENT, type DiscordHarness } from './discord-harness.ts';

/** Can read and post in the channel, but not open threads or post in them. */
const NO_THREADS = PERMISSIONS.viewChannel | PERMISSIONS.sendMessages | PERMISSIONS.embedLinks | PERMISSIONS.attachFiles | PERMISSIONS.readMessageHistory;

describe('posting where the bot may not open threads', () => {
  let harness: DiscordHarness;

  beforeEach(async () => {
    harness = await startHarness();
  });

  afterEach(async () => {
    await harness.bot.stop();
    await harness.fake.close();
  });

  /** /solve, then the follow-up that carries the hint buttons. */
  async function solveHere(): Promise<{ token: string; hints: RecordedCall; sessionId: string }> {
    const { fake } = harness;
    const command = fake.slashCommand('solve', { problem: LINEAR_EQUATION.problem }, STUDENT);
    const hints = await fake.waitFor((call) => call.path === `/webhooks/${fake.applicationId}/${command.token}` && customIdsOf(call.body).some((id) => id.startsWith('sw:next:')), 'the hints as a follow-up');
    const sessionId = customIdsOf(hints.body)[0]?.split(':')[2] ?? '';
    return { token: command.token, hints, sessionId };
  }

  it('tutors inside the interaction with the same buttons, and never tries a thread', async () => {
    const { fake } = harness;
    fake.setBotPermissions(fake.channelId, NO_THREADS);
    const { hints, sessionId } = await solveHere();

    expect(isEphemeral(hints)).toBe(false);
    expect(customIdsOf(hints.body)).toEqual([`sw:next:${sessionId}:1`, `sw:check:${sessionId}`, `sw:reason:${sessionId}`, `sw:reveal:${sessionId}`]);
    expect(hints.files.map((file) => file.name)).toEqual([`${sessionId}-problem.png`, `${sessionId}-hint-1.png`]);
    expect(fake.calls.some((call) => call.path.endsWith('/threads'))).toBe(false);
    expect(fake.refusals).toEqual([]);

    const message = [...fake.messages.values()].find((candidate) => customIdsOf(candidate).includes(`sw:next:${sessionId}:1`));
    const click = fake.clickButton(`sw:next:${sessionId}:1`, String(message?.id), STUDENT);
    const next = await followUpFor(fake, click.token);
    expect(next.files.map((file) => file.name)).toEqual([`${sessionId}-hint-2.png`]);
    expect(customIdsOf(next.body)[0]).toBe(`sw:next:${sessionId}:2`);
  });

  it('tells the student once, privately, which permissions an admin could grant', async () => {
    const { fake } = harness;
    fake.setBotPermissions(fake.channelId, PERMISSIONS.viewChannel);
    const first = await solveHere();
    const notes = followUpsFor(fake, first.token).filter(isEphemeral);
    expect(notes).toHaveLength(1);
    expect(String(notes[0]?.body.content)).toContain('**Create Public Threads**');
    expect(String(notes[0]?.body.content)).toContain('**Send Messages in Threads**');
    expect(String(notes[0]?.body.content)).toContain('**Attach Files**');

    const second = await solveHere();
    expect(followUpsFor(fake, second.token).filter(isEphemeral)).toEqual([]);
    expect(fake.refusals).toEqual([]);
  });

  it('sends the hints to a DM when a solve shown inside the interaction outlives its 15-minute token', async () => {
    const { fake, model } = harness;
    fake.setBotPermissions(fake.channelId, NO_THREADS);
    model.hold();
    const command = fake.slashCommand('solve', { problem: LINEAR_EQUATION.problem }, STUDENT);
    await fake.waitFor((call) => call.method === 'PATCH' && String(call.body.content).includes('R1 is thinking'), 'a progress edit');
    harness.advanceClock(15 * 60_000);
    model.resume();

    const hints = await fake.waitFor((call) => call.method === 'POST' && call.path === `/channels/${fake.directMessageChannelOf(STUDENT.id) ?? 'none'}/messages` && customIdsOf(call.body).length > 0, 'the hints in a DM');
    expect(customIdsOf(hints.body)[0]).toMatch(/^sw:next:[a-z0-9]+:1$/);
    expect(hints.isBotAuthorized).toBe(true);
    expect(fake.refusals.filter((call) => call.path.includes(command.token))).toEqual([]);
    const done = await fake.waitFor((call) => call.method === 'PATCH' && String(call.body.content).includes('Done.'), 'the reply saying where the hints went');
    expect(String(done.body.content)).toMatch(/Done\. The hints are in your direct messages with me\.$/);
    expect(done.path).toMatch(new RegExp(`^/channels/${fake.channelId}/messages/`));
  });
});
