/** An inspection as a Markdown file an instructor reads as is, in the order things happened. */
import type { LadderDecision, Rung } from '../hints/hint-ladder.ts';
import type { StepDecision } from '../hints/step-decisions.ts';
import { describePeriod } from '../model/pricing.ts';
import type { Usage } from '../model/reasoning-model.ts';
import type { Exchange } from '../conversation/exchange.ts';
import type { InspectedBuild, InspectedSession, LadderInspection } from './inspection.ts';

/** Longest quote of a piece of R1's output in the decisions list (the raw output is printed whole above it). */
const QUOTE_CHARS = 240;

/** The whole inspection as Markdown. */
export function inspectionMarkdown(inspection: LadderInspection): string {
  const { subject } = inspection;
  const title = subject.kind === 'session'
    ? `# Session ${subject.sessionId}${subject.setId ? ` (${subject.setId} / ${subject.problemId})` : ''}`
    : `# ${subject.setId} / ${subject.problemId}, as warmed`;
  const sections = [
    title,
    `**Problem:** ${subject.problem}`,
    ...inspection.notes.map((note) => `> ${note}`),
    requestSection(inspection),
    outputSection(inspection),
    inspection.build ? buildSection(inspection.build) : '',
    referenceSection(inspection),
    samplesSection(inspection),
    inspection.session ? sessionSection(inspection.session) : '',
  ];
  return `${sections.filter(Boolean).join('\n\n')}\n`;
}

function requestSection({ request }: LadderInspection): string {
  if (!request) return '## 1. The request sent\n\nNot recorded.';
  const facts = [
    `- **Model:** ${request.model}`,
    `- **Host:** ${request.host ?? 'not recorded (an in-process model)'}`,
    `- **Provider:** ${request.provider ?? 'not named'}`,
    `- **Prompt version:** ${request.promptVersion ?? 'not recorded'}`,
  ];
  return [
    '## 1. The request sent',
    facts.join('\n'),
    `**Parameters** (every body field but the messages):\n\n${fence(JSON.stringify(request.parameters, null, 2), 'json')}`,
    `**Prompt** (the whole user turn, verbatim):\n\n${fence(request.prompt, 'text')}`,
  ].join('\n\n');
}

function outputSection({ output }: LadderInspection): string {
  if (!output) return "## 2. What R1 said\n\nNo output is stored.";
  const cost = output.costUsd === undefined || !output.prices ? '' : ` ≈ $${output.costUsd.toFixed(4)} at $${output.prices.inputPerMillion}/M input and $${output.prices.outputPerMillion}/M output${output.prices.period ? `, ${describePeriod(output.prices.period)}` : ''}`;
  const facts = [
    `- **Model version (as the server reported it):** ${output.servedModel ?? 'not reported'}`,
    `- **Solved:** ${output.solvedAt ?? 'time not recorded'}${output.sample !== undefined && output.sample > 0 ? ` (warm sample ${output.sample + 1}, kept as the majority's)` : ''}`,
    `- **Usage:** ${output.usage ? describeUsage(output.usage) : 'not reported'}${cost}`,
    `- **Cache entry:** \`${output.cacheKey}\``,
  ];
  return [
    '## 2. What R1 said',
    facts.join('\n'),
    `### Raw reasoning\n\n${fence(output.reasoning || '(none)', 'text')}`,
    `### Raw answer\n\n${fence(output.answerText || '(none)', 'text')}`,
  ].join('\n\n');
}

function buildSection(build: InspectedBuild): string {
  const source = build.steps.find((decision) => decision.action === 'source');
  const recovery = build.steps.filter((decision) => decision.action !== 'source');
  const guarded = build.decisions.filter((decision) => decision.matched !== undefined);
  return [
    '## 3. How the ladder was built',
    [
      `- **Source:** ${build.source}${source?.action === 'source' ? `: ${source.reason}` : ''}`,
      `- **R1's final answer:** ${build.finalAnswer === undefined ? 'none found' : `\`${build.finalAnswer}\``}`,
    ].join('\n'),
    `### Pieces dropped and merged on the way to steps\n\n${recovery.length === 0 ? 'None.' : recovery.map((decision, index) => `${index + 1}. ${describeStep(decision)}`).join('\n')}`,
    `### Each step on its way to a rung\n\n${build.decisions.length === 0 ? 'None.' : build.decisions.map((decision, index) => `${index + 1}. ${describeDecision(decision)}`).join('\n')}`,
    `### Withheld by the leak guard\n\n${guarded.length === 0 ? 'Nothing: no rung before the answer states it.' : guarded.map((decision) => `- ${decision.action}, matched \`${decision.matched}\`: ${decision.reason}${decision.text ? `\n  ${quote(decision.text)}` : ''}`).join('\n')}`,
    `### The ladder it makes (${build.rungs.length} rungs)\n\n${rungList(build.rungs)}`,
  ].join('\n\n');
}

function referenceSection({ reference }: LadderInspection): string {
  if (!reference) return '';
  const students = reference.agrees
    ? `R1's answer agrees with yours: students get ${reference.authoredHints.length} authored hint(s), then the rungs above.`
    : "R1's answer differs from yours (or R1 gave none): students get your authored hints and then your answer, not R1's rungs or reasoning.";
  return `## Your answer\n\n- **Reference:** \`${reference.answer}\`\n- ${students}`;
}

function samplesSection({ agreement }: LadderInspection): string {
  if (!agreement) return '';
  const groups = agreement.groups.map((group) => `- ${group.answer === undefined ? 'no final answer' : `\`${group.answer}\``}: sample${group.samples.length === 1 ? '' : 's'} ${group.samples.map((sample) => sample + 1).join(', ')}`);
  const verdict = agreement.hasMajority ? `${agreement.agreeing} of ${agreement.total} samples agree` : `no majority: at most ${agreement.agreeing} of ${agreement.total} samples agree`;
  return [`## Warm samples

${verdict}; the ladder above is sample ${agreement.chosen + 1}'s.${agreement.failed > 0 ? ` ${agreement.failed} sample(s) failed.` : ''}`, ...groups].join('\n');
}

function sessionSection(session: InspectedSession): string {
  const opened = session.rungs.slice(0, session.revealed);
  const attempts = session.attempts.length === 0
    ? 'None.'
    : ['| time | answer | verdict |', '| --- | --- | --- |', ...session.attempts.map((attempt) => `| ${attempt.at} | ${cell(attempt.answer)} | ${attempt.verdict} |`)].join('\n');
  return [
    '## 4. The session',
    [
      `- **Student:** ${session.owner}`,
      `- **Status:** ${session.status}${session.isSolved ? ', solved' : ''}${session.failure ? ` (last failure: ${session.failure})` : ''}${session.fromCache ? '; ladder from the cache' : ''}`,
      `- **Times:** opened ${session.createdAt}; last hint ${session.lastHintAt ?? 'none'}; solved ${session.solvedAt ?? 'not yet'}; last change ${session.updatedAt}`,
      `- **Ladder:** ${session.rungs.length} rungs from ${session.source}; ${session.revealed} opened${session.answerRevealed ? '; the answer was revealed on request' : ''}; reasoning ${session.reasoningShown ? 'shown' : 'not shown'}`,
    ].join('\n'),
    `### Rungs opened\n\n${opened.length === 0 ? 'None.' : rungList(opened)}`,
    `### Attempts\n\n${attempts}`,
    conversationSection(session),
  ].join('\n\n');
}

/** Each question and reply, in order; a reply the leak guard changed shows the drafts it withheld and the value that matched. */
function conversationSection(session: InspectedSession): string {
  if (session.conversation.length === 0) return '### Conversation\n\nNo questions asked.';
  const withheld = session.conversation.reduce((sum, exchange) => sum + exchange.withheld.length, 0);
  const cost = session.conversationCostUsd === undefined ? '' : `, ≈ $${session.conversationCostUsd.toFixed(4)} in all`;
  const lines = session.conversation.map((exchange, index) => {
    const who = exchange.by.isInstructor ? `${exchange.by.name ?? exchange.by.userId} (instructor)` : exchange.by.name ?? exchange.by.userId;
    const head = `${index + 1}. **${who}** at ${exchange.askedAt}: ${quote(exchange.question)}`;
    const reply = `   - **Reply** (${OUTCOME_WORDS[exchange.outcome]}${exchange.answerAllowed ? '; the answer was allowed' : ''}): ${quote(exchange.reply)}`;
    const drafts = exchange.withheld.map((draft, number) => `   - **Withheld draft ${number + 1}**, matched \`${draft.matched}\` (${draft.as}): ${quote(draft.text)}`);
    const usage = exchange.usage ? [`   - ${exchange.model}, prompt ${exchange.promptVersion}: ${describeUsage(exchange.usage)}${exchange.usage.costUsd === undefined ? '' : ` ≈ $${exchange.usage.costUsd.toFixed(5)}`}`] : [];
    return [head, reply, ...drafts, ...usage].join('\n');
  });
  return `### Conversation\n\n${session.conversation.length} question(s); the leak guard withheld ${withheld} draft(s)${cost}.\n\n${lines.join('\n')}`;
}

const OUTCOME_WORDS: Readonly<Record<Exchange['outcome'], string>> = {
  answered: 'shown as written',
  regenerated: 'the first draft gave the answer away; the firmer second one was shown',
  replaced: 'both drafts gave the answer away; replaced by a nudge',
  failed: 'the model failed; an apology was shown',
};

function describeStep(decision: StepDecision): string {
  switch (decision.action) {
    case 'dropped':
      return `**dropped** (${decision.reason}): ${quote(decision.text)}`;
    case 'merged':
      return `**merged** ${decision.texts.length} pieces (${decision.reason}): ${decision.texts.map(quote).join(' + ')}`;
    default:
      return '';
  }
}

function describeDecision(decision: LadderDecision): string {
  const matched = decision.matched === undefined ? '' : `, matched \`${decision.matched}\``;
  return `**${decision.action}** (${decision.reason}${matched})${decision.text ? `: ${quote(decision.text)}` : ''}`;
}

function rungList(rungs: readonly Rung[]): string {
  return rungs.map((rung, index) => `${index + 1}. [${rung.kind}] ${rung.text.replace(/\n/g, '\n   ')}`).join('\n');
}

function describeUsage(usage: Usage): string {
  return `${usage.promptTokens} prompt (${usage.cacheHitTokens} cache hit, ${usage.cacheMissTokens} miss), ${usage.reasoningTokens} reasoning, ${usage.answerTokens} answer tokens`;
}

/** A code block whose fence no run of backticks in `text` can close early. */
function fence(text: string, language: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const marks = '`'.repeat(Math.max(3, longest + 1));
  return `${marks}${language}\n${text}\n${marks}`;
}

function quote(text: string): string {
  const flat = oneLine(text);
  return `“${flat.length > QUOTE_CHARS ? `${flat.slice(0, QUOTE_CHARS - 1)}…` : flat}”`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function cell(text: string): string {
  return oneLine(text).replace(/\|/g, '\\|');
}
