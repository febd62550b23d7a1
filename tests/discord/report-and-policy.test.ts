import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeUser, JsonObject } from '../fakes/fake-discord.ts';
import { CLASSMATE, INSTRUCTOR, replyEditFor, solveInThread, startHarness, STUDENT, threadStartedBy, type DiscordHarness } from './discord-harness.ts';
import { uploadWeekOne, weekOneModel } from './week-one-set.ts';

const THIRD_STUDENT: FakeUser = { id: '1200000000000000003', username: 'cy' };

describe('instructors reading reports and setting the policy on Discord', () => {
  let harness: DiscordHarness;

  beforeEach(async () => {
    harness = await startHarness({ model: weekOneModel() });
    await uploadWeekOne(harness);
  });

  afterEach(async () => {
    await harness.bot.stop();
    await harness.fake.close();
    // The strict fake refused nothing: every payload was within Discord's limits and rules.
    expect(harness.fake.refusals.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([]);
  });

  /** The student opens the next problem of week 1 and types each answer with /check. */
  async function practise(user: FakeUser, answers: readonly string[]): Promise<void> {
    const { fake } = harness;
    const { threadId } = await threadStartedBy(fake, fake.slashCommand('practice', { set: 'week-1' }, user));
    for (const answer of answers) await replyEditFor(fake, fake.slashCommand('check', { answer }, user, threadId).token, /./);
  }

  it('answers /report with the table in a code block and the CSV attached, with the class numbers', async () => {
    const { fake } = harness;
    await practise(STUDENT, ['x = 2']);
    await practise(CLASSMATE, ['x = 3', 'x = 2']);
    await practise(THIRD_STUDENT, []);

    const command = fake.slashCommand('report', { set: 'week-1' }, INSTRUCTOR);
    const reply = await replyEditFor(fake, command.token, /^```/);
    const table = String(reply.body.content);
    expect(table).toMatch(/^```\nWeek 1 \(week-1\)\n/);
    expect(table).toMatch(/\n```$/);
    expect(table).toMatch(/^linear\s+3\s+67%\s+1\s+x = 3 \(1\)$/m);
    expect(reply.files.map((file) => [file.name, file.contentType])).toEqual([['week-1-report.csv', 'text/csv']]);
    expect(reply.files[0]?.bytes.toString('utf8').split('\r\n')).toEqual([
      'student,student_id,problem,solved,attempts,hints_opened,answer_revealed,seconds_to_solve,questions',
      `ada,discord:${STUDENT.id},linear,yes,1,1,no,0,0`,
      `cy,discord:${THIRD_STUDENT.id},linear,no,0,1,no,,0`,
      `grace,discord:${CLASSMATE.id},linear,yes,2,1,no,0,0`,
      '',
    ]);
  });

  it('sets the ad-hoc policy with /policy, so /solve then shows Reveal answer disabled', async () => {
    const { fake } = harness;
    const policy = fake.slashCommand('policy', { answer: 'never' }, INSTRUCTOR);
    expect(String((await replyEditFor(fake, policy.token, /From now on/)).body.content)).toMatch(/^From now on, problems asked with \/solve here follow: answer never; reasoning after answer;/);

    const { card, sessionId } = await solveInThread(harness, 'Solve $2x + 3 = 7$.', STUDENT);
    const buttons = (card.body.components as { components: JsonObject[] }[]).flatMap((row) => row.components);
    expect(buttons.find((button) => button.custom_id === `sw:reveal:${sessionId}`)).toMatchObject({ disabled: true });
    expect(buttons.find((button) => button.custom_id === `sw:next:${sessionId}:1`)).toMatchObject({ disabled: false });
  });

  it('answers /policy with the accepted forms when the rule is not one of them', async () => {
    const { fake } = harness;
    const policy = fake.slashCommand('policy', { reasoning: 'sometimes' }, INSTRUCTOR);
    const reply = String((await replyEditFor(fake, policy.token, /sometimes/)).body.content);
    expect(reply).toBe('"sometimes" is not a rule Stepwise knows for reasoning. Write "always", "never", "after solved", "after N attempts" (e.g. "after 3 attempts"), "after trying" (an attempt or every hint) or "after answer".');
  });
});
