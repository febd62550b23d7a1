import { describe, expect, it } from 'vitest';
import { hasSlackCredentials, readSlackSettings } from '../../adapters/slack/slack-settings.ts';

const BOT = 'xoxb-1-bot';

describe('Slack settings from the environment', () => {
  it('uses Socket Mode with a bot token and an app token', () => {
    expect(readSlackSettings({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xapp-1-app' })).toEqual({
      settings: { botToken: BOT, connection: { mode: 'socket', appToken: 'xapp-1-app' }, instructorIds: [] },
    });
  });

  it('uses HTTP mode with a signing secret, on SLACK_PORT or 3000', () => {
    expect(readSlackSettings({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 'shh' })).toMatchObject({ settings: { connection: { mode: 'http', signingSecret: 'shh', port: 3000 } } });
    expect(readSlackSettings({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 'shh', SLACK_PORT: '8080' })).toMatchObject({ settings: { connection: { port: 8080 } } });
  });

  it('reads instructor user and user-group ids', () => {
    const read = readSlackSettings({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xapp-1', SLACK_INSTRUCTOR_IDS: 'U012ABC, S0TEACHERS' });
    expect(read).toMatchObject({ settings: { instructorIds: ['U012ABC', 'S0TEACHERS'] } });
  });

  it('names every problem at once', () => {
    const read = readSlackSettings({ SLACK_BOT_TOKEN: 'xoxp-fake', SLACK_MODE: 'http', SLACK_PORT: 'eighty', SLACK_INSTRUCTOR_IDS: 'alice' });
    expect('problems' in read && read.problems).toEqual([
      expect.stringContaining('SLACK_BOT_TOKEN'),
      expect.stringContaining('SLACK_SIGNING_SECRET'),
      expect.stringContaining('SLACK_PORT'),
      expect.stringContaining('SLACK_INSTRUCTOR_IDS'),
    ]);
    expect(hasSlackCredentials({})).toBe(false);
  });

  it('reads SLACK_API_URL for GovSlack workspaces, and refuses one that is not https', () => {
    expect(readSlackSettings({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'https://slack-gov.com/api' })).toMatchObject({ settings: { slackApiUrl: 'https://slack-gov.com/api/' } });
    const read = readSlackSettings({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'http://slack-gov.example/api/' });
    expect('problems' in read && read.problems).toEqual([expect.stringContaining('SLACK_API_URL')]);
    expect(readSlackSettings({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xapp-1' })).not.toHaveProperty('settings.slackApiUrl');
  });
});
