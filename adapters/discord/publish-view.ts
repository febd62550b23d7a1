/** Draws engine views and sends them: to a thread, as follow-ups to a click, or as a command's reply. */
import type { APIMessage, ButtonInteraction, ChatInputCommandInteraction, ModalSubmitInteraction } from 'discord.js';
import { titleOf, type DrawnItem, type View, type ViewPart } from '../../src/index.ts';
import type { DiscordContext } from './discord-context.ts';
import { drawForDiscord } from './draw-cards.ts';
import { messagesOf, type OutgoingMessage } from './discord-messages.ts';
import { interactionTarget, type MessageTarget } from './message-target.ts';

/** The view as Discord messages, math drawn. */
export async function discordMessagesOf(view: View, context: DiscordContext): Promise<OutgoingMessage[]> {
  return messagesOf(await drawForDiscord(view, context.renderer));
}

/** Posts `view` to `target`, message by message. */
export async function postView(target: MessageTarget, view: View, context: DiscordContext): Promise<APIMessage[]> {
  const posted: APIMessage[] = [];
  for (const message of await discordMessagesOf(view, context)) posted.push(await target.post(message));
  return posted;
}

/**
 * Answers a deferred click (or a modal opened by one): the view as follow-ups, ephemeral when it
 * is private. A public view brings fresh buttons, so the clicked message's buttons are removed.
 */
export async function answerClick(interaction: ButtonInteraction | ModalSubmitInteraction, view: View, context: DiscordContext): Promise<void> {
  const webhook = interactionTarget(context.rest, interaction.applicationId, interaction.token);
  if (!(await deliverView(view, () => postView(webhook, view, context), webhook, context))) return; // the clicked buttons stay live for the next try
  if (!view.isPrivate && view.actions.length > 0 && interaction.message) await webhook.edit('@original', { components: [] });
}

/**
 * Posts a view that may hand out a rung, delivery-safe: the rung counts once `post` succeeded; when
 * it fails the engine rolls the rung back (the next click re-delivers it) and the student gets, at
 * `noticeTarget`, a private note with live buttons. Resolves whether the view was posted; a failure
 * of a view with no rung is rethrown.
 */
export async function deliverView(view: View, post: () => Promise<unknown>, noticeTarget: MessageTarget | undefined, context: DiscordContext): Promise<boolean> {
  const { delivery } = view;
  try {
    await post();
  } catch (error) {
    if (!delivery) throw error;
    context.logger.error('could not post a hint; it will be re-delivered on the next click', { sessionId: delivery.sessionId, rung: delivery.rung, error });
    const notice = await context.tutor.deliveryFailed(delivery.sessionId, delivery.rung);
    if (noticeTarget) await postView(noticeTarget, notice, context).catch((noticeError: unknown) => context.logger.warn('could not say the hint failed', { error: noticeError }));
    return false;
  }
  if (delivery) await context.tutor.delivered(delivery.sessionId, delivery.rung);
  return true;
}

/** Answers a deferred command: its reply becomes the view, or, for a private view, an ephemeral follow-up. */
export async function answerCommand(interaction: ChatInputCommandInteraction, view: View, context: DiscordContext): Promise<void> {
  const webhook = interactionTarget(context.rest, interaction.applicationId, interaction.token);
  const [first, ...rest] = await discordMessagesOf(view, context);
  if (view.isPrivate || !first) {
    await webhook.deleteOriginal();
    for (const message of first ? [first, ...rest] : []) await webhook.post(message);
    return;
  }
  await webhook.edit('@original', first.body, first.files);
  for (const message of rest) await webhook.post(message);
}

/**
 * Answers a command deferred as ephemeral, as text: instructors read sets, issues and reports as
 * written (TeX source included, never drawn). The reply becomes the first message; the rest follow.
 */
export async function answerPrivately(interaction: ChatInputCommandInteraction, view: View, context: DiscordContext): Promise<void> {
  const webhook = interactionTarget(context.rest, interaction.applicationId, interaction.token);
  const [first, ...rest] = messagesOf({ sessionId: view.sessionId, tone: view.tone, items: view.parts.map(plainItemOf), actions: view.actions, isPrivate: true });
  if (!first) return;
  // The reply is already ephemeral from the deferral; an edit may not set that flag.
  await webhook.edit('@original', { ...first.body, flags: undefined }, first.files);
  for (const message of rest) await webhook.post(message);
}

function plainItemOf(part: ViewPart): DrawnItem {
  switch (part.type) {
    case 'file':
      return { type: 'file', name: part.name, mediaType: part.mediaType, content: Buffer.from(part.content, 'utf8'), description: part.description };
    case 'text':
      return { type: 'text', markdown: part.markdown };
    case 'problem':
    case 'hint':
      return { type: 'text', markdown: `**${titleOf(part)}**\n${part.markdown}` };
  }
}
