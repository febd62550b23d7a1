/** `/report set:<id>`: the class table in code blocks, privately, with the CSV attached. */
import type { ChatInputCommandInteraction } from 'discord.js';
import { type View, type ViewPart } from '../../src/index.ts';
import { actorOf } from './actor-of.ts';
import type { DiscordContext } from './discord-context.ts';
import { MAX_CONTENT_CHARS } from './discord-messages.ts';
import { answerPrivateCommand } from './private-command.ts';
import { splitMessage } from './text-limits.ts';
import { spaceOf } from './space-of.ts';

const FENCE = '```';
/** A fenced block adds the two fences and their line breaks. */
const MAX_TABLE_CHARS = MAX_CONTENT_CHARS - 2 * (FENCE.length + 1);
/** A longer table is sent as its first block plus a text file. */
const MAX_TABLE_MESSAGES = 3;

/** Answers `/report` (instructors only, checked before it is called and again by the engine). */
export async function handleReport(interaction: ChatInputCommandInteraction, context: DiscordContext): Promise<void> {
  await answerPrivateCommand(interaction, context, async () => {
    const setId = interaction.options.getString('set', true).trim();
    const { table, csv } = await context.classroom.report(spaceOf(interaction), actorOf(interaction, context.instructorRoleId), setId);
    return reportView(setId, table, csv);
  });
}

/** The table as code blocks (or the first block and a file, when long), then the CSV file. */
export function reportView(setId: string, table: string, csv: string): View {
  const blocks = splitMessage(table, MAX_TABLE_CHARS).map((piece): ViewPart => ({ type: 'text', markdown: `${FENCE}\n${piece}\n${FENCE}` }));
  const csvFile: ViewPart = { type: 'file', name: `${setId}-report.csv`, mediaType: 'text/csv', content: csv, description: `One line per student and problem in ${setId}` };
  const parts: ViewPart[] = blocks.length <= MAX_TABLE_MESSAGES
    ? [...blocks, csvFile]
    : [blocks[0] as ViewPart, { type: 'text', markdown: 'The whole table is in the attached text file.' }, { type: 'file', name: `${setId}-report.txt`, mediaType: 'text/plain', content: table, description: 'The whole table' }, csvFile];
  return { tone: 'info', parts, actions: [], isPrivate: true };
}
