/**
 * Inspect, for instructors: how the ladder behind a session (or a warmed problem) was made, as the
 * same Markdown file `stepwise inspect` prints, in a private reply. Reached from a message's Apps
 * menu (Apps → Inspect, on any message of a session) or `/inspect` (in a session's thread, or with
 * a session id, or with a set and problem).
 */
import { MessageFlags, type APIMessage, type ChatInputCommandInteraction, type Message, type MessageContextMenuCommandInteraction } from 'discord.js';
import { UserFacingError, inspectionMarkdown, parseActionId, type LadderInspection } from '../../src/index.ts';
import { actorOf } from './actor-of.ts';
import type { DiscordContext } from './discord-context.ts';
import { MAX_CONTENT_CHARS, NO_MENTIONS, type OutgoingMessage } from './discord-messages.ts';
import { interactionTarget } from './message-target.ts';
import { spaceOf } from './space-of.ts';
import { truncateText } from './text-limits.ts';
import { sessionOfThread } from './thread-sessions.ts';

/** Said to anyone else who tries. */
export const INSPECT_REFUSAL = "Only instructors can inspect how a hint ladder was made: it shows R1's reasoning and the answer.";
/** Discord's upload limit when an interaction does not say (reference.mdx "Uploading Files"). */
const DEFAULT_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** A request may carry at most 25 MiB; the JSON part and the multipart framing need some of it. */
const MAX_FILE_BYTES_PER_REQUEST = 25 * 1024 * 1024 - 64 * 1024;
const PROBLEM_EXCERPT_CHARS = 200;
const MAX_SLUG_CHARS = 80;

/** Apps → Inspect on a message: the session the message belongs to. */
export async function handleInspectMessage(interaction: MessageContextMenuCommandInteraction, context: DiscordContext): Promise<void> {
  requireInstructor(interaction, context);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const sessionId = await sessionOfMessage(interaction, context);
  if (!sessionId) {
    throw new UserFacingError('This message is not part of a Stepwise session. Use Inspect on a message in a problem\'s thread (or on the message the thread started from), or /inspect set:<set> problem:<problem> for a warmed problem.');
  }
  await sendInspection(interaction, await inspectSession(interaction, sessionId, context), context);
}

/** `/inspect`: a session (named, or the thread's) or a problem of a set. */
export async function handleInspectCommand(interaction: ChatInputCommandInteraction, context: DiscordContext): Promise<void> {
  requireInstructor(interaction, context);
  const named = interaction.options.getString('session')?.trim();
  const setId = interaction.options.getString('set')?.trim();
  const problemId = interaction.options.getString('problem')?.trim();
  if ((setId || problemId) && (named || !setId || !problemId)) {
    throw new UserFacingError('Name either a session (/inspect session:<id>) or a set and one of its problems (/inspect set:<set> problem:<problem>; /problemset show lists the problems).');
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  if (setId && problemId) {
    await sendInspection(interaction, await context.inspector.problem(spaceOf(interaction), setId, problemId), context);
    return;
  }
  const sessionId = named || (await sessionOfThread(context.store, interaction.channelId));
  if (!sessionId) {
    throw new UserFacingError('Use /inspect inside a problem\'s thread, or name what to inspect: /inspect session:<id>, or /inspect set:<set> problem:<problem> for a warmed problem. Apps → Inspect on any message of a session works too.');
  }
  await sendInspection(interaction, await inspectSession(interaction, sessionId, context), context);
}

function requireInstructor(interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction, context: DiscordContext): void {
  if (!actorOf(interaction, context.instructorRoleId).isInstructor) throw new UserFacingError(INSPECT_REFUSAL);
}

/** The session's inspection; a session of another server is as unknown here as a missing one. */
async function inspectSession(interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction, sessionId: string, context: DiscordContext): Promise<LadderInspection> {
  const session = await context.tutor.session(sessionId);
  if (!session || session.owner.platform !== 'discord' || session.place.guildId !== interaction.guildId) {
    throw new UserFacingError(`There is no session ${sessionId} in this server. Apps → Inspect on a message in the problem's thread finds it for you.`);
  }
  return context.inspector.session(sessionId);
}

/** The session the right-clicked message belongs to: named by its buttons, by the thread it is in, or by the thread it started. */
async function sessionOfMessage(interaction: MessageContextMenuCommandInteraction, context: DiscordContext): Promise<string | undefined> {
  for (const id of customIdsOf(interaction.targetMessage)) {
    const request = parseActionId(id);
    if (request) return request.sessionId;
  }
  return (await sessionOfThread(context.store, interaction.channelId)) ?? (await sessionOfThread(context.store, interaction.targetId));
}

/** The buttons' ids, whether discord.js built the message (customId) or passed Discord's JSON on (custom_id) for an uncached channel. */
function customIdsOf(message: Message | APIMessage): string[] {
  const rows = (message.components ?? []) as unknown as readonly { components?: readonly { customId?: unknown; custom_id?: unknown }[] }[];
  return rows.flatMap((row) => (row.components ?? []).map((component) => component.customId ?? component.custom_id)).filter((id): id is string => typeof id === 'string');
}

/** Replaces the deferred private reply with a summary and the Markdown file (in parts, one per message, when the upload limit needs it). */
async function sendInspection(interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction, inspection: LadderInspection, context: DiscordContext): Promise<void> {
  const markdown = inspectionMarkdown(inspection);
  const maxFileBytes = Math.min(interaction.attachmentSizeLimit || DEFAULT_ATTACHMENT_BYTES, MAX_FILE_BYTES_PER_REQUEST);
  const parts = splitByBytes(markdown, maxFileBytes);
  const stem = `inspection-${slugOf(inspection)}`;
  const messages = parts.map((part, index): OutgoingMessage => {
    const name = parts.length === 1 ? `${stem}.md` : `${stem}.part-${index + 1}-of-${parts.length}.md`;
    const content = index === 0 ? summaryOf(inspection, parts.length) : `Part ${index + 1} of ${parts.length} of the inspection.`;
    return {
      body: { content: truncateText(content, MAX_CONTENT_CHARS), attachments: [{ id: 0, filename: name, description: 'The inspection, in Markdown' }], allowed_mentions: NO_MENTIONS, flags: MessageFlags.Ephemeral },
      files: [{ name, data: Buffer.from(part, 'utf8'), contentType: 'text/markdown' }],
    };
  });
  const webhook = interactionTarget(context.rest, interaction.applicationId, interaction.token);
  const [first, ...rest] = messages;
  if (!first) return;
  // The deferral made the reply ephemeral; an edit may not set the flag again.
  await webhook.edit('@original', { ...first.body, flags: undefined }, first.files);
  for (const message of rest) await webhook.post(message);
}

/** A few lines to read before opening the file. */
function summaryOf(inspection: LadderInspection, parts: number): string {
  const { subject, build, reference, agreement, session } = inspection;
  const title = subject.kind === 'session'
    ? `**Inspection of session \`${subject.sessionId ?? ''}\`**${subject.setId ? ` (${subject.setId} / ${subject.problemId ?? ''})` : ''}`
    : `**Inspection of ${subject.setId ?? ''} / ${subject.problemId ?? ''}**, as warmed`;
  const withheld = build?.decisions.filter((decision) => decision.matched !== undefined).length ?? 0;
  const facts = build
    ? [
      `source: ${build.source}`, `${build.rungs.length} rung${build.rungs.length === 1 ? '' : 's'}`, `${withheld} withheld by the leak guard`,
      `R1's answer: ${build.finalAnswer === undefined ? 'none found' : `\`${build.finalAnswer}\``}${reference ? (reference.agrees ? ' (agrees with yours)' : ' (differs from yours)') : ''}`,
      ...(agreement ? [`${agreement.agreeing} of ${agreement.total} warm samples agree`] : []),
      ...(session ? [`${session.revealed} rung${session.revealed === 1 ? '' : 's'} opened, ${session.attempts.length} attempt${session.attempts.length === 1 ? '' : 's'}, ${session.conversation.length} question${session.conversation.length === 1 ? '' : 's'} in the thread`] : []),
    ].join(' · ')
    : "R1's output is not stored for it (see the file).";
  const command = subject.kind === 'session' ? `stepwise inspect ${subject.sessionId ?? ''}` : `stepwise inspect --set ${subject.setId ?? ''} --problem ${subject.problemId ?? ''}`;
  return [
    title,
    `> ${truncateText(subject.problem.replace(/\s+/g, ' ').trim(), PROBLEM_EXCERPT_CHARS)}`,
    facts,
    `The attached Markdown${parts > 1 ? ` (in ${parts} parts, to fit Discord's upload limit here)` : ''} has the request sent, R1's raw reasoning and answer, why each step was kept, merged or dropped${subject.kind === 'session' ? ', and what the student did and asked (with every reply draft the leak guard withheld)' : ''}: the same as \`${command}\`. Only you can see this.`,
  ].join('\n');
}

function slugOf({ subject }: LadderInspection): string {
  const raw = subject.kind === 'session' ? subject.sessionId ?? 'session' : `${subject.setId ?? 'set'}-${subject.problemId ?? 'problem'}`;
  return raw.replace(/[^\w.-]+/g, '-').slice(0, MAX_SLUG_CHARS) || 'ladder';
}

/** `text` in pieces of at most `maxBytes` UTF-8 bytes, cut after line breaks where possible; joined they are `text` exactly. */
export function splitByBytes(text: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let current = '';
  let currentBytes = 0;
  for (const line of text.split(/(?<=\n)/)) {
    let rest = line;
    while (rest) {
      const bytes = Buffer.byteLength(rest, 'utf8');
      if (currentBytes + bytes <= maxBytes) {
        current += rest;
        currentBytes += bytes;
        break;
      }
      if (current) {
        parts.push(current);
        current = '';
        currentBytes = 0;
        continue;
      }
      const cut = prefixWithin(rest, maxBytes);
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
  }
  if (current || parts.length === 0) parts.push(current);
  return parts;
}

/** The length (UTF-16 units) of the longest prefix of `text` within `maxBytes`, never splitting a code point (at least one). */
function prefixWithin(text: string, maxBytes: number): number {
  let bytes = 0;
  let index = 0;
  for (const character of text) {
    bytes += Buffer.byteLength(character, 'utf8');
    if (bytes > maxBytes) break;
    index += character.length;
  }
  if (index > 0) return index;
  return (text.codePointAt(0) ?? 0) > 0xffff ? 2 : 1;
}
