import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, UserFacingError } from '../../src/index.ts';
import { createSlackFileDownloader } from '../../adapters/slack/slack-file-downloader.ts';
import { FakeSlack } from '../fakes/fake-slack.ts';

let fake: FakeSlack;

beforeEach(async () => {
  fake = await FakeSlack.start();
});

afterEach(async () => {
  await fake.close();
});

describe('downloading an attached file', () => {
  it('fetches the file from the URL Slack gave, with the bot token', async () => {
    const file = fake.hostFile('set.yaml', 'id: tiny\n');
    expect(await createSlackFileDownloader('xoxb-fake', fake.apiUrl).downloadText(file)).toBe('id: tiny\n');
    expect(fake.callsTo('file')[0]?.authorization).toBe('Bearer xoxb-fake');
  });

  it('refuses a file over the limit, whether Slack reports its size or not, before reading it all', async () => {
    const file = fake.hostFile('huge.yaml', 'x'.repeat(MAX_FILE_BYTES + 1));
    const downloader = createSlackFileDownloader('xoxb-fake', fake.apiUrl);
    await expect(downloader.downloadText(file)).rejects.toThrow(/larger than 256 KB/);
    expect(fake.callsTo('file')).toHaveLength(0);
    await expect(downloader.downloadText({ ...file, size: undefined })).rejects.toBeInstanceOf(UserFacingError);
  });

  it('never sends the token anywhere but Slack', async () => {
    const downloader = createSlackFileDownloader('xoxb-fake', fake.apiUrl);
    await expect(downloader.downloadText({ name: 'evil.yaml', url_private_download: 'http://127.0.0.1:1/steal' })).rejects.toThrow(/refusing to send the bot token/);
    await expect(downloader.downloadText({ name: 'evil.yaml', url_private: 'http://files.slack.com/plain-http' })).rejects.toThrow(/refusing/);
  });

  it('on GovSlack (SLACK_API_URL) trusts only its own file host, over https', async () => {
    const downloader = createSlackFileDownloader('xoxb-fake', 'https://slack-gov.com/api/');
    await expect(downloader.downloadText({ name: 'evil.yaml', url_private: 'https://files.slack-gov.com.evil.example/x' })).rejects.toThrow(/refusing/);
    await expect(downloader.downloadText({ name: 'evil.yaml', url_private: 'http://files.slack-gov.com/x' })).rejects.toThrow(/refusing/);
    await expect(downloader.downloadText({ name: 'evil.yaml', url_private: 'http://127.0.0.1:1/x' })).rejects.toThrow(/refusing/);
  });

  it('explains a refused download instead of saving an error page', async () => {
    const file = fake.hostFile('set.yaml', 'id: tiny\n');
    await expect(createSlackFileDownloader('not-a-bot-token', fake.apiUrl).downloadText(file)).rejects.toThrow(/files:read/);
  });
});
