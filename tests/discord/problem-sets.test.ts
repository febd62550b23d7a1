import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHAT_COMMANDS, ProblemSetError, formatIssue, parseProblemSet, type ProblemSetIssue, type Space } from '../../src/index.ts';
import { callbackFor, isEphemeral, INSTRUCTOR, replyEditFor, startHarness, STUDENT, textSentFor, type DiscordHarness } from './discord-harness.ts';

const ALGEBRA_PATH = 'examples/algebra.yaml';
const YAML_TYPE = 'application/x-yaml';
const BROKEN_SET = [
  'id: broken',
  'title: Broken',
  'problems:',
  '  - id: one',
  '    statement: What is $1 + 1$?',
  '  - id: two',
  '    statement: What is $2 + 2$?',
  '    answer: 4',
  '    policy:',
  '      revealAnswer: sometimes',
  '',
].join('\n');

interface RegisteredOption {
  name: string;
  type: number;
  required?: boolean;
  options?: RegisteredOption[];
}

function issuesOf(text: string): readonly ProblemSetIssue[] {
  try {
    parseProblemSet(text);
  } catch (error) {
    if (error instanceof ProblemSetError) return error.issues;
    throw error;
  }
  throw new Error('expected the set to be refused');
}

describe('an instructor managing problem sets on Discord', () => {
  let harness: DiscordHarness;
  let space: Space;

  beforeEach(async () => {
    harness = await startHarness();
    space = { platform: 'discord', id: harness.fake.guildId };
  });

  afterEach(async () => {
    await harness.bot.stop();
    await harness.fake.close();
    // The strict fake refused nothing: every payload was within Discord's limits and rules.
    expect(harness.fake.refusals.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([]);
  });

  async function upload(name: string, bytes: Buffer, contentType: string | undefined = YAML_TYPE) {
    const command = harness.fake.slashCommand('problemset upload', { file: { name, bytes, contentType } }, INSTRUCTOR);
    expect((await callbackFor(harness.fake, command.token)).body).toEqual({ type: 5, data: { flags: 64 } });
    return command;
  }

  it('registers subcommands, the attachment option, and instructor commands the instructor role can see', async () => {
    const { fake } = harness;
    const put = await fake.waitFor((call) => call.method === 'PUT', 'command registration');
    const commands = put.body as unknown as { name: string; default_member_permissions: string | null; options: RegisteredOption[] }[];
    expect(commands.map((command) => command.name)).toEqual([...CHAT_COMMANDS.map((command) => command.name), 'inspect', 'Inspect']);
    for (const command of [...CHAT_COMMANDS, { name: 'inspect' }, { name: 'Inspect' }]) {
      // With DISCORD_INSTRUCTOR_ROLE_ID set, Manage Server would hide them from that role; the run-time check guards them instead.
      expect(commands.find((entry) => entry.name === command.name)?.default_member_permissions).toBeNull();
    }
    const problemset = commands.find((command) => command.name === 'problemset');
    expect(problemset?.options.map((option) => [option.name, option.type])).toEqual(
      ['upload', 'list', 'show', 'remove', 'export', 'warm', 'assign'].map((name) => [name, 1]),
    );
    expect(problemset?.options[0]?.options).toEqual([expect.objectContaining({ name: 'file', type: 11, required: true })]);
    expect(problemset?.options[2]?.options).toEqual([expect.objectContaining({ name: 'set', type: 3, required: true })]);
    // warm takes a bounded integer number of samples, which Discord's client enforces.
    expect(problemset?.options[5]?.options).toEqual([
      expect.objectContaining({ name: 'set', type: 3, required: true }),
      expect.objectContaining({ name: 'samples', type: 4, required: false, min_value: 1, max_value: 10 }),
    ]);
    expect(commands.find((command) => command.name === 'practice')?.options).toEqual([expect.objectContaining({ name: 'set', type: 3, required: false })]);
  });

  it('saves an uploaded file, lists and shows it, and re-uploading reports what was added, removed and kept', async () => {
    const { fake, classroom } = harness;
    const algebra = await readFile(ALGEBRA_PATH);
    const first = await upload('algebra.yaml', algebra);
    const saved = await replyEditFor(fake, first.token, /Saved/);
    expect(String(saved.body.content)).toMatch(/^Saved \*\*Algebra basics\*\* \(`algebra-basics`\), 8 problems\./);
    expect(fake.downloads.map((call) => call.method)).toEqual(['GET']);
    expect(await classroom.list(space)).toEqual([expect.objectContaining({ id: 'algebra-basics', problemCount: 8 })]);

    const second = await upload('algebra.yaml', Buffer.from(algebra.toString('utf8').replace('id: exponent-rules', 'id: exponents')));
    const replaced = String((await replyEditFor(fake, second.token, /Replaced/)).body.content);
    expect(replaced).toContain('- added: `exponents`');
    expect(replaced).toContain('- removed: `exponent-rules`');
    expect(replaced).toMatch(/- kept \(students' progress carries over\): `solve-linear`, .*`slope`$/m);

    const list = fake.slashCommand('problemset list', {}, INSTRUCTOR);
    expect(String((await replyEditFor(fake, list.token, /problem set/)).body.content)).toContain('`algebra-basics` **Algebra basics**: 8 problems');
    const show = fake.slashCommand('problemset show', { set: 'algebra-basics' }, INSTRUCTOR);
    expect(String((await replyEditFor(fake, show.token, /Algebra basics/)).body.content)).toContain('answer: 6');
  });

  it('refuses an invalid file with every issue, line and column, and saves nothing', async () => {
    const { fake, classroom } = harness;
    const issues = issuesOf(BROKEN_SET);
    expect(issues.length).toBeGreaterThanOrEqual(2);
    const command = await upload('broken.yaml', Buffer.from(BROKEN_SET));
    await replyEditFor(fake, command.token, /nothing was saved/);
    const text = textSentFor(fake, command.token);
    for (const issue of issues) expect(text).toContain(formatIssue(issue));
    expect(text).toMatch(/line 4, column \d+/);
    expect(await classroom.list(space)).toEqual([]);
  });

  it('sends a very long issue list whole, its first part in the reply and all of it as a file', async () => {
    const { fake } = harness;
    const problems = Array.from({ length: 150 }, (_, index) => `  - id: p${index}\n    statement: What is ${index} + 1?`);
    const text = ['id: many', 'title: Many', 'problems:', ...problems, ''].join('\n');
    const issues = issuesOf(text);
    const command = await upload('many.yaml', Buffer.from(text));
    await replyEditFor(fake, command.token, /nothing was saved/);
    await fake.waitFor((call) => call.files.length > 0 && call.path.includes(command.token), 'the whole list as a file');
    const calls = fake.callsFor(command.token);
    const everything = [textSentFor(fake, command.token), ...calls.flatMap((call) => call.files.map((file) => file.bytes.toString('utf8')))].join('\n');
    expect(issues).toHaveLength(150);
    for (const issue of issues) expect(everything).toContain(formatIssue(issue));
    for (const call of calls) expect(String(call.body.content ?? '').length).toBeLessThanOrEqual(2000);
  });

  it('refuses files over 256 KB and files that are not text without downloading them', async () => {
    const { fake } = harness;
    const big = fake.slashCommand('problemset upload', { file: { name: 'huge.yaml', bytes: Buffer.from('id: x'), contentType: YAML_TYPE, size: 300 * 1024 } }, INSTRUCTOR);
    expect(String((await replyEditFor(fake, big.token, /KB/)).body.content)).toBe('huge.yaml is 300 KB; a problem-set file may be at most 256 KB. Split it into smaller sets.');
    const photo = fake.slashCommand('problemset upload', { file: { name: 'set.png', bytes: Buffer.from([0x89, 0x50]), contentType: 'image/png' } }, INSTRUCTOR);
    expect(String((await replyEditFor(fake, photo.token, /not a text file/)).body.content)).toContain('Attach the problem set as a .yaml file.');
    expect(fake.downloads).toEqual([]);
  });

  it('refuses /problemset, /report and /policy to a student, privately', async () => {
    const { fake } = harness;
    for (const [name, options] of [['problemset list', {}], ['report', { set: 'x' }], ['policy', { answer: 'never' }]] as const) {
      const command = fake.slashCommand(name, options, STUDENT);
      const reply = await callbackFor(fake, command.token);
      expect(reply.body).toMatchObject({ type: 4, data: { content: `Only instructors can use /${name.split(' ')[0] ?? ''}.`, flags: 64 } });
    }
  });

  it('exports the file exactly as uploaded, as an attachment', async () => {
    const { fake } = harness;
    const algebra = await readFile(ALGEBRA_PATH);
    await replyEditFor(fake, (await upload('algebra.yaml', algebra)).token, /Saved/);
    const command = fake.slashCommand('problemset export', { set: 'algebra-basics' }, INSTRUCTOR);
    const reply = await replyEditFor(fake, command.token, /as uploaded/);
    expect(reply.files.map((file) => file.name)).toEqual(['algebra-basics.yaml']);
    expect(reply.files[0]?.bytes.equals(algebra)).toBe(true);
    expect(isEphemeral(reply)).toBe(false);
  });
});
