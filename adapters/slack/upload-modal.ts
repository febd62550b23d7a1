/**
 * `/problemset upload`: slash commands cannot carry files, so a modal takes either a YAML file
 * (Block Kit file_input) or pasted YAML. The outcome (what was saved, or every issue with its line
 * and column) goes to the instructor's DM with the bot, since a modal submission has no channel reply.
 */
import type { App } from '@slack/bolt';
import { MAX_FILE_BYTES, type SaveResult } from '../../src/index.ts';
import type { SlackClient, SlackContext } from './slack-context.ts';
import { actorOf, spaceOf } from './slack-actor.ts';
import { postDirect } from './direct-messages.ts';
import { logFailure, sentenceFor } from './slack-errors.ts';
import type { AttachedFile } from './slack-file-downloader.ts';

/** The modal's callback id. */
export const UPLOAD_MODAL_ID = 'sw-problemset-upload';
/** Block and action id of the file input. */
export const FILE_INPUT_ID = 'file';
/** Block and action id of the paste box. */
export const PASTE_INPUT_ID = 'yaml';
const MAX_PASTE_CHARS = 3000;
const FILE_TYPES = ['yaml', 'yml', 'txt'];
const ISSUES_FILE_NAME = 'problem-set-issues.txt';
const BYTES_PER_KB = 1024;

/** What the modal remembers between opening and submission. */
interface UploadMetadata {
  /** Where /problemset upload was typed. */
  readonly channelId: string;
  /** The workspace whose sets it changes. */
  readonly teamId: string;
}

/** Opens the upload modal; call it first thing after ack (the trigger lasts 3 s). */
export async function openUploadModal(client: SlackClient, triggerId: string, metadata: UploadMetadata): Promise<void> {
  await client.views.open({
    trigger_id: triggerId,
    view: {
      type: 'modal',
      callback_id: UPLOAD_MODAL_ID,
      private_metadata: JSON.stringify(metadata),
      title: { type: 'plain_text', text: 'Upload a problem set' },
      submit: { type: 'plain_text', text: 'Upload' },
      close: { type: 'plain_text', text: 'Cancel' },
      blocks: [
        {
          type: 'input', block_id: FILE_INPUT_ID, optional: true,
          label: { type: 'plain_text', text: 'Problem-set file (.yaml)' },
          hint: { type: 'plain_text', text: 'A set with the same id is replaced; progress on unchanged problem ids is kept.' },
          element: { type: 'file_input', action_id: FILE_INPUT_ID, filetypes: FILE_TYPES, max_files: 1 },
        },
        {
          type: 'input', block_id: PASTE_INPUT_ID, optional: true,
          label: { type: 'plain_text', text: 'Or paste the YAML' },
          element: { type: 'plain_text_input', action_id: PASTE_INPUT_ID, multiline: true, max_length: MAX_PASTE_CHARS, placeholder: { type: 'plain_text', text: 'id: algebra-basics\ntitle: Algebra basics\n…' } },
        },
      ],
    },
  });
}

/** Registers the submission listener: refuse an empty or oversized form in the modal, else ack and upload. */
export function registerUploadModal(app: App, context: SlackContext): void {
  app.view(UPLOAD_MODAL_ID, async ({ ack, view, body }) => {
    const metadata = JSON.parse(view.private_metadata) as UploadMetadata;
    const file: AttachedFile | undefined = view.state.values[FILE_INPUT_ID]?.[FILE_INPUT_ID]?.files?.[0];
    const pasted = view.state.values[PASTE_INPUT_ID]?.[PASTE_INPUT_ID]?.value?.trim() ?? '';
    const problem = formProblem(file, pasted);
    if (problem) {
      await ack({ response_action: 'errors', errors: problem });
      return;
    }
    await ack();
    const user = { id: body.user.id, name: body.user.name };
    context.tasks.run('problemset upload', async () => {
      try {
        const text = file ? await context.downloads.downloadText(file) : pasted;
        const actor = await actorOf(context, user.id, user.name);
        const saved = await context.classroom.upload(spaceOf(metadata.teamId), actor, text);
        await postDirect(context.lanes.posts, user.id, describeSaved(saved));
      } catch (error) {
        logFailure(context.logger, 'problem set upload failed', error, { teamId: metadata.teamId });
        await postDirect(context.lanes.posts, user.id, sentenceFor(error), ISSUES_FILE_NAME);
      }
    });
  });
}

function formProblem(file: AttachedFile | undefined, pasted: string): Record<string, string> | undefined {
  if (!file && !pasted) return { [PASTE_INPUT_ID]: 'Attach a .yaml file above, or paste the YAML here.' };
  if (file && pasted) return { [PASTE_INPUT_ID]: 'Attach a file or paste YAML, not both: clear one of them.' };
  if (file && (file.size ?? 0) > MAX_FILE_BYTES) return { [FILE_INPUT_ID]: `The file is larger than ${MAX_FILE_BYTES / BYTES_PER_KB} KB: split it into several sets.` };
  return undefined;
}

function describeSaved(saved: SaveResult): string {
  const { set } = saved;
  const head = `Saved **${set.title}** (\`${set.id}\`, ${set.problems.length} problem${set.problems.length === 1 ? '' : 's'}).`;
  if (!saved.replaced) return `${head} Students can start with \`/practice ${set.id}\`; \`/problemset warm ${set.id}\` prepares the hints ahead of class.`;
  const changes = [
    saved.added.length > 0 ? `added ${saved.added.join(', ')}` : '',
    saved.removed.length > 0 ? `removed ${saved.removed.join(', ')}` : '',
    saved.kept.length > 0 ? `kept ${saved.kept.join(', ')} (students keep their progress on these)` : '',
  ].filter(Boolean);
  return `${head} It replaced the previous version: ${changes.join('; ') || 'no problem ids changed'}.`;
}
