#!/usr/bin/env node
// The `stepwise` executable. Runs the JavaScript compiled to dist/ (`npm ci` builds it through the
// `prepare` script, `npm run build` rebuilds it). When there is no build, or a source file changed
// after it (an edit, a checkout), tsx runs the TypeScript sources instead, so nothing stale runs.
import { readdirSync, statSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const stamp = new URL('dist/.built', root);

/** Whether any file under the folders was modified after `time` (ms). */
function changedSince(time, folders) {
  for (const folder of folders) {
    for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
      if (entry.isFile() && statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs > time) return true;
    }
  }
  return false;
}

function isBuildCurrent() {
  try {
    return !changedSince(statSync(stamp).mtimeMs, ['src', 'adapters', 'prompts'].map((folder) => new URL(folder, root)));
  } catch {
    return false;
  }
}

let main;
if (isBuildCurrent()) ({ main } = await import(new URL('dist/adapters/cli/main.js', root).href));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('./main.ts'));
}
const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
const exitCode = await main(process.argv.slice(2), io);
// Open handles (readline on a terminal, SDK keep-alive sockets) must not keep a finished command alive.
process.stdout.write('', () => process.exit(exitCode));
