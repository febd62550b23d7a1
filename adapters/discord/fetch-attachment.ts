/** Downloads a text file a user attached to a command, from the URL Discord gave, refusing big or binary files first. */
import type { Attachment } from 'discord.js';
import { UserFacingError } from '../../src/index.ts';

const DOWNLOAD_TIMEOUT_MS = 15_000;
const BYTES_PER_KB = 1024;
/** Media types Discord gives text and YAML files. */
const TEXT_MEDIA_TYPES = /^(text\/[\w.+-]+|application\/(x-)?yaml)$/;
/** Without a telling media type, these extensions are read as text. */
const TEXT_EXTENSIONS = /\.(ya?ml|txt)$/i;

/** The attachment's text (UTF-8); UserFacingError when it is too big, not text, or cannot be downloaded. */
export async function fetchAttachmentText(attachment: Attachment, maxBytes: number): Promise<string> {
  const name = attachment.name;
  if (attachment.size > maxBytes) {
    throw new UserFacingError(`${name} is ${kilobytes(attachment.size)}; a problem-set file may be at most ${kilobytes(maxBytes)}. Split it into smaller sets.`);
  }
  if (!isText(attachment)) {
    throw new UserFacingError(`${name} is not a text file (${attachment.contentType ?? 'unknown type'}). Attach the problem set as a .yaml file.`);
  }
  let response: Response;
  try {
    // Only the URL Discord put in the interaction, and no redirects away from it.
    response = await fetch(attachment.url, { redirect: 'error', signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch (error) {
    throw new UserFacingError(`Could not download ${name} from Discord. Try the command again.`, { cause: error });
  }
  if (!response.ok || !response.body) throw new UserFacingError(`Discord did not hand over ${name} (HTTP ${response.status}). Try the command again.`);
  const bytes = await readAtMost(response.body, maxBytes, name);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new UserFacingError(`${name} is not UTF-8 text. Save it as UTF-8 (plain text) and attach it again.`, { cause: error });
  }
}

function isText(attachment: Attachment): boolean {
  const mediaType = attachment.contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType && TEXT_MEDIA_TYPES.test(mediaType)) return true;
  return (!mediaType || mediaType === 'application/octet-stream') && TEXT_EXTENSIONS.test(attachment.name);
}

/** The body's bytes; stops and refuses as soon as they pass `maxBytes` (the size Discord reported may be wrong). */
async function readAtMost(body: ReadableStream<Uint8Array>, maxBytes: number, name: string): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new UserFacingError(`${name} is larger than ${kilobytes(maxBytes)}, the most a problem-set file may be. Split it into smaller sets.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function kilobytes(bytes: number): string {
  return `${Math.ceil(bytes / BYTES_PER_KB)} KB`;
}
