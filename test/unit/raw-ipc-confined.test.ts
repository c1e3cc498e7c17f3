import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// STYLE habit 2, by grep (eslint.config.js enforces the same): raw IPC only in its wrappers.
const ROOT = join(import.meta.dirname, '..', '..');
const SOURCE_DIRS = ['electron', 'renderer', 'scripts', 'bench'];
const RULES = [
  { name: 'ipcMain', pattern: /\bipcMain\b/, allowed: 'electron/main/ipc.ts' },
  { name: 'ipcRenderer', pattern: /\bipcRenderer\b/, allowed: 'electron/preload/index.ts' },
  {
    name: 'webContents.send',
    pattern: /\b(?:webContents|sender)\s*\??\.\s*send\s*\(/,
    allowed: 'electron/main/push.ts',
  },
];

function sources(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true, recursive: true });
  } catch {
    return []; // a folder another part of the app has not created yet
  }
  return entries
    .filter((e) => e.isFile() && /\.(?:[cm]?[jt]s|tsx)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((file) => !file.includes('node_modules'));
}

/** Source without comments, so a comment naming an API is not a use of it. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const files = SOURCE_DIRS.flatMap((dir) => sources(join(ROOT, dir))).map((file) => ({
  path: relative(ROOT, file).split('\\').join('/'),
  code: code(readFileSync(file, 'utf8')),
}));

describe('raw IPC stays inside its wrappers', () => {
  it('finds the sources', () => {
    expect(files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['electron/main/ipc.ts', 'electron/preload/index.ts']),
    );
  });

  for (const rule of RULES) {
    it(`uses ${rule.name} only in ${rule.allowed}`, () => {
      const users = files.filter((f) => rule.pattern.test(f.code)).map((f) => f.path);
      expect(users).toEqual([rule.allowed]);
    });
  }
});
