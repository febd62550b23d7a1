/**
 * Downloads a file a user attached in Slack. The bot token goes only to Slack's own file host
 * (files.slack.com, or files.<host> of another Web API host such as GovSlack's slack-gov.com), or
 * to the Web API's own origin (a local fake in tests), never along a redirect.
 */
import { MAX_FILE_BYTES, UserFacingError } from '../../src/index.ts';

const SLACK_FILE_HOST = 'files.slack.com';
const BYTES_PER_KB = 1024;

/** What Slack says about an attached file (a view_submission's file_input state). */
export interface AttachedFile {
  /** File name as uploaded. */
  readonly name: string;
  /** Size in bytes, as Slack reports it. */
  readonly size?: number;
  /** The URL to download it from with the bot token. */
  readonly url_private_download?: string;
  /** The private URL, used when there is no download URL. */
  readonly url_private?: string;
}

/** Fetches attached files as text. */
export interface SlackFileDownloader {
  /** The file's text; throws UserFacingError when it is too big or Slack will not hand it over. */
  downloadText(file: AttachedFile): Promise<string>;
}

/** A downloader using `botToken`; `apiUrl` is the Web API base URL, whose origin is trusted too. */
export function createSlackFileDownloader(botToken: string, apiUrl?: string, maxBytes = MAX_FILE_BYTES): SlackFileDownloader {
  const api = apiUrl ? new URL(apiUrl) : undefined;
  const fileHosts = new Set([SLACK_FILE_HOST, ...(api ? [`files.${api.hostname}`] : [])]);
  const isSlackUrl = (url: URL) => (url.protocol === 'https:' && fileHosts.has(url.hostname)) || url.origin === api?.origin;
  const tooBig = (name: string) => new UserFacingError(`${name} is larger than ${maxBytes / BYTES_PER_KB} KB, the limit for a problem set: split it into several sets.`);

  return {
    async downloadText(file) {
      const address = file.url_private_download ?? file.url_private;
      const url = address ? new URL(address) : undefined;
      if (!url || !isSlackUrl(url)) throw new Error(`refusing to send the bot token to ${address ?? 'a missing URL'}`);
      if ((file.size ?? 0) > maxBytes) throw tooBig(file.name);
      const response = await fetch(url, { headers: { authorization: `Bearer ${botToken}` }, redirect: 'manual' });
      if (!response.ok || !response.body) {
        throw new UserFacingError(`Slack would not hand over ${file.name} (HTTP ${response.status}). Make sure the app has the files:read scope, or paste the YAML instead.`);
      }
      if ((response.headers.get('content-type') ?? '').startsWith('text/html')) {
        throw new UserFacingError(`Slack sent a web page instead of ${file.name}: the app probably lacks the files:read scope. Reinstall it from the manifest, or paste the YAML instead.`);
      }
      const chunks: Buffer[] = [];
      let bytes = 0;
      for await (const chunk of response.body) {
        bytes += chunk.length;
        if (bytes > maxBytes) throw tooBig(file.name);
        chunks.push(Buffer.from(chunk));
      }
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
