/** Synthetic data for the benchmarks: histories from several machines, repos of many files. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkpointFileName, monthOf, type Checkpoint } from '../electron/core/checkpoint';

const MACHINES = [
  'studio-mac',
  'travel-air',
  'linux-box',
  'office-imac',
  'home-mini',
  'lab-pc',
  'nas',
  'spare-air',
];
const REPOS = ['webapp', 'api', 'infra', 'docs', 'mobile', 'cli'];

/** A stable 16-hex machine id for a name. */
export function benchMachineId(name: string): string {
  return createHash('sha256').update(name).digest('hex').slice(0, 16);
}

/**
 * Writes `count` checkpoints from `machines` machines spread over `years` years, as the machines
 * themselves would have (one file per checkpoint, month folders).
 */
export function writeHistory(syncDir: string, count: number, machines = 8, years = 3): void {
  const end = Date.UTC(2026, 10, 1);
  const span = years * 365 * 86_400_000;
  const made = new Set<string>();
  for (let i = 0; i < count; i++) {
    const name = MACHINES[i % machines] as string;
    const at = new Date(end - span + Math.floor((span / count) * i) + (i % 997)).toISOString();
    const record = benchCheckpoint(i, name, at);
    const dir = join(syncDir, 'machines', record.machine.id, 'checkpoints', monthOf(at));
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(join(dir, checkpointFileName(record)), checkpointText(record));
  }
}

/** Checkpoint number `i` of a bench history, saved on machine `name` at `at`. */
export function benchCheckpoint(i: number, name: string, at: string): Checkpoint {
  const id = benchMachineId(name);
  const repo = REPOS[i % REPOS.length] as string;
  return {
    v: 1,
    id: `${(i + 1).toString(16).padStart(8, '0')}-0000-4000-8000-${id.slice(0, 12)}`,
    at,
    tz: 'Europe/Berlin',
    machine: { id, name },
    source: 'cli',
    task: `Working on ${repo} item ${i}: wiring the tray popover and its settings view`,
    next: i % 3 ? [] : ['test on a second display', 'write the README section'],
    repo: {
      name: repo,
      path: `/Users/kip/code/${repo}`,
      remote: `github.com/kip/${repo}`,
      branch: i % 5 ? 'main' : `feature-${i % 40}`,
      head: createHash('sha1').update(String(i)).digest('hex'),
      subject: 'Add the tray icon and its popover window',
      upstream: 'origin/main',
      ahead: i % 4,
      behind: 0,
      staged: i % 2,
      unstaged: i % 3,
      untracked: 0,
      conflicted: 0,
      stashes: 0,
    },
    tests: null,
    agent: null,
  };
}

/** A checkpoint file's text, as save writes it. */
export function checkpointText(record: Checkpoint): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

/** A committed git repo of about `files` files (in folders of 500), tracking a fake upstream. */
export function writeRepo(root: string, files: number): void {
  mkdirSync(root, { recursive: true });
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: root };
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: root, env, stdio: 'ignore', maxBuffer: 1 << 30 });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Bench');
  git('config', 'user.email', 'bench@example.invalid');
  for (let i = 0; i < files; i++) {
    const dir = join(root, 'src', `d${Math.floor(i / 500)}`);
    if (i % 500 === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `f${i}.ts`), `export const v${i} = ${i};\n`);
  }
  git('add', '-A');
  git('commit', '-q', '-m', 'Initial import');
  git('remote', 'add', 'origin', 'https://github.com/kip/bench.git');
  git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  git('branch', '-q', '--set-upstream-to=origin/main', 'main');
  writeFileSync(join(root, 'src', 'd0', 'f0.ts'), 'export const v0 = -1;\n');
  // A plain `status` (it may take the index lock) rewrites the index once every file is older
  // than it. Entries written in the same timestamp tick as the index are "racily clean" and would
  // be re-hashed by every later `status --no-optional-locks`, which never writes the index; a
  // user's real repo is not like that.
  sleepMs(1100);
  git('status', '--porcelain');
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Writes `count` Claude Code transcripts into `projects` (~/.claude/projects), one per session, in
 * the folder Claude Code names after the session's cwd: transcript `i` runs in `cwdOf(i)` and was
 * last written `ageSecondsOf(i)` seconds ago.
 */
export function writeClaudeTranscripts(
  projects: string,
  count: number,
  cwdOf: (i: number) => string,
  ageSecondsOf: (i: number) => number,
): void {
  const now = Date.now() / 1000;
  for (let i = 0; i < count; i++) {
    const cwd = cwdOf(i);
    const folder = join(projects, cwd.replace(/[^a-zA-Z0-9]/g, '-'));
    mkdirSync(folder, { recursive: true });
    const sessionId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const line = JSON.stringify({
      type: 'user',
      cwd,
      sessionId,
      isSidechain: false,
      message: { role: 'user', content: 'x'.repeat(400) },
    });
    const file = join(folder, `${sessionId}.jsonl`);
    writeFileSync(file, `${line}\n`.repeat(20));
    const when = now - ageSecondsOf(i);
    utimesSync(file, when, when);
  }
}
