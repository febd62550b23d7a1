/** The interactive terminal tutor: type a problem, watch R1 think, climb the hints. */
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  describePolicy, describeProgress, GATE_CHOICES, LOCAL_SPACE, parseActionId, parseGate, throttle, UserFacingError, userMessageOf,
  type Action, type Gate, type ReplyOutcome, type SolveProgress, type View,
} from '../../src/index.ts';
import type { CliIo } from './command.ts';
import type { CliEngine } from './cli-engine.ts';
import { writeCards } from './write-cards.ts';
import { findRecording } from './demo/demo-server.ts';
import { renderMarkdown } from './terminal-markdown.ts';
import { formatActions, formatSessionLine, formatView, terminalStyle, terminalWording } from './terminal-view.ts';

const TTY_PROGRESS_MS = 100;
const THINKING_LINE = 'Thinking about your question…';
/** Characters of the streaming reply shown on the progress line. */
const REPLY_PREVIEW_CHARS = 60;
const PIPE_PROGRESS_MS = 2_000;

const HELP = [
  'Type a problem to start. Then:',
  '  next (or Enter)    show the next hint',
  '  check <answer>     check your answer, e.g. check x = 2 (or just type it: x = 2)',
  '  anything else      ask the tutor, e.g. why do we subtract 3? (it will not give the answer away)',
  '  reasoning          show how R1 thought about it (once the answer is shown or you solved it)',
  '  answer             reveal the final answer (after you have tried, or opened every hint)',
  '  policy             show when answers and reasoning open; e.g. policy answer: always reasoning: after answer',
  '  cards              save this session\'s hints as PNG cards and print their paths',
  '  retry              try a failed solve again',
  '  new                start another problem',
  '  problem            (practice) the next problem of the set',
  '  sessions           list your sessions;  resume <id> to continue one',
  '  quit               leave (your sessions are saved)',
].join('\n');

/** Where the tutor starts: a session to resume, or a problem set to practise. */
export interface TutorStart {
  /** Resume this session. */
  readonly sessionId?: string;
  /** Practise this set (already stored in the terminal's space): `problem` hands out the next one. */
  readonly practiceSetId?: string;
}

/** Runs the tutor on `io` until the input ends or the student quits. */
export async function runTerminalTutor(engine: CliEngine, io: CliIo, start: TutorStart = {}): Promise<number> {
  const tutor = engine.stepwise.tutor;
  const say = (text: string) => io.stdout.write(`${text}\n`);
  const style = terminalStyle(io.stdout, io.env);
  const fileDir = join(engine.config.dataDir, 'files');
  let current: string | undefined;
  let actions: readonly Action[] = [];

  // Every view goes through tutor.deliver: a rung counts as shown only once it is on the screen,
  // and one that failed to print (a file that could not be written) comes back on the next `next`.
  const show = (view: View) => tutor.deliver(view, async (shown) => {
    say(formatView(shown, fileDir, style).trimEnd());
    current = shown.sessionId ?? current;
    if (shown.sessionId) actions = shown.actions;
    if (shown.tone === 'error' && !engine.demo) say(`(Details for whoever runs Stepwise are in ${engine.logPath}.)`);
    if (current && actions.length > 0) say(`\n[${formatActions(actions)}]`);
  });
  const actionOf = (kind: Action['kind']) => actions.find((action) => action.kind === kind);

  const nextProblem = async (setId: string) => {
    const result = await engine.stepwise.classroom.practice(LOCAL_SPACE, engine.user, { setId });
    if (result.kind === 'done') {
      current = undefined;
      actions = [];
      return await show(result.view);
    }
    const sessionId = result.session.id;
    current = sessionId;
    if (result.kind === 'continue') return await show(result.view);
    say(result.intro);
    // The statement and the instructor's hints come at once; R1 works on in the background and
    // what it adds is printed when it comes, so the student can start (and check answers) now.
    let markShown = () => {};
    const shown = new Promise<'shown'>((resolve) => (markShown = () => resolve('shown')));
    const solving = solveWithProgress(engine, io, sessionId, (view) => show(view).finally(markShown));
    const first = await Promise.race([shown, solving]);
    if (first !== 'shown') return await show(first);
    void solving
      .then(async (joined) => {
        if (current !== sessionId) return;
        say('');
        await show(joined);
        io.stdout.write(prompt(current));
      })
      .catch((error: unknown) => say(userMessageOf(error)));
  };

  say(start.practiceSetId ? `Stepwise practice: ${start.practiceSetId}. Type "help" for commands, "problem" for the next problem.`
    : start.sessionId ? `Resuming session ${start.sessionId}. Type "help" for commands.` : banner(engine));
  // Solves a killed terminal left behind become failed, with Retry, instead of "still working" forever.
  for (const lapsed of await tutor.sweepLapsedSolves()) {
    if (lapsed.session.owner.userId === engine.user.userId) say(`Stepwise stopped while R1 was working on ${lapsed.session.id}; type "resume ${lapsed.session.id}", then "retry".`);
  }
  // A question a killed terminal was answering is answered now, once.
  for (const lapsed of await tutor.sweepLapsedReplies('cli')) {
    if (lapsed.session.owner.userId !== engine.user.userId) continue;
    say(`Stepwise stopped while answering your question on ${lapsed.session.id} ("${lapsed.session.conversation?.at(-1)?.question ?? ''}"). The answer:`);
    say(formatView(lapsed.view, fileDir, style).trimEnd());
  }
  if (start.sessionId) await show(await tutor.view(start.sessionId, engine.user));
  if (start.practiceSetId) await nextProblem(start.practiceSetId);

  const lines = createInterface({ input: io.stdin, terminal: false });
  io.stdout.write(prompt(current));
  for await (const raw of lines) {
    const line = raw.trim();
    const [word = '', ...rest] = line.split(/\s+/);
    const argument = line.slice(word.length).trim();
    try {
      switch (word.toLowerCase()) {
        case 'quit':
        case 'exit':
          lines.close();
          return 0;
        case 'help':
          say(HELP);
          break;
        case 'sessions':
          say(await listSessions(engine));
          break;
        case 'policy':
          say(await terminalPolicy(engine, argument));
          break;
        case 'resume':
          await show(await tutor.view(rest[0] ?? '', engine.user));
          break;
        case 'new':
          current = undefined;
          actions = [];
          say('Type the next problem.');
          break;
        case '':
        case 'n':
        case 'next':
        case 'hint': {
          const next = actionOf('next-hint');
          const request = next && parseActionId(next.id);
          if (!current || !request) say(current ? 'There is no next hint.' : 'Type a problem first.');
          else await show(await tutor.nextHint(current, request.seen ?? 0, engine.user));
          break;
        }
        case 'check':
          if (!current) say('Type a problem first.');
          else {
            const verdict = await tutor.checkAnswer(current, argument, engine.user);
            await show(verdict);
            if (verdict.tone === 'success' && start.practiceSetId) say('Type "problem" for the next one.');
          }
          break;
        case 'problem':
          if (start.practiceSetId) await nextProblem(start.practiceSetId);
          else say('"problem" hands out the next problem of a set: start with "stepwise practice FILE".');
          break;
        case 'reasoning':
          if (current) await show(await tutor.showReasoning(current, engine.user));
          break;
        case 'answer':
        case 'reveal':
          if (current) await show(await tutor.revealAnswer(current, engine.user));
          break;
        case 'retry':
          if (current) await show(await solveWithProgress(engine, io, current));
          break;
        case 'cards':
          if (current) say(await writeCards(await tutor.view(current, engine.user), join(engine.config.dataDir, 'cards', current)));
          break;
        default: {
          if (current) {
            // Any other line is for the tutor: an answer is checked, a question answered (the answer still held back).
            const outcome = await replyWithProgress(engine, io, current, line);
            if (outcome.kind !== 'ignored') await show(outcome.view);
            if (outcome.kind === 'attempt' && outcome.view.tone === 'success' && start.practiceSetId) say('Type "problem" for the next one.');
            break;
          }
          if (start.practiceSetId) {
            say('Type "problem" for the next problem of the set, or "help" for the commands.');
            break;
          }
          const problem = pickProblem(engine, line);
          if (!problem) break;
          // The terminal's settings (the local space's ad-hoc policy, changed with `policy`) apply to new problems.
          const session = await tutor.open({ problem, owner: engine.user, policy: await engine.stepwise.classroom.adHocPolicy(LOCAL_SPACE) });
          current = session.id;
          await show(await solveWithProgress(engine, io, session.id));
        }
      }
    } catch (error) {
      say(terminalWording(userMessageOf(error)));
      if (!(error instanceof Error && error.name === 'UserFacingError')) io.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
    }
    io.stdout.write(prompt(current));
  }
  return 0;

  function pickProblem(cli: CliEngine, line: string): string | undefined {
    if (!cli.demo) return line;
    const chosen = /^\d+$/.test(line) ? cli.demo[Number(line) - 1] : findRecording(cli.demo, line);
    if (chosen) return chosen.problem;
    say(`Demo mode replays recorded sessions only. Pick one by number:\n${demoList(cli)}`);
    return undefined;
  }
}

/**
 * Runs a solve, drawing the live progress on a line of its own: overwritten in place in a terminal,
 * periodic in a pipe. A line the student types meanwhile stays on its own line (the progress moves
 * below it) and runs once the solve is done. With `onShown` (practice), the line stops once a set
 * problem is shown before R1 is done.
 */
async function solveWithProgress(engine: CliEngine, io: CliIo, sessionId: string, onShown?: (view: View) => Promise<void>): Promise<View> {
  const isTty = (io.stdout as { isTTY?: boolean }).isTTY === true;
  let isLineOpen = !isTty;
  const line = throttle<SolveProgress>((progress) => {
    const text = describeProgress(progress);
    io.stdout.write(isTty ? `\r\u001b[2K${text}` : `${isLineOpen ? '\n' : ''}${text}\n`);
    isLineOpen = false;
  }, isTty ? TTY_PROGRESS_MS : PIPE_PROGRESS_MS);
  const typed = () => io.stdout.write('\n');
  // Only watch input someone already reads: a listener on a paused stream would swallow the lines.
  const watchesInput = isTty && io.stdin.readableFlowing === true;
  if (watchesInput) io.stdin.on('data', typed);
  let isLineDone = false;
  const endLine = () => {
    if (isLineDone) return;
    isLineDone = true;
    io.stdin.off('data', typed);
    line.flush();
    if (isTty || isLineOpen) io.stdout.write('\n');
  };
  const hooks = {
    onProgress: (progress: SolveProgress) => (isLineDone ? undefined : line.push(progress)),
    ...(onShown ? { onShown: async (view: View) => { line.cancel(); endLine(); await onShown(view); } } : {}),
  };
  try {
    return await engine.stepwise.tutor.solve(sessionId, hooks);
  } finally {
    endLine();
  }
}

/**
 * Sends a typed line to the tutor. A question gets a "Thinking about your question…" line of its
 * own; in a terminal it shows the guarded reply as it streams (overwritten in place), and it is
 * cleared before the reply is printed, so the reply appears once.
 */
async function replyWithProgress(engine: CliEngine, io: CliIo, sessionId: string, text: string): Promise<ReplyOutcome> {
  const isTty = (io.stdout as { isTTY?: boolean }).isTTY === true;
  let isLineOpen = false;
  const line = throttle<string>((partial) => {
    const flat = partial.replace(/\s+/g, ' ');
    io.stdout.write(`\r\u001b[2K${THINKING_LINE} ${flat.length > REPLY_PREVIEW_CHARS ? `…${flat.slice(-REPLY_PREVIEW_CHARS)}` : flat}`);
  }, TTY_PROGRESS_MS);
  const hooks = {
    onStart: () => {
      io.stdout.write(isTty ? THINKING_LINE : `${THINKING_LINE}\n`);
      isLineOpen = isTty;
      return { terminal: 'stdout' };
    },
    ...(isTty ? { onProgress: (partial: string) => line.push(partial) } : {}),
  };
  try {
    return await engine.stepwise.tutor.reply(sessionId, engine.user, text, hooks);
  } finally {
    line.cancel();
    if (isLineOpen) io.stdout.write('\r\u001b[2K');
  }
}

/**
 * `policy` shows when the answer and R1's reasoning open for problems typed here; `policy answer:
 * always reasoning: after answer` changes it. Whoever runs the terminal is its instructor.
 */
async function terminalPolicy(engine: CliEngine, argument: string): Promise<string> {
  const classroom = engine.stepwise.classroom;
  if (!argument) {
    return `Problems typed here: ${describePolicy(await classroom.adHocPolicy(LOCAL_SPACE))}.\nChange it with: policy answer: <rule> reasoning: <rule>, where a rule is ${GATE_CHOICES}.`;
  }
  const change: { answer?: Gate; reasoning?: Gate } = {};
  const names = [...argument.matchAll(/\b(answer|reasoning)\s*[:=]\s*/gi)];
  if (names.length === 0 || argument.slice(0, names[0]?.index).trim()) {
    throw new UserFacingError(`Write it as: policy answer: <rule> reasoning: <rule>, where a rule is ${GATE_CHOICES}.`);
  }
  for (const [index, match] of names.entries()) {
    const value = argument.slice((match.index ?? 0) + match[0].length, names[index + 1]?.index ?? argument.length).trim();
    const gate = parseGate(value);
    const name = (match[1] ?? '').toLowerCase() as 'answer' | 'reasoning';
    if (!gate) throw new UserFacingError(`"${value}" is not a choice for ${name}: use ${GATE_CHOICES}.`);
    change[name] = gate;
  }
  const described = await classroom.setAdHocPolicy(LOCAL_SPACE, { ...engine.user, isInstructor: true }, change);
  return `From now on, problems typed here show: ${described}. (A problem already open keeps the rules it started with.)`;
}

async function listSessions(engine: CliEngine): Promise<string> {
  const sessions = await engine.stepwise.tutor.sessions(engine.user);
  if (sessions.length === 0) return 'No sessions yet.';
  return sessions.map(formatSessionLine).join('\n');
}

function banner(engine: CliEngine): string {
  if (engine.demo) {
    return [
      'Stepwise demo: these are RECORDED example sessions replayed over the real wire format, not a live model.',
      'Set STEPWISE_MODEL_API_KEY (or DEEPSEEK_API_KEY) to tutor on your own problems with DeepSeek R1.',
      `Pick a problem by number (or type "help"):\n${demoList(engine)}`,
    ].join('\n');
  }
  return `Stepwise: ${engine.config.model} at ${new URL(engine.config.baseUrl).host}. Type a problem, or "help".`;
}

function demoList(engine: CliEngine): string {
  return (engine.demo ?? []).map((recording, index) => `  ${index + 1}. ${renderMarkdown(recording.problem.replace(/\s+/g, ' '))}`).join('\n');
}

function prompt(current: string | undefined): string {
  return current ? `[${current}]> ` : 'problem> ';
}
