/**
 * Slack's v2 upload flow, run step by step: files.getUploadURLExternal, the bytes to upload_url,
 * files.completeUploadExternal into one channel (and thread).
 *
 * Why not `client.filesUploadV2`: @slack/web-api 8.2.0 sends a file's description to
 * files.getUploadURLExternal as `alt_text`, but Slack documents the argument as `alt_txt`
 * (https://docs.slack.dev/reference/methods/files.getUploadURLExternal), so screen readers got
 * nothing. These three calls send `alt_txt`, through the same client (its retries and its lane).
 */
import type { SlackClient } from './slack-context.ts';

/** Slack refuses longer descriptions with `alt_txt_too_large`. */
export const ALT_TXT_LIMIT = 1000;

/** One file to upload. */
export interface UploadFile {
  /** File name, e.g. `hint-1.png`. */
  readonly fileName: string;
  /** Its bytes. */
  readonly content: Buffer;
  /** The title Slack shows. */
  readonly title: string;
  /** What a screen reader reads for an image (at most ALT_TXT_LIMIT characters). */
  readonly altText?: string;
}

/** Where the files go and the message posted with them. */
export interface UploadTarget {
  /** The channel (or DM) id. */
  readonly channelId: string;
  /** The parent message ts, to upload into its thread. */
  readonly threadTs?: string;
  /** Markdown posted with the files. */
  readonly initialComment?: string;
}

/** Uploads `files` as one message in `target`. */
export async function uploadFiles(client: SlackClient, files: readonly UploadFile[], target: UploadTarget): Promise<void> {
  const uploaded: { id: string; title: string }[] = [];
  for (const file of files) {
    const ticket = (await client.apiCall('files.getUploadURLExternal', {
      filename: file.fileName,
      length: file.content.length,
      ...(file.altText ? { alt_txt: file.altText.slice(0, ALT_TXT_LIMIT) } : {}),
    })) as { upload_url?: unknown; file_id?: unknown };
    const uploadUrl = typeof ticket.upload_url === 'string' ? ticket.upload_url : undefined;
    const fileId = typeof ticket.file_id === 'string' ? ticket.file_id : undefined;
    if (!uploadUrl || !fileId) throw new Error('files.getUploadURLExternal returned no upload_url');
    const response = await fetch(uploadUrl, { method: 'POST', body: file.content, headers: { 'content-type': 'application/octet-stream' } });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`the upload of ${file.fileName} failed with HTTP ${response.status}`);
    uploaded.push({ id: fileId, title: file.title });
  }
  await client.apiCall('files.completeUploadExternal', {
    files: uploaded,
    channel_id: target.channelId,
    ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
    ...(target.initialComment ? { initial_comment: target.initialComment } : {}),
  });
}
