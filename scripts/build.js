#!/usr/bin/env node
// Compiles src/ and adapters/ to dist/ (npm's `prepare` runs this, so `npm ci` leaves a built copy),
// then copies the files the compiled code reads beside itself: prompts/ and non-TypeScript assets.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

if (process.argv.includes('--clean')) rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
cpSync(join(root, 'prompts'), join(dist, 'prompts'), { recursive: true });
for (const folder of ['src', 'adapters']) copyAssets(join(root, folder));
// `stepwise --help` lists the commands from this file, without loading them (and the engine).
const { CLI_COMMANDS } = await import(pathToFileURL(join(dist, 'adapters/cli/commands/index.js')).href);
const catalog = CLI_COMMANDS.map(({ name, summary, usage }) => ({ name, summary, usage }));
writeFileSync(join(dist, 'adapters/cli/commands/catalog.json'), `${JSON.stringify(catalog, null, 1)}\n`);
// adapters/cli/bin.js runs dist/ only while no source is newer than this stamp.
writeFileSync(join(dist, '.built'), `${new Date().toISOString()}\n`);

function copyAssets(directory) {
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) copyAssets(path);
    else if (!/\.(ts|js)$/.test(name)) cpSync(path, join(dist, relative(root, path)));
  }
}
