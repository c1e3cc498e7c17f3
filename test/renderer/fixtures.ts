// Realistic renderer fixtures, typed from the contract so a schema change breaks them loudly.
import type { Checkpoint, Overview } from '../../electron/shared/contract';

/** A fixed "now" for the renderer tests: Tue 21 Oct 2025, 15:00 local. */
export const NOW = new Date(2025, 9, 21, 15, 0, 0);

export const LOCAL = { id: 'studio-mac-1a2b', name: 'studio-mac' };
export const TRAVEL = { id: 'travel-air-9f8e', name: 'travel-air' };

/** A checkpoint saved two hours before NOW on travel-air, with a dirty, unpushed repo. */
export function makeCheckpoint(patch: Partial<Checkpoint> = {}): Checkpoint {
  return {
    v: 1,
    id: 'cp-1',
    at: new Date(NOW.getTime() - 2 * 3600_000).toISOString(),
    tz: 'Europe/Berlin',
    machine: TRAVEL,
    source: 'app',
    task: 'Wiring the tray popover',
    next: ['test on a second display'],
    repo: {
      name: 'webapp',
      path: '/Users/ana/code/webapp',
      remote: 'https://github.com/ana/webapp.git',
      branch: 'ui-polish',
      head: '3f2a9c1d0e5b6a7f8091a2b3c4d5e6f708192a3b',
      subject: 'Add tray icon',
      upstream: 'origin/ui-polish',
      ahead: 2,
      behind: 0,
      staged: 1,
      unstaged: 2,
      untracked: 0,
      conflicted: 0,
      stashes: 0,
    },
    tests: {
      command: 'npm test',
      exitCode: 0,
      durationMs: 4200,
      passed: 124,
      failed: 0,
      summary: '124 passed',
    },
    agent: null,
    ...patch,
  };
}

/** An overview of a set-up Electron host with a healthy iCloud folder. */
export function makeOverview(patch: Partial<Overview> = {}): Overview {
  const syncDir = '/Users/ana/Library/Mobile Documents/com~apple~CloudDocs/Session Sync';
  return {
    version: '0.1.0',
    platform: 'darwin',
    machine: LOCAL,
    syncDir,
    syncKind: 'icloud',
    setUp: true,
    health: { exists: true, writable: true, detail: null },
    settings: {
      machineName: LOCAL.name,
      syncDir,
      repos: ['/Users/ana/code/webapp'],
      launchAtLogin: false,
      shortcut: 'CommandOrControl+Shift+S',
      notifications: true,
      carryConversation: false,
      autoSave: true,
      sources: {
        machineName: { origin: 'settings', saved: LOCAL.name },
        syncDir: { origin: 'default', saved: null },
      },
    },
    machines: [
      { ...LOCAL, lastSeen: NOW.toISOString(), checkpoints: 10 },
      { ...TRAVEL, lastSeen: NOW.toISOString(), checkpoints: 12 },
    ],
    host: { kind: 'electron', canPickFolder: true, canLaunchAtLogin: true },
    ...patch,
  };
}

const BASE_REPO = makeCheckpoint().repo as NonNullable<Checkpoint['repo']>;

/** `count` checkpoints, newest first, one every 30 minutes, alternating machines and repos. */
export function makeHistory(count: number): Checkpoint[] {
  return Array.from({ length: count }, (_, i) =>
    makeCheckpoint({
      id: `h-${i}`,
      at: new Date(NOW.getTime() - (i + 1) * 30 * 60_000).toISOString(),
      machine: i % 2 === 0 ? LOCAL : TRAVEL,
      task: `Task number ${i}`,
      repo: { ...BASE_REPO, name: i % 3 === 0 ? 'api' : 'webapp' },
    }),
  );
}
