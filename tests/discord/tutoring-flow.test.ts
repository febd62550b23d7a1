import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHAT_COMMANDS } from '../../src/index.ts';
import { LINEAR_EQUATION } from '../fakes/fake-reasoning-model.ts';
import { callbackFor, customIdsOf, followUpFor, isEphemeral, solveInThread, startHarness, STUDENT, type DiscordHarness } from './discord-harness.ts';

const MAX_CONTENT_CHARS = 2000;
const MAX_BUTTONS_PER_ROW = 5;

describe('a student working a problem on Discord', () => {
  let harness: DiscordHarness;

  beforeEach(async () => {
    harness = await startHarness();
  });

  afterEach(async () => {
    harness.model.resume();
    await harness.bot.stop();
    await harness.fake.close();
    // The strict fake refused nothing: every payload was within Discord's limits and rules.
    expect(harness.fake.refusals.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([]);
  });

  it('registers the shared command list, /inspect and the Inspect message command in the guild at startup', async () => {
    const { fake } = harness;
    const put = await fake.waitFor((call) => call.method === 'PUT', 'command registration');
    expect(put.path).toBe(`/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`);
    const commands = put.body as unknown as { name: string; type: number; options: { name: string; max_length?: number }[] }[];
    expect(commands.map((command) => command.name)).toEqual([...CHAT_COMMANDS.map((command) => command.name), 'inspect', 'Inspect']);
    expect(commands.at(-1)).toEqual(expect.objectContaining({ name: 'Inspect', type: 3 }));
    expect(commands[0]?.options[0]).toMatchObject({ name: 'problem', type: 3, required: true, max_length: 4000 });
  });

  it('defers /solve at once, shows R1 thinking, then opens a thread with the problem and the first hint', async () => {
    const { fake, model } = harness;
    model.hold();
    const command = fake.slashCommand('solve', { problem: LINEAR_EQUATION.problem }, STUDENT);

    const callback = await callbackFor(fake, command.token);
    expect(callback.body).toMatchObject({ type: 5 });
    expect(fake.callsFor(command.token)[0]).toBe(callback);

    const thinking = await fake.waitFor((call) => call.method === 'PATCH' && String(call.body.content).includes('R1 is thinking'), 'a progress edit');
    expect(thinking.path).toBe(`/webhooks/${fake.applicationId}/${command.token}/messages/@original`);
    expect(String(thinking.body.content)).toMatch(/^\*\*ada asked:\*\* Solve 2x \+ 3 = 7\nR1 is thinking… \d+ s · ~1 reasoning tokens$/);
    model.resume();

    const thread = await fake.waitFor((call) => call.path.endsWith('/threads'), 'the thread');
    const replyId = [...fake.messages.values()].find((message) => String(message.content).startsWith('**ada asked:**'))?.id;
    expect(thread.path).toBe(`/channels/${fake.channelId}/messages/${replyId}/threads`);
    expect(thread.body).toMatchObject({ name: 'Solve 2x + 3 = 7' });
    expect(thread.isBotAuthorized).toBe(true);

    const threadId = String(replyId);
    const card = await fake.waitFor((call) => call.path === `/channels/${threadId}/messages`, 'the hint card');
    expect(card.contentType).toBe('multipart/form-data');
    expect(card.files.map((file) => file.contentType)).toEqual(['image/png', 'image/png']);
    const embeds = card.body.embeds as { title: string; image: { url: string } }[];
    expect(embeds.map((embed) => embed.title)).toEqual(['Problem', 'Hint 1 of 3']);
    expect(embeds.map((embed) => embed.image.url)).toEqual(card.files.map((file) => `attachment://${file.name}`));
    const attachments = card.body.attachments as { description: string }[];
    expect(attachments[0]?.description).toBe(LINEAR_EQUATION.problem);
    expect(attachments[1]?.description).toMatch(/both sides/);
    const sessionId = customIdsOf(card.body)[0]?.split(':')[2];
    expect(customIdsOf(card.body)).toEqual([`sw:next:${sessionId}:1`, `sw:check:${sessionId}`, `sw:reason:${sessionId}`, `sw:reveal:${sessionId}`]);

    const done = await fake.waitFor((call) => call.method === 'PATCH' && String(call.body.content).includes('Done.'), 'the final edit');
    expect(done.body.content).toBe('**ada asked:** Solve 2x + 3 = 7\nDone. The hints are in the thread.');
    for (const call of fake.callsFor(command.token)) expect(String(call.body.content ?? '').length).toBeLessThanOrEqual(MAX_CONTENT_CHARS);
  });

  it('climbs the ladder one rung per Next hint and strips the buttons from the clicked card', async () => {
    const { fake } = harness;
    const { sessionId, hintMessageId } = await solveInThread(harness);
    const click = fake.clickButton(`sw:next:${sessionId}:1`, hintMessageId, STUDENT);

    expect((await callbackFor(fake, click.token)).body).toEqual({ type: 6 });
    const strip = await fake.waitFor((call) => call.method === 'PATCH' && call.path.includes(click.token), 'the button strip');
    expect(strip.body).toMatchObject({ components: [] });
    const hint = await followUpFor(fake, click.token);
    expect(hint.files.map((file) => file.name)).toEqual([`${sessionId}-hint-2.png`]);
    expect(isEphemeral(hint)).toBe(false);
    expect(customIdsOf(hint.body)[0]).toBe(`sw:next:${sessionId}:2`);
    const rows = hint.body.components as { components: unknown[] }[];
    for (const row of rows) expect(row.components.length).toBeLessThanOrEqual(MAX_BUTTONS_PER_ROW);
  });

  it('checks an answer from the modal and quotes it with the verdict in the thread', async () => {
    const { fake } = harness;
    const { sessionId, hintMessageId } = await solveInThread(harness);
    const click = fake.clickButton(`sw:check:${sessionId}`, hintMessageId, STUDENT);

    const modal = await callbackFor(fake, click.token);
    expect(modal.body).toMatchObject({ type: 9, data: { custom_id: `sw:check:${sessionId}`, title: 'Check your answer' } });
    expect(JSON.stringify(modal.body)).toContain('"custom_id":"answer"');

    const submit = fake.submitModal(`sw:check:${sessionId}`, { answer: 'x = 2' }, hintMessageId, STUDENT);
    expect((await callbackFor(fake, submit.token)).body).toEqual({ type: 6 });
    const verdict = await followUpFor(fake, submit.token);
    expect(String(verdict.body.content)).toMatch(/^\*\*ada answered:\*\* x = 2\nCorrect! Well done\./);
    expect(isEphemeral(verdict)).toBe(false);
  });

  it('checks an answer typed with /check inside the thread, without giving the answer away', async () => {
    const { fake } = harness;
    const { threadId } = await solveInThread(harness);
    const command = fake.slashCommand('check', { answer: 'x = 5' }, STUDENT, threadId);

    expect((await callbackFor(fake, command.token)).body).toMatchObject({ type: 5 });
    const verdict = await fake.waitFor((call) => call.method === 'PATCH' && call.path.includes(command.token), 'the verdict');
    expect(String(verdict.body.content)).not.toMatch(/Correct|x = 2|\b2\b/);
    expect(String(verdict.body.content).length).toBeGreaterThan(0);
  });

  it('reveals the answer after an attempt, then shows the reasoning as a Markdown file with an excerpt', async () => {
    const { fake } = harness;
    const { sessionId, hintMessageId } = await solveInThread(harness);
    const tooSoon = fake.clickButton(`sw:reveal:${sessionId}`, hintMessageId, STUDENT);
    expect(String((await followUpFor(fake, tooSoon.token)).body.content)).toMatch(/Try an answer first/);
    const attempt = fake.submitModal(`sw:check:${sessionId}`, { answer: 'x = 5' }, hintMessageId, STUDENT);
    await followUpFor(fake, attempt.token);
    const reveal = fake.clickButton(`sw:reveal:${sessionId}`, hintMessageId, STUDENT);
    expect((await followUpFor(fake, reveal.token)).files.map((file) => file.name)).toEqual([`${sessionId}-answer.png`]);

    const reasoning = fake.clickButton(`sw:reason:${sessionId}`, hintMessageId, STUDENT);
    const post = await followUpFor(fake, reasoning.token);
    expect(post.files).toHaveLength(1);
    expect(post.files[0]).toMatchObject({ name: `reasoning-${sessionId}.md`, contentType: 'text/markdown' });
    expect(post.files[0]?.bytes.toString('utf8')).toContain(LINEAR_EQUATION.reasoning);
    expect(String(post.body.content)).toMatch(/^\*\*How R1 thought about it\*\*/);
  });
});
