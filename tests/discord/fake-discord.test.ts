/** The fake answers as Discord's documentation says Discord answers; these tests hold it to that. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord, PERMISSIONS } from '../fakes/fake-discord.ts';
import { STUDENT } from './discord-harness.ts';

const BOT_TOKEN = 'Bot fake-bot-token';

describe('the strict Discord fake', () => {
  let fake: FakeDiscord;

  beforeEach(async () => {
    fake = await FakeDiscord.start();
  });

  afterEach(async () => {
    await fake.close();
  });

  async function call(method: string, path: string, body?: unknown, isBot = true): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
    const response = await fetch(`${fake.api}/v10${path}`, {
      method, headers: { 'content-type': 'application/json', ...(isBot ? { authorization: BOT_TOKEN } : {}) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers };
  }

  const callbackPath = (id: string, token: string) => `/interactions/${id}/${token}/callback`;
  const webhookPath = (token: string) => `/webhooks/${fake.applicationId}/${token}`;

  it('refuses content over 2,000 characters with 50035 and the field path', async () => {
    const reply = await call('POST', `/channels/${fake.channelId}/messages`, { content: 'x'.repeat(2001) });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ code: 50035, message: 'Invalid Form Body', errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } } });
  });

  it('refuses a custom_id over 100 characters and six buttons in a row, naming each field', async () => {
    const button = (id: string) => ({ type: 2, style: 1, label: 'Go', custom_id: id });
    const reply = await call('POST', `/channels/${fake.channelId}/messages`, {
      content: 'hi', components: [{ type: 1, components: [button('a'.repeat(101)), button('b'), button('c'), button('d'), button('e'), button('f')] }],
    });
    const errors = reply.json.errors as Record<string, Record<string, Record<string, unknown>>>;
    expect(reply.json.code).toBe(50035);
    expect(errors.components?.['0']?.components).toMatchObject({ _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }], 0: { custom_id: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } });
  });

  it('refuses a thread name with half an emoji (a lone surrogate) as invalid JSON text', async () => {
    const message = await call('POST', `/channels/${fake.channelId}/messages`, { content: 'problem' });
    const reply = await call('POST', `/channels/${fake.channelId}/messages/${String(message.json.id)}/threads`, { name: `x${'😀'.slice(0, 1)}` });
    expect(reply.status).toBe(400);
    expect(reply.json.code).toBe(50109);
  });

  it('gives the first response 3 seconds on its clock, and refuses a second one', async () => {
    const late = fake.slashCommand('solve', { problem: '1+1' }, STUDENT);
    fake.advanceClock(3_001);
    expect((await call('POST', callbackPath(late.id, late.token), { type: 5 }, false)).json).toEqual({ message: 'Unknown interaction', code: 10062 });

    const prompt = fake.slashCommand('solve', { problem: '1+1' }, STUDENT);
    expect((await call('POST', callbackPath(prompt.id, prompt.token), { type: 5 }, false)).status).toBe(204);
    expect((await call('POST', callbackPath(prompt.id, prompt.token), { type: 5 }, false)).json).toEqual({ message: 'Interaction has already been acknowledged.', code: 40060 });
  });

  it('refuses follow-ups before the first response (10015) and after 15 minutes (50027)', async () => {
    const command = fake.slashCommand('solve', { problem: '1+1' }, STUDENT);
    expect((await call('POST', webhookPath(command.token), { content: 'too soon' }, false)).json).toEqual({ message: 'Unknown Webhook', code: 10015 });
    await call('POST', callbackPath(command.id, command.token), { type: 4, data: { content: 'ok' } }, false);
    expect((await call('POST', webhookPath(command.token), { content: 'in time' }, false)).status).toBe(200);
    fake.advanceClock(15 * 60_000);
    const late = await call('POST', webhookPath(command.token), { content: 'too late' }, false);
    expect([late.status, late.json]).toEqual([401, { message: 'Invalid Webhook Token', code: 50027 }]);
  });

  it('keeps ephemeral messages out of channel routes (404 / 10008) but lets the token edit them', async () => {
    const command = fake.slashCommand('problemset warm', { set: 'week-1' }, STUDENT);
    await call('POST', callbackPath(command.id, command.token), { type: 4, data: { content: 'only you', flags: 64 } }, false);
    const original = await call('GET', `${webhookPath(command.token)}/messages/@original`, undefined, false);
    expect(original.json).toMatchObject({ content: 'only you', flags: 64 });
    const edit = await call('PATCH', `/channels/${fake.channelId}/messages/${String(original.json.id)}`, { content: 'edited' });
    expect([edit.status, edit.json]).toEqual([404, { message: 'Unknown Message', code: 10008 }]);
    expect((await call('PATCH', `${webhookPath(command.token)}/messages/@original`, { content: 'edited' }, false)).status).toBe(200);
  });

  it('answers 403 / 50013 where the bot lacks the permission, while interaction replies still work', async () => {
    fake.setBotPermissions(fake.channelId, PERMISSIONS.viewChannel);
    const post = await call('POST', `/channels/${fake.channelId}/messages`, { content: 'hello' });
    expect([post.status, post.json]).toEqual([403, { message: 'Missing Permissions', code: 50013 }]);
    const command = fake.slashCommand('solve', { problem: '1+1' }, STUDENT);
    expect((await call('POST', callbackPath(command.id, command.token), { type: 4, data: { content: 'here' } }, false)).status).toBe(204);
  });

  it('answers 429 with retry_after, the X-RateLimit headers, and the global flag when global', async () => {
    fake.rateLimitNext({ method: 'POST', path: /\/messages$/, retryAfterSeconds: 0.5 });
    const route = await call('POST', `/channels/${fake.channelId}/messages`, { content: 'a' });
    expect([route.status, route.json]).toEqual([429, { message: 'You are being rate limited.', retry_after: 0.5, global: false }]);
    expect(route.headers.get('retry-after')).toBe('1');
    expect(route.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(route.headers.get('x-ratelimit-scope')).toBe('user');
    expect(route.headers.get('x-ratelimit-bucket')).toBeTruthy();

    fake.rateLimitNext({ path: /./, retryAfterSeconds: 2, isGlobal: true });
    const global = await call('POST', `/channels/${fake.channelId}/messages`, { content: 'b' });
    expect(global.json).toEqual({ message: 'You are being rate limited.', retry_after: 2, global: true });
    expect(global.headers.get('x-ratelimit-global')).toBe('true');
    const served = await call('POST', `/channels/${fake.channelId}/messages`, { content: 'c' });
    expect(served.status).toBe(200);
    expect(Number(served.headers.get('x-ratelimit-limit'))).toBeGreaterThan(0);
  });

  it('takes a message command without description or options, and refuses one with them', async () => {
    const route = `/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`;
    expect((await call('PUT', route, [{ type: 3, name: 'Inspect' }, { type: 1, name: 'inspect', description: 'Look' }])).status).toBe(200);
    const refused = await call('PUT', route, [{ type: 3, name: 'Inspect', description: 'Look', options: [] }, { type: 1, name: 'Inspect', description: 'Look' }]);
    const errors = refused.json.errors as Record<string, Record<string, unknown>>;
    expect(refused.json.code).toBe(50035);
    expect(Object.keys(errors['0'] ?? {}).sort()).toEqual(['description', 'options']);
    // Slash command names are lowercase.
    expect(Object.keys(errors['1'] ?? {})).toEqual(['name']);
  });

  it('refuses integer bounds that are not integers, a minimum above the maximum, and a required option after an optional one', async () => {
    const route = `/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`;
    const option = (extra: Record<string, unknown>) => ({ type: 4, name: 'samples', description: 'How many', ...extra });
    const refused = await call('PUT', route, [{ name: 'warm', description: 'Warm', options: [option({ min_value: 1.5 }), option({ name: 'other', min_value: 5, max_value: 2 }), { type: 3, name: 'set', description: 'Set', required: true }] }]);
    const errors = ((refused.json.errors as Record<string, Record<string, Record<string, unknown>>>)['0']?.options ?? {});
    expect(Object.keys(errors['0'] as object)).toEqual(['min_value']);
    expect(Object.keys(errors['1'] as object)).toEqual(['min_value']);
    expect(Object.keys(errors['2'] as object)).toEqual(['required']);
    expect((await call('PUT', route, [{ name: 'warm', description: 'Warm', options: [option({ min_value: 1, max_value: 10 })] }])).status).toBe(200);
  });

  it("refuses a file over the server's upload limit with 413 / 40005, and reports the limit in interactions", async () => {
    fake.attachmentSizeLimit = 1024;
    const upload = async (bytes: number) => {
      const form = new FormData();
      form.append('payload_json', JSON.stringify({ content: 'file', attachments: [{ id: 0, filename: 'a.md' }] }));
      form.append('files[0]', new Blob([Buffer.alloc(bytes, 97)], { type: 'text/markdown' }), 'a.md');
      const response = await fetch(`${fake.api}/v10/channels/${fake.channelId}/messages`, { method: 'POST', headers: { authorization: BOT_TOKEN }, body: form });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    };
    expect((await upload(1024)).status).toBe(200);
    expect(await upload(1025)).toEqual({ status: 413, json: { message: 'Request entity too large', code: 40005 } });
  });
});
