#!/usr/bin/env node
// The `stepwise` executable: registers tsx so the TypeScript sources run without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
const exitCode = await main(process.argv.slice(2), io);
// Open handles (readline on a terminal, SDK keep-alive sockets) must not keep a finished command alive.
process.stdout.write('', () => process.exit(exitCode));
