import { existsSync, statSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

interface MacTarget {
  target: string;
  arch: string[];
}
interface BuildConfig {
  appId: string;
  productName: string;
  files: string[];
  mac: {
    target: MacTarget[];
    category: string;
    hardenedRuntime: boolean;
    gatekeeperAssess: boolean;
    entitlements: string;
    entitlementsInherit: string;
    extendInfo: Record<string, unknown>;
  };
  linux: { target: string[]; category: string };
}

const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  build: BuildConfig;
};
const config = pkg.build;

describe('electron-builder config (package.json "build")', () => {
  it('names the app and points main at the bundled entry', () => {
    expect(config.appId).toBe('dev.sessionsync.app');
    expect(config.productName).toBe('Session Sync');
    expect(pkg.main).toBe('dist/main/index.cjs');
  });

  it('builds a universal dmg and zip for macOS, as a menu-bar-only app (LSUIElement)', () => {
    expect(config.mac.target).toEqual([
      { target: 'dmg', arch: ['universal'] },
      { target: 'zip', arch: ['universal'] },
    ]);
    expect(config.mac.extendInfo.LSUIElement).toBe(true);
    expect(config.mac.category).toBe('public.app-category.developer-tools');
  });

  it('uses the hardened runtime with only the entitlements Electron needs', async () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.entitlements).toBe('assets/entitlements.mac.plist');
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);
    const plist = await readFile(join(ROOT, config.mac.entitlements), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
    expect(keys.sort()).toEqual([
      'com.apple.security.cs.allow-jit',
      'com.apple.security.cs.allow-unsigned-executable-memory',
    ]);
  });

  it('builds AppImage and deb for Linux', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Development');
  });

  it('packs only built output and excludes tests, sources, source maps and fixtures', () => {
    const include = config.files.filter((f) => !f.startsWith('!'));
    const exclude = config.files.filter((f) => f.startsWith('!'));
    expect(include.sort()).toEqual(
      [
        'dist/main/**',
        'dist/preload/**',
        'dist/renderer/**',
        'dist/renderer-server/**',
        'dist/cli/**',
        'dist/workers/**',
        'bin/**',
        'assets/**',
        'package.json',
      ].sort(),
    );
    expect(include.some((f) => /^(electron|renderer|test|scripts)\b/.test(f))).toBe(false);
    expect(exclude).toEqual(expect.arrayContaining(['!**/*.map', '!**/*.ts']));
    expect(exclude.some((f) => f.includes('test') && f.includes('fixtures'))).toBe(true);
  });

  it('ships the tray template icons (1x and 2x) and the app icon', () => {
    for (const icon of ['trayTemplate.png', 'trayTemplate@2x.png', 'icon.png']) {
      expect(existsSync(join(ROOT, 'assets', icon)), icon).toBe(true);
    }
  });
});

// Runs electron-builder for real (Linux, --dir) over a copy of the project that also holds
// decoys (sources, a test, a source map, a fixture), with a stub Electron: the packaged asar
// must hold the built app and none of the decoys.
describe('electron-builder --dir with a stub Electron', () => {
  const temp: string[] = [];
  afterAll(async () => {
    for (const dir of temp) await rm(dir, { recursive: true, force: true });
  });

  it('packs the app without tests, sources, maps or fixtures, with the tray icons', async (ctx) => {
    const work = await mkdtemp(join(tmpdir(), 'session-sync-builder-'));
    temp.push(work);
    const project = join(work, 'project');
    const electronDist = join(work, 'electron-dist');
    await mkdir(electronDist, { recursive: true });
    await writeFile(join(electronDist, 'electron'), '#!/bin/sh\necho stub electron\n');
    await chmod(join(electronDist, 'electron'), 0o755);

    for (const entry of ['package.json', 'package-lock.json', 'bin', 'assets']) {
      await cp(join(ROOT, entry), join(project, entry), { recursive: true });
    }
    // Built output as the build scripts leave it (the contents do not matter here).
    const files: Record<string, string> = {
      'dist/main/index.cjs': '"use strict";',
      'dist/preload/index.cjs': '"use strict";',
      'dist/renderer/index.html': '<!doctype html><title>Session Sync</title>',
      'dist/renderer/assets/index.js': 'void 0;',
      'dist/renderer-server/first-view.cjs': '"use strict";',
      'dist/cli/main.cjs': '"use strict";',
      'dist/workers/history-load.cjs': '"use strict";',
      // Decoys that must not be packed.
      'dist/main/index.cjs.map': '{}',
      'dist/renderer/assets/index.js.map': '{}',
      'dist/renderer/fixtures/records.json': '[]',
      'dist/cli/test/helper.cjs': '',
      'electron/main/index.ts': 'export {};',
      'renderer/App.tsx': 'export {};',
      'test/unit/example.test.ts': 'export {};',
      'test/fixtures/sample.json': '{}',
      'scripts/build-electron.mjs': '',
      'assets/stray.ts': 'export {};',
    };
    for (const [file, text] of Object.entries(files)) {
      await mkdir(join(project, file, '..'), { recursive: true });
      await writeFile(join(project, file), text);
    }
    await symlink(join(ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');

    const { build, Platform } = await import('electron-builder');
    try {
      await build({
        projectDir: project,
        targets: Platform.LINUX.createTarget('dir'),
        publish: 'never',
        config: {
          electronVersion: '45.0.0',
          electronDist,
          npmRebuild: false,
          directories: { output: join(work, 'out'), buildResources: 'assets' },
        },
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|fetch failed|getaddrinfo/.test(message)) {
        ctx.skip(`electron-builder needed the network, which is blocked here: ${message}`);
      }
      throw error;
    }

    const { listPackage } = await import('@electron/asar');
    const asar = join(work, 'out', 'linux-unpacked', 'resources', 'app.asar');
    const packed = listPackage(asar, { isPack: false }).map((f) => f.split('\\').join('/'));
    const app = packed.filter((f) => !f.startsWith('/node_modules/'));

    expect(app).toEqual(
      expect.arrayContaining([
        '/package.json',
        '/dist/main/index.cjs',
        '/dist/preload/index.cjs',
        '/dist/renderer/index.html',
        '/dist/renderer-server/first-view.cjs',
        '/dist/cli/main.cjs',
        '/bin/session-sync',
        '/assets/trayTemplate.png',
        '/assets/trayTemplate@2x.png',
      ]),
    );
    expect(app.filter((f) => /\.(?:map|tsx?)$/.test(f))).toEqual([]);
    expect(app.filter((f) => /\/(?:test|tests|fixtures|__tests__)(?:\/|$)/.test(f))).toEqual([]);
    expect(app.filter((f) => /^\/(?:electron|renderer|test|scripts)(?:\/|$)/.test(f))).toEqual([]);
    expect(packed.filter((f) => f.endsWith('.map'))).toEqual([]);
    // What must run as a real file sits unpacked beside the archive: the command-line launcher
    // (a link can only reach a real file) and the history worker (a thread starts from a file).
    const unpacked = join(work, 'out', 'linux-unpacked', 'resources', 'app.asar.unpacked');
    for (const file of ['bin/session-sync-app', 'dist/workers/history-load.cjs']) {
      expect(statSync(join(unpacked, file)).isFile(), file).toBe(true);
    }
    expect(statSync(join(unpacked, 'bin', 'session-sync-app')).mode & 0o111).not.toBe(0);
    // Packing copies the production node_modules into an asar: tens of seconds on a loaded
    // 2-core machine, so its limit is generous rather than a bet on an idle one.
  }, 300_000);
});
