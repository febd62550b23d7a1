import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(directory, entry.name)) : entry.name.endsWith('.ts') ? [join(directory, entry.name)] : []);
}

describe('the engine (src/)', () => {
  it('imports no chat platform and nothing from adapters/', () => {
    const offenders = sourceFiles(SRC).flatMap((file) => {
      const imports = [...readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)].map((match) => match[1] ?? '');
      return imports.filter((name) => /^(discord\.js|@discordjs\/|@slack\/)/.test(name) || /(^|\/)adapters\//.test(name)).map((name) => `${file}: ${name}`);
    });
    expect(offenders).toEqual([]);
  });

  it('is scanned at all (the walk finds the engine files)', () => {
    expect(sourceFiles(SRC).length).toBeGreaterThan(20);
  });
});
