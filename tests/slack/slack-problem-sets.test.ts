import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseProblemSet, ProblemSetError, type ProblemSetIssue, type ReasoningModel } from '../../src/index.ts';
import { WARM_CONFIRM_ID, WARM_CANCEL_ID } from '../../adapters/slack/warm-offer.ts';
import { FakeReasoningModel, r1Events } from '../fakes/fake-reasoning-model.ts';
import { SAMPLED_SET_YAML, SAMPLE_ANSWERS } from '../fixtures/sampled-set.ts';
import { FakeSlack } from '../fakes/fake-slack.ts';
import {
  clickButton, directChannelOf, directTexts, filesSent, responseTexts, sendCommand, startTestBot, STUDENT, submitUploadModal, TEACHER, waitFor, type TestBot,
} from './slack-harness.ts';
import { scriptedR1, SPACE, TEACHER_ACTOR, WEEK_1 } from './week-one-set.ts';

const ALGEBRA = readFileSync(new URL('../../examples/algebra.yaml', import.meta.url), 'utf8');

const INVALID = `id: Week 2
title: Broken
policy:
  revealAnswer: sometimes
problems:
  - id: one
    statement: What is $1 + 1$?
  - id: one
    statement: What is $2 + 2$?
    answer: 4
    hint: [nope]
`;

let fake: FakeSlack;
let running: TestBot | undefined;

beforeEach(async () => {
  fake = await FakeSlack.start();
});

afterEach(async () => {
  await running?.bot.stop();
  running = undefined;
  await fake.close();
});

async function start(model = new FakeReasoningModel(scriptedR1)) {
  running = await startTestBot(fake, model, { instructorIds: [TEACHER] });
  return { model, ...running };
}

async function openUploadModal(test: TestBot) {
  expect((await sendCommand(test.bot, fake, 'problemset', 'upload', TEACHER)).status).toBe(200);
  return waitFor('the upload modal', () => fake.callsTo('views.open')[0]);
}

function issuesOf(text: string): readonly ProblemSetIssue[] {
  try {
    parseProblemSet(text);
  } catch (error) {
    if (error instanceof ProblemSetError) return error.issues;
  }
  throw new Error('expected the set to be refused');
}

describe('Slack: /problemset upload', () => {
  it('opens a modal with a file input and a paste box, downloads the attached file with the bot token, and saves it', async () => {
    const test = await start();
    const opened = await openUploadModal(test);
    expect(opened.response).toMatchObject({ ok: true });
    const blocks = JSON.stringify((opened.body.view as { blocks: unknown }).blocks);
    expect(blocks).toContain('"type":"file_input"');
    expect(blocks).toContain('"filetypes":["yaml","yml","txt"]');
    expect(blocks).toContain('"max_files":1');
    expect(blocks).toContain('"multiline":true,"max_length":3000');

    const file = fake.hostFile('algebra.yaml', ALGEBRA);
    expect((await submitUploadModal(test.bot, opened, { file })).status).toBe(200);
    const saved = await waitFor('the saved note', () => directTexts(fake, TEACHER).find((text) => text.includes('Saved')));
    expect(saved).toContain('Algebra basics');
    expect(saved).toContain('8 problems');
    const downloads = fake.callsTo('file');
    expect(downloads.map((call) => call.path)).toEqual([new URL(file.url_private_download).pathname + new URL(file.url_private_download).search]);
    expect(downloads[0]?.authorization).toBe('Bearer xoxb-fake');
    expect((await test.classroom.list(SPACE)).map((set) => set.id)).toEqual(['algebra-basics']);
  });

  it('says what a re-upload added, removed and kept', async () => {
    const test = await start();
    await test.classroom.upload(SPACE, TEACHER_ACTOR, WEEK_1);
    const opened = await openUploadModal(test);
    const changed = WEEK_1.replace('id: tricky', 'id: decimals');
    await submitUploadModal(test.bot, opened, { yaml: changed });
    const saved = await waitFor('the saved note', () => directTexts(fake, TEACHER).find((text) => text.includes('Saved')));
    expect(saved).toContain('added decimals');
    expect(saved).toContain('removed tricky');
    expect(saved).toContain('kept linear, square');
  });

  it('refuses invalid pasted YAML with every issue and its line and column, and saves nothing', async () => {
    const test = await start();
    const opened = await openUploadModal(test);
    await submitUploadModal(test.bot, opened, { yaml: INVALID });
    const refusal = await waitFor('the issue list', () => directTexts(fake, TEACHER).find((text) => text.includes('nothing was saved')));
    const issues = issuesOf(INVALID);
    expect(issues.length).toBeGreaterThanOrEqual(4);
    for (const issue of issues) expect(refusal).toContain(`line ${issue.line}, column ${issue.column}`);
    expect(await test.classroom.list(SPACE)).toEqual([]);
  });

  it('keeps the modal open and says what is missing when nothing was attached or pasted', async () => {
    const test = await start();
    const opened = await openUploadModal(test);
    const response = await submitUploadModal(test.bot, opened, {});
    expect(await response.json()).toEqual({ response_action: 'errors', errors: { yaml: expect.stringContaining('Attach a .yaml file') } });
    expect(fake.callsTo('conversations.open')).toEqual([]);
  });

  it('refuses /problemset and /report to a student without opening the modal', async () => {
    const test = await start();
    await sendCommand(test.bot, fake, 'problemset', 'upload', STUDENT);
    await sendCommand(test.bot, fake, 'report', 'week-1', STUDENT);
    const refusals = await waitFor('two refusals', () => responseTexts(fake).length >= 2 && responseTexts(fake));
    expect(refusals).toEqual([expect.stringContaining('Only instructors can use /'), expect.stringContaining('Only instructors can use /')]);
    expect(fake.callsTo('views.open')).toEqual([]);
  });
});

describe('Slack: /problemset list, show, export', () => {
  it('lists and shows sets, and exports the original file into the DM', async () => {
    const test = await start();
    await test.classroom.upload(SPACE, TEACHER_ACTOR, ALGEBRA);
    await sendCommand(test.bot, fake, 'problemset', 'list', TEACHER);
    await waitFor('the list', () => responseTexts(fake).find((text) => text.includes('`algebra-basics`: Algebra basics (8 problems')));
    await sendCommand(test.bot, fake, 'problemset', 'show algebra-basics', TEACHER);
    await waitFor('the set with its answers', () => responseTexts(fake).find((text) => text.includes('Solve $3x - 7 = 11$')));

    await sendCommand(test.bot, fake, 'problemset', 'export algebra-basics', TEACHER);
    const exported = await waitFor('the exported file', () => filesSent(fake).find((file) => file.name === 'algebra-basics.yaml'));
    expect(exported.channelId).toBe(directChannelOf(TEACHER));
    expect(exported.uploaded).toContain(ALGEBRA);
    expect(fake.callsTo('conversations.open')[0]?.body.users).toBe(TEACHER);
  });

  it('answers an unknown subcommand with the usage built from the command list', async () => {
    const test = await start();
    await sendCommand(test.bot, fake, 'problemset', 'frobnicate', TEACHER);
    const usage = await waitFor('the usage', () => responseTexts(fake)[0]);
    for (const name of ['upload', 'list', 'show', 'remove', 'export', 'warm', 'assign']) expect(usage).toContain(`/problemset ${name}`);
    expect(usage).toContain('/problemset warm &lt;set id&gt; [samples:K]');
  });
});

describe('Slack: /problemset warm', () => {
  it('shows the estimate, warms on Confirm and reports the problem R1 disagrees on', async () => {
    const test = await start();
    await test.classroom.upload(SPACE, TEACHER_ACTOR, WEEK_1);
    await sendCommand(test.bot, fake, 'problemset', 'warm week-1', TEACHER);
    const offer = await waitFor('the estimate', () => fake.callsTo('response_url')[0]);
    expect(offer.body.response_type).toBe('ephemeral');
    expect(String(offer.body.text)).toMatch(/solve 3 of its 3 problems.*\n.*12,000 output tokens, roughly \$0\.03/);
    const buttons = (offer.body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).find((block) => block.type === 'actions')?.elements ?? [];
    expect(buttons.map((button) => button.action_id)).toEqual([WARM_CONFIRM_ID, WARM_CANCEL_ID]);
    expect(test.model.calls).toBe(0);

    await clickButton(test.bot, fake, { actionId: WARM_CONFIRM_ID, value: buttons[0]?.value, messageTs: '1', threadTs: '1', userId: TEACHER });
    const summary = await waitFor('the summary', () => directTexts(fake, TEACHER).find((text) => text.startsWith('Warmed')));
    expect(summary).toContain('R1 agrees on 2 of 3 problems');
    expect(summary).toContain('tricky: R1 answered 0.35');
    expect(directTexts(fake, TEACHER)[0]).toBe('Warming week-1: starting…');
    expect(responseTexts(fake)[1]).toContain('the progress is in your DM');
    expect(test.model.calls).toBe(3);
  });

  it('edits one DM message with the progress while the set warms', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const r1 = new FakeReasoningModel(scriptedR1);
    // R1 answers the first two problems at once and the third only when the test says so.
    const model: ReasoningModel = {
      id: 'gated-r1',
      async *solve(request, signal) {
        if (request.prompt.includes('0.1 + 0.2')) await held;
        yield* r1.solve(request, signal);
      },
    };
    const test = (running = await startTestBot(fake, model, { instructorIds: [TEACHER] }));
    await test.classroom.upload(SPACE, TEACHER_ACTOR, WEEK_1);
    await sendCommand(test.bot, fake, 'problemset', 'warm week-1', TEACHER);
    await waitFor('the estimate', () => fake.callsTo('response_url')[0]);
    await clickButton(test.bot, fake, { actionId: WARM_CONFIRM_ID, value: JSON.stringify({ setId: 'week-1', teamId: 'T1' }), messageTs: '1', threadTs: '1', userId: TEACHER });
    const progress = await waitFor('a progress edit', () => fake.callsTo('chat.update').find((call) => /Warming week-1: 2 of 3 problems done/.test(String(call.body.text))));
    release();
    const summary = await waitFor('the summary', () => fake.callsTo('chat.update').find((call) => String(call.body.text).startsWith('Warmed')));
    expect(summary.body.ts).toBe(progress.body.ts);
    expect(summary.body.channel).toBe(directChannelOf(TEACHER));
  });

  it('warms with samples:3: the estimate covers every sample, and the summary shows agreement per problem and flags the rest', async () => {
    // Each problem's solves answer in turn from SAMPLE_ANSWERS: a majority that agrees, one that disagrees, none.
    const solves = new Map<string, number>();
    const model = new FakeReasoningModel((prompt) => {
      const [problem, answers] = Object.entries(SAMPLE_ANSWERS).find(([text]) => prompt.includes(text)) ?? ['', ['0']];
      const call = solves.get(problem) ?? 0;
      solves.set(problem, call + 1);
      const answer = answers[call % answers.length] ?? '0';
      return r1Events(`I get ${answer}.`, `Step 1\nHint: Work it out.\nWork: Compute it.\n\nFinal answer: $\\boxed{${answer}}$`);
    });
    const test = await start(model);
    await test.classroom.upload(SPACE, TEACHER_ACTOR, SAMPLED_SET_YAML);
    await sendCommand(test.bot, fake, 'problemset', 'warm sampled samples:3', TEACHER);
    const offer = await waitFor('the estimate', () => fake.callsTo('response_url')[0]);
    expect(String(offer.body.text)).toMatch(/solve each of 3 of its 3 problems 3 times now \(0 already warm; 9 solves, less any cached\)/);
    // Nine solves of about 4,000 output tokens each, not three.
    expect(String(offer.body.text)).toContain('36,000 output tokens');
    const buttons = (offer.body.blocks as { type: string; elements?: { action_id: string; value: string; text: { text: string } }[] }[]).find((block) => block.type === 'actions')?.elements ?? [];
    expect(buttons[0]?.text.text).toBe('Warm with 3 samples');
    expect(model.calls).toBe(0);

    await clickButton(test.bot, fake, { actionId: WARM_CONFIRM_ID, value: buttons[0]?.value, messageTs: '1', threadTs: '1', userId: TEACHER });
    const summary = await waitFor('the summary', () => directTexts(fake, TEACHER).find((text) => text.startsWith('Warmed')));
    expect(model.calls).toBe(9);
    expect(summary).toContain('R1 agrees on 1 of 3 problems');
    expect(summary).toContain('- product: 2 of 3 samples agree (on 42; others: 41 ×1)');
    expect(summary).toContain('- sum: the majority of samples answered 12');
    expect(summary).toMatch(/- split: no majority \(1 of 3 samples agree/);

    // Under the summary, one Inspect button per flagged problem; a click brings its inspection as a file.
    const offerInspect = await waitFor('the inspect buttons', () => fake.callsTo('chat.postMessage').find((call) => call.body.channel === directChannelOf(TEACHER) && JSON.stringify(call.body.blocks ?? []).includes('sw-inspect-button:')));
    const inspectButtons = (offerInspect.body.blocks as { type: string; elements?: { action_id: string; value: string; text: { text: string } }[] }[]).find((block) => block.type === 'actions')?.elements ?? [];
    expect(inspectButtons.map((button) => button.text.text)).toEqual(['Inspect sum', 'Inspect split']);
    await clickButton(test.bot, fake, { actionId: inspectButtons[1]?.action_id ?? '', value: inspectButtons[1]?.value, messageTs: String(offerInspect.response.ts), threadTs: String(offerInspect.response.ts), userId: TEACHER });
    const file = await waitFor('the inspection', () => filesSent(fake).find((sent) => sent.name === 'inspect-sampled-split.md'));
    expect(file.channelId).toBe(directChannelOf(TEACHER));
    expect(file.uploaded).toContain('10 \\div 2');
    expect(file.uploaded).toContain('no majority: at most 1 of 3 samples agree');
  });

  it('reads --samples too, and refuses a count outside 1 to 10 without spending anything', async () => {
    const test = await start();
    await test.classroom.upload(SPACE, TEACHER_ACTOR, WEEK_1);
    await sendCommand(test.bot, fake, 'problemset', 'warm week-1 --samples 2', TEACHER);
    const offer = await waitFor('the estimate', () => fake.callsTo('response_url')[0]);
    expect(String(offer.body.text)).toContain('3 problems 2 times now');
    expect(JSON.parse(String((offer.body.blocks as { elements?: { value: string }[] }[])[1]?.elements?.[0]?.value))).toEqual({ setId: 'week-1', teamId: 'T1', samples: 2 });
    await sendCommand(test.bot, fake, 'problemset', 'warm week-1 samples:11', TEACHER);
    await sendCommand(test.bot, fake, 'problemset', 'warm week-1 samples:0', TEACHER);
    const refusals = await waitFor('two refusals', () => responseTexts(fake).filter((text) => text.includes('1 to 10')).length === 2 && responseTexts(fake));
    // mrkdwn: Slack shows &lt;set id&gt; as <set id>.
    expect(refusals.at(-1)).toContain('/problemset warm &lt;set id&gt; samples:3');
    expect(test.model.calls).toBe(0);
  });

  it('spends nothing when the instructor cancels', async () => {
    const test = await start();
    await test.classroom.upload(SPACE, TEACHER_ACTOR, WEEK_1);
    await sendCommand(test.bot, fake, 'problemset', 'warm week-1', TEACHER);
    const offer = await waitFor('the estimate', () => fake.callsTo('response_url')[0]);
    const value = JSON.stringify({ setId: 'week-1', teamId: 'T1' });
    expect(JSON.stringify(offer.body.blocks)).toContain(JSON.stringify(value));
    await clickButton(test.bot, fake, { actionId: WARM_CANCEL_ID, value, messageTs: '1', threadTs: '1', userId: TEACHER });
    await waitFor('the cancelled note', () => responseTexts(fake).find((text) => text.includes('cancelled')));
    expect(test.model.calls).toBe(0);
  });
});
