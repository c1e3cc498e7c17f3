// Writes N checkpoints from 8 machines into a sync folder, as those machines would have.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [syncDir, countArg] = process.argv.slice(2);
const count = Number(countArg);
const names = [
  'studio-mac',
  'travel-air',
  'linux-box',
  'office-imac',
  'home-mini',
  'lab-pc',
  'nas',
  'spare-air',
];
const repos = ['webapp', 'api', 'infra', 'docs'];
const end = Date.now() - 60_000;
for (let i = 0; i < count; i++) {
  const name = names[i % names.length];
  const id = createHash('sha256').update(name).digest('hex').slice(0, 16);
  const at = new Date(end - (count - i) * 3_600_000).toISOString();
  const rid = `${(i + 1).toString(16).padStart(8, '0')}-0000-4000-8000-${id.slice(0, 12)}`;
  const repo = repos[i % repos.length];
  const record = {
    v: 1,
    id: rid,
    at,
    tz: 'Europe/Berlin',
    machine: { id, name },
    source: 'cli',
    task: `Working on ${repo} item ${i}`,
    next: [],
    repo: {
      name: repo,
      path: `/code/${repo}`,
      remote: `github.com/kip/${repo}`,
      branch: 'main',
      head: createHash('sha1').update(String(i)).digest('hex'),
      subject: 'Add the tray icon',
      upstream: 'origin/main',
      ahead: 0,
      behind: 0,
      staged: 0,
      unstaged: 0,
      untracked: 0,
      conflicted: 0,
      stashes: 0,
    },
    tests: null,
    agent: null,
  };
  const dir = join(syncDir, 'machines', id, 'checkpoints', at.slice(0, 7));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${at.replace(/[-:.]/g, '')}-${rid}.json`), JSON.stringify(record));
}
