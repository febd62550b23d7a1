/** `/problemset upload file:<attachment>`: the file is downloaded, validated and saved whole, or refused with every issue. */
import type { ChatInputCommandInteraction } from 'discord.js';
import { MAX_FILE_BYTES, type SaveResult } from '../../src/index.ts';
import { actorOf } from './actor-of.ts';
import type { DiscordContext } from './discord-context.ts';
import { fetchAttachmentText } from './fetch-attachment.ts';
import { spaceOf } from './space-of.ts';

/** Saves the attached set and says what changed; a refused file throws ProblemSetError listing every issue. */
export async function uploadProblemSet(interaction: ChatInputCommandInteraction, context: DiscordContext): Promise<string> {
  const text = await fetchAttachmentText(interaction.options.getAttachment('file', true), MAX_FILE_BYTES);
  const result = await context.classroom.upload(spaceOf(interaction), actorOf(interaction, context.instructorRoleId), text);
  return describeSave(result);
}

/** What was saved, and for a replacement which problems were added, removed and kept. */
export function describeSave(result: SaveResult): string {
  const { set } = result;
  const count = `${set.problems.length} problem${set.problems.length === 1 ? '' : 's'}`;
  const next = `Warm it with /problemset warm set:${set.id}; students start with /practice set:${set.id}.`;
  if (!result.replaced) return `Saved **${set.title}** (\`${set.id}\`), ${count}. ${next}`;
  return [
    `Replaced **${set.title}** (\`${set.id}\`), now ${count}.`,
    `- added: ${idsOf(result.added)}`,
    `- removed: ${idsOf(result.removed)}`,
    `- kept (students' progress carries over): ${idsOf(result.kept)}`,
    next,
  ].join('\n');
}

function idsOf(ids: readonly string[]): string {
  return ids.length > 0 ? ids.map((id) => `\`${id}\``).join(', ') : 'none';
}
