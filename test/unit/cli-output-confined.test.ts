import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every byte the CLI prints goes through electron/cli/terminal.ts, the one writer that sanitizes
// outside text: a printer, warning or error path that wrote to the streams itself could forget.
// Core prints nothing at all (it returns data; the hosts decide how to show it).
const ROOT = join(import.meta.dirname, '..', '..');
const SOURCE_DIRS = ['electron/cli', 'electron/core'];
const WRITER = 'electron/cli/terminal.ts';
const RULES: { name: string; pattern: RegExp }[] = [
  { name: 'process.stdout / process.stderr', pattern: /\bprocess\s*\??\.\s*(?:stdout|stderr)\b/ },
  {
    name: 'the streams destructured from process',
    pattern: /\{[^}]*\b(?:stdout|stderr)\b[^}]*\}\s*=\s*process\b/,
  },
  { name: 'console', pattern: /\bconsole\s*\??\.\s*\w+/ },
  { name: 'writeSync to fd 1 or 2', pattern: /\bwriteSync\s*\(\s*[12]\s*,/ },
  { name: 'a terminal device path', pattern: /\/dev\/(?:stdout|stderr|tty)\b/ },
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(?:[cm]?[jt]s|tsx)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** Source without comments, so a comment naming an API is not a use of it. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const files = SOURCE_DIRS.flatMap((dir) => sources(join(ROOT, dir))).map((file) => ({
  path: relative(ROOT, file).split('\\').join('/'),
  code: code(readFileSync(file, 'utf8')),
}));

describe('the CLI writes to the terminal only through its one writer', () => {
  it('finds the sources, the writer among them', () => {
    expect(files.map((f) => f.path)).toEqual(
      expect.arrayContaining([WRITER, 'electron/cli/index.ts', 'electron/cli/commands/status.ts']),
    );
  });

  it('the writer itself uses the streams (so the rules below can see a use)', () => {
    const writer = files.find((f) => f.path === WRITER);
    expect(writer?.code).toMatch(RULES[0]?.pattern ?? /never/);
  });

  for (const rule of RULES) {
    it(`no ${rule.name} outside ${WRITER}`, () => {
      const users = files
        .filter((f) => f.path !== WRITER && rule.pattern.test(f.code))
        .map((f) => f.path);
      expect(users).toEqual([]);
    });
  }
});
