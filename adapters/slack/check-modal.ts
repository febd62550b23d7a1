/** The Check answer modal: opened straight from the button (the trigger lasts 3 s), judged on submit. */
import type { App } from '@slack/bolt';
import { CHAT_COMMANDS } from '../../src/index.ts';
import type { SlackClient, SlackContext, ThreadPlace } from './slack-context.ts';
import { checkAnswer } from './check-answer.ts';
import { logFailure, sentenceFor } from './slack-errors.ts';
import { postEphemeral, postPrivate } from './thread-poster.ts';

/** The modal's callback id. */
export const CHECK_MODAL_ID = 'sw-check-answer';
const ANSWER_BLOCK_ID = 'answer';
const ANSWER_INPUT_ID = 'answer';
const DEFAULT_ANSWER_CHARS = 1000;

/** What the modal remembers between opening and submission. */
interface ModalMetadata extends ThreadPlace {
  /** The session being answered. */
  readonly sessionId: string;
}

/** Opens the modal for `sessionId`; call it right after ack, before any slow work. */
export async function openCheckModal(client: SlackClient, triggerId: string, metadata: ModalMetadata): Promise<void> {
  const option = CHAT_COMMANDS.find((command) => command.name === 'check')?.options[0];
  await client.views.open({
    trigger_id: triggerId,
    view: {
      type: 'modal',
      callback_id: CHECK_MODAL_ID,
      private_metadata: JSON.stringify(metadata),
      title: { type: 'plain_text', text: 'Check your answer' },
      submit: { type: 'plain_text', text: 'Check' },
      close: { type: 'plain_text', text: 'Cancel' },
      blocks: [
        {
          type: 'input',
          block_id: ANSWER_BLOCK_ID,
          label: { type: 'plain_text', text: 'Your answer' },
          element: {
            type: 'plain_text_input',
            action_id: ANSWER_INPUT_ID,
            max_length: option?.maxLength ?? DEFAULT_ANSWER_CHARS,
            placeholder: { type: 'plain_text', text: option?.description ?? 'Your answer' },
          },
        },
      ],
    },
  });
}

/** Registers the submission listener: ack (closing the modal), then judge and post in the thread. */
export function registerCheckModal(app: App, context: SlackContext): void {
  app.view(CHECK_MODAL_ID, async ({ ack, view, body, client }) => {
    await ack();
    const metadata = JSON.parse(view.private_metadata) as ModalMetadata;
    const answer = view.state.values[ANSWER_BLOCK_ID]?.[ANSWER_INPUT_ID]?.value ?? '';
    const user = { id: body.user.id, name: body.user.name };
    context.tasks.run('check modal', async () => {
      try {
        const verdict = await checkAnswer(context, { sessionId: metadata.sessionId, place: metadata, userId: user.id, userName: user.name, answer });
        if (verdict.isPrivate) await postPrivate(client, verdict, metadata, user.id);
      } catch (error) {
        logFailure(context.logger, 'check answer failed', error, { sessionId: metadata.sessionId });
        await postEphemeral(client, sentenceFor(error), metadata, user.id);
      }
    });
  });
}
