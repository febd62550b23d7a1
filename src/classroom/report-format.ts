/** A class report as CSV (for spreadsheets) and as a compact monospace table (for chat). */
import type { ClassReport, StudentProblemRow } from './class-report.ts';

const CSV_HEADER = ['student', 'student_id', 'problem', 'solved', 'attempts', 'hints_opened', 'answer_revealed', 'seconds_to_solve', 'questions'];

/** One line per student and problem, RFC 4180 quoting. */
export function reportCsv(report: ClassReport): string {
  const lines = report.rows.map((row) => [
    row.student, row.studentId, row.problemId, row.isSolved ? 'yes' : 'no', row.attempts, row.hintsOpened, row.answerRevealed ? 'yes' : 'no', row.secondsToSolve ?? '', row.questions,
  ].map(csvField).join(','));
  return `${[CSV_HEADER.join(','), ...lines].join('\r\n')}\r\n`;
}

/** Per problem: solve rate, median hints, common wrong answers; then one line per student. */
export function reportTable(report: ClassReport): string {
  const width = Math.max(7, ...report.problems.map((problem) => problem.problemId.length));
  const problemLines = report.problems.map((problem) => {
    const rate = problem.students === 0 ? '   —' : `${Math.round(problem.solveRate * 100)}%`.padStart(4);
    const wrong = problem.commonWrongAnswers.map((entry) => `${entry.answer} (${entry.count})`).join(', ');
    return `${problem.problemId.padEnd(width)}  ${String(problem.students).padStart(8)}  ${rate}    ${String(problem.medianHints).padStart(5)}  ${wrong}`;
  });
  const students = [...new Set(report.rows.map((row) => row.student))];
  const studentLines = students.map((student) => {
    const rows = report.rows.filter((row) => row.student === student);
    return `${student}: ${rows.map(cell).join('  ')}`;
  });
  return [
    `${report.title} (${report.setId})`,
    `${'problem'.padEnd(width)}  students  solved  hints  common wrong answers`,
    ...problemLines,
    '',
    'per student (✓ solved, ✗ not yet; h = hints, a = attempts, q = questions to the tutor, ! = answer revealed):',
    ...(studentLines.length > 0 ? studentLines : ['(nobody has practised this set yet)']),
  ].join('\n');
}

function cell(row: StudentProblemRow): string {
  return `${row.problemId} ${row.isSolved ? '✓' : '✗'} ${row.hintsOpened}h ${row.attempts}a${row.questions > 0 ? ` ${row.questions}q` : ''}${row.answerRevealed ? '!' : ''}`;
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
