/**
 * `/problemset <subcommand> <set id>` (instructors). Slack has no subcommands, so the first word
 * picks one of CHAT_COMMANDS' `problemset` subcommands and the rest names the set.
 */
import type { RespondFn, SlashCommand } from '@slack/bolt';
import { CHAT_COMMANDS, MAX_WARM_SAMPLES, type Actor, type ChatSubcommand, type ProblemSetSummary, type Space } from '../../src/index.ts';
import type { SlackClient, SlackContext } from './slack-context.ts';
import { actorOf, spaceOf } from './slack-actor.ts';
import { setIdFrom, splitSubcommand, warmArgumentsFrom } from './command-text.ts';
import { sendPrivateFile } from './direct-messages.ts';
import { replyFailure, replyPrivately } from './ephemeral-reply.ts';
import { openUploadModal } from './upload-modal.ts';
import { offerWarm } from './warm-offer.ts';

const SUBCOMMANDS: readonly ChatSubcommand[] = CHAT_COMMANDS.find((command) => command.name === 'problemset')?.subcommands ?? [];

/** What a subcommand handler is given. */
interface SubcommandRequest {
  readonly context: SlackContext;
  readonly client: SlackClient;
  readonly command: SlashCommand;
  readonly respond: RespondFn;
  readonly space: Space;
  readonly actor: Actor;
  /** The set named after the subcommand (checked present when the subcommand needs one). */
  readonly setId: string;
}

type SubcommandHandler = (request: SubcommandRequest) => Promise<void>;

const HANDLERS: Readonly<Record<string, SubcommandHandler>> = {
  list: async ({ context, respond, space }) => replyPrivately(respond, describeList(await context.classroom.list(space))),
  show: async ({ context, respond, space, actor, setId }) => replyPrivately(respond, await context.classroom.show(space, actor, setId)),
  remove: async ({ context, respond, space, actor, setId }) => {
    const isRemoved = await context.classroom.remove(space, actor, setId);
    await replyPrivately(respond, isRemoved ? `Removed ${setId}. Students keep their sessions.` : `There is no problem set "${setId}" here.`);
  },
  export: async ({ context, command, respond, space, actor, setId }) => {
    const text = await context.classroom.export(space, actor, setId);
    await sendPrivateFile(context.lanes.posts, command.user_id, { name: `${setId}.yaml`, content: text, title: `${setId}.yaml`, comment: `The problem set ${setId}, exactly as uploaded.` });
    await replyPrivately(respond, `${setId}.yaml is in your DM with me.`);
  },
  assign: async ({ context, command, respond, space, actor, setId }) => {
    await context.classroom.assignChannel(space, actor, command.channel_id, setId);
    await replyPrivately(respond, `This channel now practises from ${setId}: students type /practice to get their next problem.`);
  },
  warm: async ({ context, command, respond, space, actor }) => {
    const { setId, samples } = warmArgumentsFrom(splitSubcommand(command.text).rest);
    const count = samples === undefined ? 1 : Number(samples);
    if (!setId || !Number.isInteger(count) || count < 1 || count > MAX_WARM_SAMPLES) {
      return replyPrivately(respond, `Name the set, and optionally how many times R1 solves each problem (1 to ${MAX_WARM_SAMPLES}; the majority answer wins): \`/problemset warm <set id> samples:3\`.`);
    }
    await offerWarm(context, respond, space, actor, setId, count);
  },
};

/** Slack-only words after a subcommand's options (Slack has no options of its own, so they are typed). */
const EXTRA_USAGE: Readonly<Record<string, string>> = { warm: ' [samples:K]' };

/** Handles one `/problemset` after it has been acknowledged (and the caller found to be an instructor). */
export async function problemsetCommand(context: SlackContext, client: SlackClient, command: SlashCommand, respond: RespondFn): Promise<void> {
  const { name, rest } = splitSubcommand(command.text);
  const subcommand = SUBCOMMANDS.find((candidate) => candidate.name === name);
  try {
    if (name === 'upload') {
      // The trigger id lasts 3 seconds: open the modal before anything else.
      await openUploadModal(client, command.trigger_id, { channelId: command.channel_id, teamId: command.team_id });
      return;
    }
    const handler = HANDLERS[name];
    if (!subcommand || !handler) return await replyPrivately(respond, usage(name));
    const setId = name === 'warm' ? warmArgumentsFrom(rest).setId : setIdFrom(rest);
    if (!setId && subcommand.options.some((option) => option.isRequired)) return await replyPrivately(respond, `Name the set: \`/problemset ${name} <set id>\`. \`/problemset list\` shows the sets.`);
    const actor = await actorOf(context, command.user_id, command.user_name);
    await handler({ context, client, command, respond, space: spaceOf(command.team_id), actor, setId: setId ?? '' });
  } catch (error) {
    await replyFailure(context.logger, respond, 'problemset command failed', error, { subcommand: name });
  }
}

function usage(name: string): string {
  const lines = SUBCOMMANDS.map((subcommand) => {
    const texts = subcommand.options.filter((option) => option.type === 'text');
    const args = texts.map((option) => (option.name === 'set' ? ' <set id>' : ` [${option.name}:…]`)).join('');
    const extra = texts.some((option) => option.name === 'samples') ? '' : (EXTRA_USAGE[subcommand.name] ?? '');
    return `- \`/problemset ${subcommand.name}${args}${extra}\`: ${subcommand.description}`;
  });
  const lead = name ? `There is no \`/problemset ${name}\`.` : 'Problem sets (instructors only):';
  return `${lead}\n${lines.join('\n')}`;
}

function describeList(sets: readonly ProblemSetSummary[]): string {
  if (sets.length === 0) return 'No problem sets here yet. Add one with `/problemset upload`.';
  const lines = sets.map((set) => `- \`${set.id}\`: ${set.title} (${set.problemCount} problem${set.problemCount === 1 ? '' : 's'}, version ${set.version}, uploaded ${set.uploadedAt.slice(0, 10)})`);
  return `Problem sets here:\n${lines.join('\n')}`;
}
