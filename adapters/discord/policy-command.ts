/** `/policy answer:<…> reasoning:<…>`: when /solve in this server may reveal the answer and R1's reasoning. */
import type { ChatInputCommandInteraction } from 'discord.js';
import { GATE_CHOICES, UserFacingError, describePolicy, parseGate, type Gate } from '../../src/index.ts';
import { actorOf } from './actor-of.ts';
import type { DiscordContext } from './discord-context.ts';
import { answerPrivateCommand } from './private-command.ts';
import { spaceOf } from './space-of.ts';

/** Sets the server's ad-hoc policy from the given options, or shows it when none is given. */
export async function handlePolicy(interaction: ChatInputCommandInteraction, context: DiscordContext): Promise<void> {
  await answerPrivateCommand(interaction, context, async () => {
    const space = spaceOf(interaction);
    const answer = gateOption(interaction, 'answer');
    const reasoning = gateOption(interaction, 'reasoning');
    if (!answer && !reasoning) {
      return `Problems asked with /solve here: ${describePolicy(await context.classroom.adHocPolicy(space))}.\nChange it with /policy answer:<rule> reasoning:<rule>, where a rule is ${GATE_CHOICES}.`;
    }
    const change = { ...(answer ? { answer } : {}), ...(reasoning ? { reasoning } : {}) };
    const words = await context.classroom.setAdHocPolicy(space, actorOf(interaction, context.instructorRoleId), change);
    return `From now on, problems asked with /solve here follow: ${words}. Problems already open keep their rules.`;
  });
}

function gateOption(interaction: ChatInputCommandInteraction, name: 'answer' | 'reasoning'): Gate | undefined {
  const text = interaction.options.getString(name);
  if (text === null) return undefined;
  const gate = parseGate(text);
  if (!gate) throw new UserFacingError(`"${text}" is not a rule Stepwise knows for ${name}. Write ${GATE_CHOICES}.`);
  return gate;
}
