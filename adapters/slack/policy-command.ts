/**
 * `/policy answer:<gate> reasoning:<gate>` (instructors): when ad-hoc /solve problems in this
 * workspace may show the answer and R1's reasoning. With no text, shows the policy as it is.
 */
import type { RespondFn, SlashCommand } from '@slack/bolt';
import { CHAT_COMMANDS, describePolicy, GATE_CHOICES, parseGate, UserFacingError, type Gate } from '../../src/index.ts';
import type { SlackClient, SlackContext } from './slack-context.ts';
import { actorOf, spaceOf } from './slack-actor.ts';
import { replyFailure, replyPrivately } from './ephemeral-reply.ts';
import { unescapeSlackText } from './slack-mrkdwn.ts';

/** The gates `/policy` can set, named as its options are. */
type GateName = 'answer' | 'reasoning';

const GATE_NAMES: readonly GateName[] = ['answer', 'reasoning'];
const OPTION_NAMES = (CHAT_COMMANDS.find((command) => command.name === 'policy')?.options ?? []).map((option) => option.name).filter((name): name is GateName => GATE_NAMES.includes(name as GateName));
const EXAMPLE = '`/policy answer: after 2 attempts reasoning: never`';

/** Reads `answer: after 2 attempts reasoning: never` (or `answer=never`); throws UserFacingError naming what to fix. */
export function parsePolicyChange(text: string): Partial<Record<GateName, Gate>> {
  const key = new RegExp(`\\b(${OPTION_NAMES.join('|')})\\s*[:=]\\s*`, 'gi');
  const matches = [...text.matchAll(key)];
  const before = text.slice(0, matches[0]?.index ?? text.length).trim();
  if (matches.length === 0 || before) throw new UserFacingError(`Write the policy as ${EXAMPLE}: ${OPTION_NAMES.join(' and ')} each take ${GATE_CHOICES}.`);
  const change: Partial<Record<GateName, Gate>> = {};
  for (const [index, match] of matches.entries()) {
    const name = (match[1] ?? '').toLowerCase() as GateName;
    const value = text.slice((match.index ?? 0) + match[0].length, matches[index + 1]?.index ?? text.length).trim();
    const gate = parseGate(value);
    if (!gate) throw new UserFacingError(`"${value}" is not a choice for ${name}: use ${GATE_CHOICES}.`);
    change[name] = gate;
  }
  return change;
}

/** Handles one `/policy` after it has been acknowledged. */
export async function policyCommand(context: SlackContext, _client: SlackClient, command: SlashCommand, respond: RespondFn): Promise<void> {
  const text = unescapeSlackText(command.text).trim();
  const space = spaceOf(command.team_id);
  try {
    if (!text) {
      await replyPrivately(respond, `Problems posted with /solve here: ${describePolicy(await context.classroom.adHocPolicy(space))}. Change it with ${EXAMPLE}.`);
      return;
    }
    const actor = await actorOf(context, command.user_id, command.user_name);
    const described = await context.classroom.setAdHocPolicy(space, actor, parsePolicyChange(text));
    await replyPrivately(respond, `From now on, problems posted with /solve here show: ${described}.`);
  } catch (error) {
    await replyFailure(context.logger, respond, 'policy command failed', error);
  }
}
