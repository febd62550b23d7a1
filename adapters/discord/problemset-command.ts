/** `/problemset …`: an instructor's sets, answered privately; `warm` asks for confirmation first. */
import type { ChatInputCommandInteraction } from 'discord.js';
import { UserFacingError, messageView, type ProblemSetSummary, type View } from '../../src/index.ts';
import { actorOf } from './actor-of.ts';
import type { DiscordContext } from './discord-context.ts';
import { answerPrivateCommand } from './private-command.ts';
import { uploadProblemSet } from './problemset-upload.ts';
import { parentChannelOf, spaceOf } from './space-of.ts';
import { offerWarm } from './warm-flow.ts';

/** Routes a `/problemset` subcommand (the caller was already checked to be an instructor). */
export async function handleProblemset(interaction: ChatInputCommandInteraction, context: DiscordContext): Promise<void> {
  const subcommand = interaction.options.getSubcommand();
  if (subcommand === 'warm') return offerWarm(interaction, context);
  await answerPrivateCommand(interaction, context, () => runSubcommand(subcommand, interaction, context));
}

async function runSubcommand(subcommand: string, interaction: ChatInputCommandInteraction, context: DiscordContext): Promise<View | string> {
  const { classroom } = context;
  const space = spaceOf(interaction);
  const actor = actorOf(interaction, context.instructorRoleId);
  const setId = () => interaction.options.getString('set', true).trim();
  switch (subcommand) {
    case 'upload':
      return uploadProblemSet(interaction, context);
    case 'list':
      return describeList(await classroom.list(space));
    case 'show':
      return classroom.show(space, actor, setId());
    case 'remove': {
      const id = setId();
      return (await classroom.remove(space, actor, id)) ? `Removed \`${id}\`. Students keep their past sessions.` : `There is no problem set "${id}" here. /problemset list shows the sets.`;
    }
    case 'export': {
      const id = setId();
      return exportView(id, await classroom.export(space, actor, id));
    }
    case 'assign': {
      const id = setId();
      const channelId = parentChannelOf(interaction);
      await classroom.assignChannel(space, actor, channelId, id);
      return `<#${channelId}> now practises \`${id}\`: students there can type /practice without naming a set.`;
    }
    default:
      throw new UserFacingError(`/problemset ${subcommand} is not available on Discord yet.`);
  }
}

function describeList(sets: readonly ProblemSetSummary[]): string {
  if (sets.length === 0) return 'No problem sets here yet. Upload one with /problemset upload (see examples/algebra.yaml).';
  const lines = sets.map((set) => `- \`${set.id}\` **${set.title}**: ${set.problemCount} problem${set.problemCount === 1 ? '' : 's'}, uploaded ${set.uploadedAt.slice(0, 10)} (version ${set.version})`);
  return `${sets.length} problem set${sets.length === 1 ? '' : 's'} here:\n${lines.join('\n')}`;
}

/** The file exactly as uploaded, attached. */
function exportView(setId: string, yaml: string): View {
  const view = messageView(`\`${setId}\` as uploaded:`, 'info', true);
  return { ...view, parts: [...view.parts, { type: 'file', name: `${setId}.yaml`, mediaType: 'application/yaml', content: yaml, description: `The ${setId} problem set` }] };
}
