import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../fakes/fake-slack.ts';

// The fake must refuse what Slack refuses, or the adapter tests prove nothing.
let fake: FakeSlack;

beforeEach(async () => {
  fake = await FakeSlack.start();
});

afterEach(async () => {
  await fake.close();
});

async function call(method: string, body: Record<string, unknown>): Promise<{ status: number; retryAfter: string | null; body: Record<string, unknown> }> {
  const response = await fetch(`${fake.apiUrl}${method}`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer xoxb-fake' }, body: JSON.stringify(body),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown> };
}

const modal = (title = 'Check your answer') => ({ type: 'modal', title: { type: 'plain_text', text: title }, blocks: [] });

describe('the fake Slack', () => {
  it('takes a trigger_id once, within 3 seconds, and refuses unknown ones', async () => {
    const trigger = fake.issueTrigger();
    expect((await call('views.open', { trigger_id: 'made-up', view: modal() })).body).toEqual({ ok: false, error: 'invalid_trigger_id' });
    expect((await call('views.open', { trigger_id: trigger, view: modal() })).body).toMatchObject({ ok: true });
    expect((await call('views.open', { trigger_id: trigger, view: modal() })).body).toEqual({ ok: false, error: 'exchanged_trigger_id' });
    const late = fake.issueTrigger();
    fake.advanceClock(3_001);
    expect((await call('views.open', { trigger_id: late, view: modal() })).body).toEqual({ ok: false, error: 'expired_trigger_id' });
  });

  it('refuses a modal title over 24 characters with the pointer, as Slack does', async () => {
    const answer = await call('views.open', { trigger_id: fake.issueTrigger(), view: modal('Check the answer you typed') });
    expect(answer.body).toEqual({ ok: false, error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'] } });
  });

  it('refuses more than 50 blocks and a section over 3,000 characters with invalid_blocks and the pointers', async () => {
    const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
    const tooMany = await call('chat.postMessage', { channel: 'C1', text: 'x', blocks: Array.from({ length: 51 }, () => section('x')) });
    expect(tooMany.body).toMatchObject({ ok: false, error: 'invalid_blocks', response_metadata: { messages: ['[ERROR] no more than 50 items allowed [json-pointer:/blocks]'] } });
    const tooLong = await call('chat.postMessage', { channel: 'C1', text: 'x', blocks: [section('ok'), section('y'.repeat(3001))] });
    expect(tooLong.body).toMatchObject({ error: 'invalid_blocks', response_metadata: { messages: ['[ERROR] must be less than 3001 characters [json-pointer:/blocks/1/text/text]'] } });
    expect((await call('chat.postMessage', { channel: 'C1', text: 'x', blocks: [section('y'.repeat(3000))] })).body).toMatchObject({ ok: true });
  });

  it('accepts five responses on a response_url within 30 minutes, then refuses', async () => {
    const post = (url: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'hi' }) });
    const url = fake.responseUrl();
    for (let use = 0; use < 5; use++) expect((await post(url)).status).toBe(200);
    const sixth = await post(url);
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: 'used_url' });
    const old = fake.responseUrl();
    fake.advanceClock(30 * 60_000 + 1);
    expect(await (await post(old)).json()).toEqual({ ok: false, error: 'expired_url' });
  });

  it('answers not_in_channel where the bot was not invited, and file_uploads_disabled where uploads are off', async () => {
    fake.channelsWithoutBot.add('C2');
    expect((await call('chat.postMessage', { channel: 'C2', text: 'hi' })).body).toEqual({ ok: false, error: 'not_in_channel' });
    fake.uploadsDisabled = true;
    expect((await call('files.getUploadURLExternal', { filename: 'a.png', length: 10 })).body).toEqual({ ok: false, error: 'file_uploads_disabled' });
  });

  it('rate-limits chat.update at Tier 3 (50 a minute) with a Retry-After until the minute has passed', async () => {
    const posted = await call('chat.postMessage', { channel: 'C1', text: 'hi' });
    const ts = String(posted.body.ts);
    for (let edit = 0; edit < 50; edit++) expect((await call('chat.update', { channel: 'C1', ts, text: `edit ${edit}` })).status).toBe(200);
    const limited = await call('chat.update', { channel: 'C1', ts, text: 'one too many' });
    expect(limited).toMatchObject({ status: 429, body: { ok: false, error: 'ratelimited' } });
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
    fake.advanceClock(60_000);
    expect((await call('chat.update', { channel: 'C1', ts, text: 'later' })).status).toBe(200);
  });

  it('lets chat.postMessage burst, then holds a channel to about one message a second', async () => {
    const statuses: number[] = [];
    for (let post = 0; post < 12; post++) statuses.push((await call('chat.postMessage', { channel: 'C1', text: `${post}` })).status);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect((await call('chat.postMessage', { channel: 'C9', text: 'another channel' })).status).toBe(200);
    fake.advanceClock(2_000);
    expect((await call('chat.postMessage', { channel: 'C1', text: 'after a pause' })).status).toBe(200);
  });

  it('completes only uploads whose bytes arrived, and rejects an alt_txt over 1,000 characters', async () => {
    expect((await call('files.getUploadURLExternal', { filename: 'a.png', length: 3, alt_txt: 'x'.repeat(1001) })).body).toEqual({ ok: false, error: 'alt_txt_too_large' });
    const ticket = await call('files.getUploadURLExternal', { filename: 'a.png', length: 3, alt_txt: 'a card' });
    const files = [{ id: ticket.body.file_id, title: 'A' }];
    expect((await call('files.completeUploadExternal', { files, channel_id: 'C1' })).body).toEqual({ ok: false, error: 'file_not_found' });
    await fetch(String(ticket.body.upload_url), { method: 'POST', body: 'png' });
    expect((await call('files.completeUploadExternal', { files, channel_id: 'C1' })).body).toMatchObject({ ok: true });
  });
});
