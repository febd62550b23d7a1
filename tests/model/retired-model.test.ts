import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, hashEndUser, loadConfig, openStepwise, type Actor } from '../../src/index.ts';
import { LINEAR_EQUATION } from '../fakes/fake-reasoning-model.ts';
import { startFakeR1, type FakeR1Server } from '../fakes/fake-r1-server.ts';

const KEY = 'sk-retired-model-test-0123456789';
const STUDENT: Actor = { platform: 'discord', userId: '987654321098765432', name: 'Ada' };

let deepseek: FakeR1Server;
let dataDir: string;
beforeAll(async () => {
  // Today's DeepSeek: serves Flash and Pro, refuses the retired names with its 400 "Model Not Exist".
  deepseek = await startFakeR1([{ reasoning: LINEAR_EQUATION.reasoning, answer: LINEAR_EQUATION.answer, model: 'deepseek-flash' }], { models: ['deepseek-flash', 'deepseek-v4-pro'] });
  dataDir = mkdtempSync(join(tmpdir(), 'stepwise-retired-'));
});
afterAll(async () => {
  await deepseek.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const envWith = (model?: string) => ({
  STEPWISE_MODEL_API_KEY: KEY, STEPWISE_MODEL_PROVIDER: 'deepseek', STEPWISE_MODEL_BASE_URL: deepseek.url, STEPWISE_DATA_DIR: dataDir,
  STEPWISE_RETRY_DELAY_MS: '1', ...(model ? { STEPWISE_MODEL: model } : {}),
});

describe('a solve against a retired DeepSeek model', () => {
  let sessionId = '';

  it('tells the operator which model was refused and what to set, the student that the tutor is misconfigured, and keeps the problem', async () => {
    const logs = new PassThrough();
    const config = loadConfig(envWith('deepseek-reasoner'));
    const stepwise = await openStepwise(config, createLogger(logs, 'info', [KEY]));
    try {
      const opened = await stepwise.tutor.open({ problem: LINEAR_EQUATION.problem, owner: STUDENT });
      sessionId = opened.id;
      const view = await stepwise.tutor.solve(opened.id);
      const shown = view.parts.map((part) => ('markdown' in part ? part.markdown : '')).join('\n');
      expect(view.tone).toBe('error');
      expect(shown).toContain('The tutor is misconfigured; please tell your instructor.');
      expect(shown).not.toMatch(/could not take this problem|rephras/i);
      const session = await stepwise.tutor.session(opened.id);
      expect(session).toMatchObject({ status: 'failed', problem: LINEAR_EQUATION.problem });
      expect(deepseek.requests).toHaveLength(1);
      const log = String(logs.read() ?? '');
      const host = new URL(deepseek.url).host;
      expect(log).toContain(`The model 'deepseek-reasoner' is not served by ${host}: DeepSeek retired it on 2026-07-24. Set STEPWISE_MODEL=deepseek-flash (or deepseek-v4-pro).`);
      expect(log).not.toContain(KEY);
    } finally {
      await stepwise.close();
    }
  });

  it('solves the kept problem on Retry once the operator sets the default model, sending the hashed student', async () => {
    const config = loadConfig(envWith());
    expect(config.model).toBe('deepseek-flash');
    const stepwise = await openStepwise(config, createLogger(new PassThrough(), 'info', [KEY]));
    try {
      const view = await stepwise.tutor.solve(sessionId, {}, STUDENT);
      expect(view.tone).not.toBe('error');
      const session = await stepwise.tutor.session(sessionId);
      expect(session?.status).toBe('ready');
      expect(session?.usage).toMatchObject({ servedModel: 'deepseek-flash', cacheHitTokens: 128, cacheMissTokens: 52 });
      expect(session?.usage?.pricePeriod).toMatch(/^(off-peak|peak)$/);
      const body = deepseek.requests.at(-1)?.body ?? {};
      expect(body).toMatchObject({ model: 'deepseek-flash', thinking: { type: 'enabled' }, reasoning_effort: 'high' });
      expect(body.user_id).toBe(hashEndUser('discord:987654321098765432', config.endUserSalt));
      expect(JSON.stringify(body)).not.toContain('987654321098765432');
    } finally {
      await stepwise.close();
    }
  });
});
