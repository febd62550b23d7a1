/**
 * `stepwise doctor [--json] [--demo]`: checks the model configuration before class. Reports the
 * provider profile and why, whether a key is set (never the key), the server's model list, then one
 * tiny streamed solve: where the reasoning arrived, first-token times, tokens, cost and the ladder.
 * The last line is `ok` or the problems found, each with its fix. Exit 0 when ok, 1 otherwise.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  createHintLadder,
  createLogger,
  createReasoningModel,
  describePeriod,
  loadConfig,
  MisconfigurationError,
  ModelError,
  PROVIDER_PROFILES,
  userMessageOf,
  type Config,
  type ReasoningField,
  type Usage,
} from '../../../src/index.ts';
import { demoConfig } from '../cli-engine.ts';
import type { CliCommand, CliIo } from '../command.ts';
import { DOCTOR_PROMPT, startDemoServer } from '../demo/demo-server.ts';

const EXIT_OK = 0;
const EXIT_PROBLEMS = 1;
const EXIT_USAGE = 2;
/** The check is tiny: a server that needs longer than this to start is a problem worth reporting. */
const DOCTOR_FIRST_TOKEN_TIMEOUT_MS = 60_000;
const DOCTOR_OVERALL_TIMEOUT_MS = 180_000;
const MODELS_SHOWN = 8;
const EXPECTED_ANSWER = '5';

/** What `--json` prints; the first eight keys are an interface. */
export interface DoctorReport {
  provider: string;
  model: string;
  /** Where the reasoning arrived: a field name, `<think>`, or null when none came. */
  reasoningField: string | null;
  firstReasoningMs: number | null;
  firstAnswerMs: number | null;
  totalMs: number | null;
  ok: boolean;
  /** Each problem found, as a sentence that says what to fix. */
  problems: string[];
  providerReason: string;
  baseUrl: string;
  demo: boolean;
  keySet: boolean;
  /** Models the server lists (null when the list could not be read). */
  models: string[] | null;
  /** Whether the configured model is in that list (null when unknown). */
  modelListed: boolean | null;
  /** The model the server says answered. */
  servedModel: string | null;
  tokens: { prompt: number; cacheHit: number; cacheMiss: number; reasoning: number; answer: number } | null;
  costUsd: number | null;
  /** Which prices the cost is at: peak, off-peak, flat, override or unknown. */
  pricePeriod: string | null;
  ladder: { rungs: string[]; finalAnswer: string | null } | null;
  /** Things worth knowing that need no fix (e.g. reasoning in a field the profile does not expect). */
  notes: string[];
  /** The model that answers questions in the thread (STEPWISE_REPLY_MODEL, or the solve model). */
  replyModel: string;
  /** How replies skip thinking: `off` (the host turns it off) or `dropped` (R1 always thinks; its reasoning is dropped). */
  replyThinking: 'off' | 'dropped';
}

export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: 'Check the model configuration before class (provider, key, model list, one tiny solve)',
  usage: 'stepwise doctor [--json] [--demo]',
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({ args, options: { json: { type: 'boolean' }, demo: { type: 'boolean' } } }));
    } catch (error) {
      io.stderr.write(`${error instanceof Error ? error.message : String(error)}\nUsage: ${this.usage}\n`);
      return EXIT_USAGE;
    }
    const report = await diagnose(io, values.demo === true);
    io.stdout.write(values.json ? `${JSON.stringify(report)}\n` : describe(report));
    return report.ok ? EXIT_OK : EXIT_PROBLEMS;
  },
};

/** Runs every check and collects the report; never throws for a configuration problem. */
export async function diagnose(io: CliIo, wantsDemo: boolean): Promise<DoctorReport> {
  let loaded: Config;
  try {
    loaded = loadConfig(io.env);
  } catch (error) {
    return { ...emptyReport(io.env.STEPWISE_MODEL_PROVIDER ?? '', io.env.STEPWISE_MODEL ?? ''), problems: [userMessageOf(error)] };
  }
  const demo = wantsDemo || !loaded.apiKey;
  const server = demo ? await startDemoServer() : undefined;
  try {
    const config = server ? demoConfig(loaded, server.url) : loaded;
    return await check(config, { demo, keySet: !!loaded.apiKey, io });
  } finally {
    await server?.close();
  }
}

async function check(config: Config, context: { demo: boolean; keySet: boolean; io: CliIo }): Promise<DoctorReport> {
  const problems: string[] = [];
  const note = (sentence: string) => {
    if (!problems.includes(sentence)) problems.push(sentence);
  };
  // The operator's log of this run goes to stderr, scrubbed, and only when something fails.
  const logger = createLogger(context.io.stderr, 'silent', [config.apiKey]);
  const model = createReasoningModel({
    ...config,
    maxRetries: 0,
    firstTokenTimeoutMs: Math.min(config.firstTokenTimeoutMs, DOCTOR_FIRST_TOKEN_TIMEOUT_MS),
    overallTimeoutMs: Math.min(config.overallTimeoutMs, DOCTOR_OVERALL_TIMEOUT_MS),
  }, logger);
  const report: DoctorReport = {
    ...emptyReport(config.provider, config.model),
    providerReason: config.providerReason, baseUrl: config.baseUrl, demo: context.demo, keySet: context.keySet,
    replyModel: config.replyModel, replyThinking: PROVIDER_PROFILES[config.provider].thinkingOffFields ? 'off' : 'dropped',
  };

  let reachable = true;
  try {
    report.models = await model.listModels();
    report.modelListed = report.models.includes(config.model);
    if (!report.modelListed) note(notListedSentence(config, new URL(config.baseUrl).host, report.models));
  } catch (error) {
    note(sentenceOf(error, config));
    // A server that is down, refuses the key or is a web page will fail the solve the same way.
    reachable = !(error instanceof MisconfigurationError) && !isUnreachable(error);
  }

  if (reachable) {
    const solved = await tinySolve(model, config);
    Object.assign(report, solved.report);
    for (const problem of solved.problems) note(problem);
  }
  if (report.models && config.replyModel !== config.model && !report.models.includes(config.replyModel)) {
    note(`The reply model '${config.replyModel}' is not in the list ${new URL(config.baseUrl).host} serves: set STEPWISE_REPLY_MODEL to one of them, or unset it to answer questions with ${config.model}.`);
  }
  report.problems = problems;
  report.ok = problems.length === 0;
  return report;
}

async function tinySolve(model: ReturnType<typeof createReasoningModel>, config: Config): Promise<{ report: Partial<DoctorReport>; problems: string[] }> {
  const problems: string[] = [];
  const notes: string[] = [];
  const started = performance.now();
  const since = () => Math.round(performance.now() - started);
  let firstReasoningMs: number | null = null;
  let firstAnswerMs: number | null = null;
  let field: ReasoningField | undefined;
  let reasoning = '';
  let answer = '';
  let usage: Usage | undefined;
  try {
    for await (const event of model.solve({ prompt: DOCTOR_PROMPT, endUser: 'stepwise-doctor' })) {
      if (event.type === 'reasoning') {
        firstReasoningMs ??= since();
        field ??= event.field;
        reasoning += event.text;
      } else if (event.type === 'answer') {
        firstAnswerMs ??= since();
        answer += event.text;
      } else if (event.type === 'usage') {
        usage = event.usage;
      }
    }
  } catch (error) {
    problems.push(sentenceOf(error, config));
    return { report: { firstReasoningMs, firstAnswerMs, totalMs: since(), reasoningField: fieldName(field) }, problems };
  }
  const totalMs = since();
  if (!field) {
    problems.push(`No reasoning arrived from ${new URL(config.baseUrl).host}: hints will be built from the answer alone. `
      + 'Serve a reasoning model (DeepSeek thinking mode, R1 or an R1 distill), and on vLLM or SGLang start it with --reasoning-parser deepseek_r1.');
  }
  const profile = PROVIDER_PROFILES[config.provider];
  if (field && !profile.reasoningFields.includes(field)) {
    const likely = Object.values(PROVIDER_PROFILES).filter((candidate) => candidate.reasoningFields[0] === field).map((candidate) => candidate.name);
    notes.push(`The reasoning arrived in ${fieldName(field)}, which the ${profile.name} profile does not expect; Stepwise read it anyway. `
      + `If this server is not ${profile.label}, set STEPWISE_MODEL_PROVIDER${likely.length > 0 ? ` (${likely.join(', ')} send ${fieldName(field)})` : ''}.`);
  }
  const ladder = await createHintLadder({ problem: DOCTOR_PROMPT, reasoning, answer });
  if (ladder.finalAnswer?.trim() !== EXPECTED_ANSWER) {
    problems.push(`The model's final answer to 2 + 3 was ${ladder.finalAnswer ? `'${ladder.finalAnswer}'` : 'missing (nothing in \\boxed{})'}, not 5: check STEPWISE_MODEL names a reasoning model that follows instructions.`);
  }
  if (usage?.pricePeriod === 'unknown' && !PROVIDER_PROFILES[config.provider].anyModelPrices) {
    problems.push(`No prices are known for '${config.model}' on ${PROVIDER_PROFILES[config.provider].label}: set STEPWISE_PRICE_INPUT_PER_MTOK and STEPWISE_PRICE_OUTPUT_PER_MTOK from the provider's price page, or cost estimates will read $0.`);
  }
  return {
    report: {
      reasoningField: fieldName(field), firstReasoningMs, firstAnswerMs, totalMs,
      servedModel: usage?.servedModel ?? null,
      tokens: usage ? { prompt: usage.promptTokens, cacheHit: usage.cacheHitTokens, cacheMiss: usage.cacheMissTokens, reasoning: usage.reasoningTokens, answer: usage.answerTokens } : null,
      costUsd: usage?.costUsd ?? null,
      pricePeriod: usage?.pricePeriod ?? null,
      ladder: { rungs: ladder.rungs.map((rung) => rung.kind), finalAnswer: ladder.finalAnswer ?? null },
      notes,
    },
    problems,
  };
}

function emptyReport(provider: string, model: string): DoctorReport {
  return {
    provider, model, reasoningField: null, firstReasoningMs: null, firstAnswerMs: null, totalMs: null, ok: false, problems: [],
    providerReason: '', baseUrl: '', demo: false, keySet: false, models: null, modelListed: null, servedModel: null,
    tokens: null, costUsd: null, pricePeriod: null, ladder: null, notes: [], replyModel: '', replyThinking: 'dropped',
  };
}

/** The operator's sentence for a failure: what happened and what to set. */
function sentenceOf(error: unknown, config: Config): string {
  const host = new URL(config.baseUrl).host;
  if (error instanceof MisconfigurationError) return error.message;
  if (isUnreachable(error)) {
    return `Could not reach the model server at ${host}: start it, or check STEPWISE_MODEL_BASE_URL (now ${config.baseUrl}).`;
  }
  if (error instanceof ModelError) return `${error.message}. ${error.userMessage}`;
  return `The check failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`;
}

function isUnreachable(error: unknown): boolean {
  return error instanceof ModelError && error.status === undefined && /^Connection to the model server/.test(error.message);
}

function notListedSentence(config: Config, host: string, models: readonly string[]): string {
  const profile = PROVIDER_PROFILES[config.provider];
  const retired = profile.retiredModels[config.model];
  if (retired) {
    const [first, ...others] = retired.replacements;
    return `The model '${config.model}' is not served by ${host}: ${profile.label} retired it on ${retired.retiredOn}. Set STEPWISE_MODEL=${first ?? ''}${others.length > 0 ? ` (or ${others.join(' or ')})` : ''}.`;
  }
  const listed = models.length > 0 ? models.slice(0, MODELS_SHOWN).join(', ') : 'nothing';
  return `The model '${config.model}' is not in the list ${host} serves (${listed}). Set STEPWISE_MODEL to one of them.`;
}

function fieldName(field: ReasoningField | undefined): string | null {
  if (!field) return null;
  return field === 'think' ? '<think>' : field;
}

function describe(report: DoctorReport): string {
  const lines = ['Stepwise doctor'];
  if (report.demo) lines.push('demo mode: checking the bundled replay server (no live model is contacted).');
  lines.push(`provider   ${report.provider}${report.providerReason ? ` (${report.providerReason})` : ''}`);
  if (report.baseUrl) lines.push(`base URL   ${report.baseUrl}`);
  lines.push(`model      ${report.model}`);
  if (report.baseUrl) lines.push(`key        ${report.keySet ? 'set (not shown)' : 'not set (STEPWISE_MODEL_API_KEY or DEEPSEEK_API_KEY); demo mode'}`);
  if (report.models) {
    const shown = report.models.slice(0, MODELS_SHOWN).join(', ') + (report.models.length > MODELS_SHOWN ? ', ...' : '');
    lines.push(`models     ${report.models.length} listed (${shown}); ${report.model} is ${report.modelListed ? '' : 'NOT '}among them`);
  }
  if (report.totalMs !== null) {
    lines.push(`solve      "${DOCTOR_PROMPT}"`);
    lines.push(`  reasoning arrived in   ${report.reasoningField ?? 'nowhere (no reasoning)'}`);
    lines.push(`  first reasoning token  ${msOrDash(report.firstReasoningMs)}`);
    lines.push(`  first answer token     ${msOrDash(report.firstAnswerMs)}`);
    lines.push(`  total                  ${report.totalMs} ms`);
    if (report.servedModel) lines.push(`  served by              ${report.servedModel}`);
    if (report.tokens) {
      const { prompt, cacheHit, cacheMiss, reasoning, answer } = report.tokens;
      lines.push(`  tokens                 ${prompt} prompt (${cacheHit} cache hit, ${cacheMiss} miss), ${reasoning} reasoning, ${answer} answer`);
    }
    if (report.costUsd !== null) {
      const demoNote = report.demo ? ' (what deepseek-flash would charge)' : '';
      lines.push(`  cost                   $${report.costUsd.toFixed(6)} at ${describePeriod(report.pricePeriod as Usage['pricePeriod'])}${demoNote}`);
    }
  }
  if (report.replyModel) lines.push(`replies    ${report.replyModel}, ${report.replyThinking === 'off' ? 'thinking off' : 'reasoning dropped (this host always thinks)'}`);
  if (report.ladder) lines.push(`ladder     ${report.ladder.rungs.length} rungs (${report.ladder.rungs.join(', ')}); final answer ${report.ladder.finalAnswer ?? 'none'}`);
  for (const line of report.notes) lines.push(`note       ${line}`);
  lines.push(report.ok ? 'ok' : `problems:\n${report.problems.map((problem) => `- ${problem}`).join('\n')}`);
  return `${lines.join('\n')}\n`;
}

function msOrDash(ms: number | null): string {
  return ms === null ? '-' : `${ms} ms`;
}
