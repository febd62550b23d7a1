/** Every `stepwise` subcommand; help and dispatch read this list. */
import type { CliCommand } from '../command.ts';
import { checkCommand } from './check.ts';
import { discordCommand } from './discord.ts';
import { doctorCommand } from './doctor.ts';
import { hintsCommand } from './hints.ts';
import { inspectCommand } from './inspect.ts';
import { problemsetCommand } from './problemset.ts';
import { practiceCommand } from './practice.ts';
import { promptCommand } from './prompt.ts';
import { renderCommand } from './render.ts';
import { reportCommand } from './report.ts';
import { resumeCommand, sessionsCommand } from './sessions.ts';
import { slackCommand } from './slack.ts';
import { solveCommand } from './solve.ts';
import { tutorCommand } from './tutor.ts';

export const CLI_COMMANDS: readonly CliCommand[] = [
  tutorCommand,
  solveCommand,
  hintsCommand,
  sessionsCommand,
  resumeCommand,
  checkCommand,
  renderCommand,
  problemsetCommand,
  practiceCommand,
  reportCommand,
  inspectCommand,
  promptCommand,
  doctorCommand,
  discordCommand,
  slackCommand,
];
