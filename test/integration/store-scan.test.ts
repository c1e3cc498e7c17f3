import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLatest } from '../../electron/core/store/latest';
import { loadHistory } from '../../electron/core/store/load';
import { scanSyncFolder } from '../../electron/core/store/scan';
import { seedMachineId } from '../../electron/core/machine';
import { bundleForChild } from '../helpers/bundle';
import { tempDir } from '../helpers/git-repo';
import { makeRecord, put, putRecord, recordRel } from '../helpers/records';

const M1 = 'aaaaaaaaaaaaaaaa';
const M2 = 'bbbbbbbbbbbbbbbb';

function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(join(d, e.name), r);
      else out.push(`${r}:${readFileSync(join(d, e.name)).toString('base64')}`);
    }
  };
  walk(dir, '');
  return out.sort();
}

describe('scanSyncFolder on hostile folders', () => {
  it('reads good records, reports every bad file by kind, and changes nothing', () => {
    const sync = tempDir();
    const good = makeRecord({ machine: { id: M1, name: 'studio-mac' } });
    const other = makeRecord({
      machine: { id: M2, name: 'travel-air' },
      at: '2025-11-02T08:00:00.000Z',
    });
    putRecord(sync, good);
    const otherRel = putRecord(sync, other);
    const month = `machines/${M1}/checkpoints/2025-10`;
    const bad = (name: string) => `${month}/20251021T103000000Z-${name}.json`;
    put(sync, bad('trunc'), JSON.stringify(makeRecord()).slice(0, 40));
    put(sync, bad('garbage'), Buffer.from([0xff, 0x00, 0x13, 0x37, 0x1b, 0x5b]));
    put(sync, bad('huge'), 'x'.repeat(2 * 1024 * 1024));
    put(
      sync,
      bad('schema'),
      JSON.stringify({ ...makeRecord(), id: 'schema', task: { evil: true } }),
    );
    const future = { ...makeRecord({ at: '2025-10-21T10:30:00.000Z' }), id: 'future', v: 7 };
    put(sync, bad('future'), JSON.stringify(future));
    put(sync, `${month}/notes.txt`, 'hello');
    put(sync, `${month}/.${'x'.repeat(10)}.json.icloud`, 'stub');
    put(sync, `${month}/.20251021T103000000Z-abc.json.1-ff.tmp`, '{"half":');
    put(sync, `machines/${M1}/machine.json`, '{"id":"nope"');
    put(sync, 'machines/not a machine/x.json', '{}');
    put(sync, 'stray.txt', 'x');
    const before = snapshot(sync);

    const result = scanSyncFolder(sync, { detectDataless: true });
    expect(result.checkpoints.map((c) => c.id)).toEqual([other.id, good.id]);
    const kinds = Object.fromEntries(result.problems.map((p) => [p.path, p.kind]));
    expect(kinds).toEqual({
      [bad('trunc')]: 'bad-record',
      [bad('garbage')]: 'bad-record',
      [bad('huge')]: 'bad-record',
      [bad('schema')]: 'bad-record',
      [bad('future')]: 'future-version',
      [`${month}/notes.txt`]: 'unknown-file',
      [`${month}/.${'x'.repeat(10)}.json.icloud`]: 'placeholder',
      [`machines/${M1}/machine.json`]: 'bad-record',
      'machines/not a machine': 'unknown-file',
      'stray.txt': 'unknown-file',
    });
    expect(result.problems.find((p) => p.kind === 'future-version')?.detail).toMatch(
      /update Session Sync/,
    );
    expect(snapshot(sync)).toEqual(before);
    expect(otherRel).toContain(M2);
  });

  it('merges conflict copies of every service by id and says what each one was', () => {
    const sync = tempDir();
    const record = makeRecord({ machine: { id: M1, name: 'studio-mac' } });
    const rel = putRecord(sync, record);
    const base = rel.slice(0, -'.json'.length);
    put(sync, `${base} 2.json`, JSON.stringify(record));
    put(sync, `${base} (Kip's conflicted copy 2025-10-21).json`, JSON.stringify(record));
    put(
      sync,
      `${base}.sync-conflict-20251021-103000-ABCDEFG.json`,
      JSON.stringify({ ...record, task: 'tampered' }),
    );
    put(sync, `${base}(1).json`, JSON.stringify(record));
    put(sync, `${base}_2.json`, JSON.stringify(record));
    // A whole month folder duplicated by iCloud, holding a record whose original is gone.
    const lonely = makeRecord({ machine: { id: M1, name: 'studio-mac' } });
    put(sync, recordRel(lonely).replace('/2025-10/', '/2025-10 2/'), JSON.stringify(lonely));

    const result = scanSyncFolder(sync);
    expect(result.checkpoints.map((c) => c.id).sort()).toEqual([record.id, lonely.id].sort());
    expect(result.checkpoints.find((c) => c.id === record.id)?.task).toBe(record.task);
    const copies = result.problems.filter((p) => p.kind === 'conflict-copy');
    expect(copies).toHaveLength(6);
    expect(copies.find((p) => p.path.includes('sync-conflict'))?.detail).toMatch(
      /Syncthing .*differs/,
    );
    expect(copies.find((p) => p.path.includes('2025-10 2'))?.detail).toMatch(/original is missing/);
    expect(copies.filter((p) => /same checkpoint/.test(p.detail))).toHaveLength(4);
  });

  it('reports dataless files as placeholders without reading them', () => {
    const sync = tempDir();
    const record = makeRecord({ machine: { id: M1, name: 'studio-mac' } });
    const rel = recordRel(record);
    put(sync, rel, '');
    truncateSync(join(sync, rel), 900); // sparse: size > 0, no blocks, like an evicted iCloud file
    const result = scanSyncFolder(sync, { detectDataless: true });
    expect(result.problems).toEqual([
      { kind: 'placeholder', path: rel, detail: 'not downloaded yet (dataless file)' },
    ]);
    expect(findLatest(sync, { detectDataless: true }).problems[0]?.kind).toBe('placeholder');
  });

  it('does not follow symbolic links or read special files', () => {
    const sync = tempDir();
    const month = `machines/${M1}/checkpoints/2025-10`;
    mkdirSync(join(sync, month), { recursive: true });
    execFileSync('ln', ['-s', '/etc/passwd', join(sync, month, '20251021T103000000Z-link.json')]);
    execFileSync('mkfifo', [join(sync, month, '20251021T103000000Z-fifo.json')]);
    const result = scanSyncFolder(sync);
    expect(result.problems.map((p) => p.kind)).toEqual(['unknown-file', 'unknown-file']);
  });

  it('reports a file it may not read as unreadable', async () => {
    const sync = tempDir();
    const record = makeRecord({ machine: { id: M1, name: 'studio-mac' } });
    const rel = putRecord(sync, record);
    chmodSync(join(sync, rel), 0o000);
    if (process.getuid?.() === 0) {
      // Root reads anything; run the scan as nobody to get a real EACCES.
      for (const dir of [sync, ...parents(sync, rel)]) chmodSync(dir, 0o755);
      const script = `import(${JSON.stringify(await bundleForChild('electron/core/store/scan.ts'))}).then((m) => process.stdout.write(JSON.stringify(m.scanSyncFolder(${JSON.stringify(sync)}).problems)))`;
      const out = execFileSync(
        'setpriv',
        [
          '--reuid=65534',
          '--regid=65534',
          '--clear-groups',
          process.execPath,
          '--input-type=module',
          '-e',
          script,
        ],
        { encoding: 'utf8' },
      );
      expect(JSON.parse(out)).toEqual([
        { kind: 'unreadable', path: rel, detail: 'cannot be read (EACCES)' },
      ]);
    } else {
      expect(scanSyncFolder(sync).problems).toEqual([
        { kind: 'unreadable', path: rel, detail: 'cannot be read (EACCES)' },
      ]);
    }
  });

  it('keeps going when folders vanish and appear mid-scan', async () => {
    const sync = tempDir();
    for (let i = 0; i < 40; i++)
      putRecord(sync, makeRecord({ machine: { id: M1, name: 'studio-mac' } }));
    const churn = join(sync, 'machines', M2, 'checkpoints');
    const script = `const fs=require('fs');const end=Date.now()+1500;let i=0;while(Date.now()<end){const d=${JSON.stringify(churn)}+'/20'+String(10+(i++%80)).padStart(2,'0')+'-0'+(1+i%9);fs.mkdirSync(d,{recursive:true});fs.writeFileSync(d+'/20250101T000000000Z-x'+i+'.json','{');fs.rmSync(d,{recursive:true,force:true});}`;
    const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    const exited = new Promise((done) => child.on('exit', done));
    let scans = 0;
    while (child.exitCode === null && scans < 400) {
      const result = scanSyncFolder(sync);
      expect(result.checkpoints).toHaveLength(40);
      scans++;
      await new Promise((r) => setImmediate(r));
    }
    await exited;
    expect(scans).toBeGreaterThan(3);
  });
});

describe('local cache', () => {
  it('a warm load reads no file it has seen, and still sees new ones and removals', async () => {
    const sync = tempDir();
    const state = tempDir();
    const records = Array.from({ length: 30 }, (_, i) =>
      makeRecord({
        machine: { id: i % 2 ? M1 : M2, name: 'm' },
        at: new Date(Date.UTC(2025, i % 3, 1 + i)).toISOString(),
      }),
    );
    for (const r of records) putRecord(sync, r);
    const oldTime = (Date.now() - 60_000) / 1000;
    const ageFolders = () => {
      for (const m of [M1, M2]) {
        for (const month of readdirSync(join(sync, 'machines', m, 'checkpoints'))) {
          utimesSync(join(sync, 'machines', m, 'checkpoints', month), oldTime, oldTime);
        }
      }
    };
    ageFolders();
    const cold = await loadHistory({ syncDir: sync, stateDir: state });
    expect(cold.stats.filesRead).toBe(30);
    const warm = await loadHistory({ syncDir: sync, stateDir: state });
    expect(warm.stats).toMatchObject({ filesRead: 0, filesCached: 30, dirsListed: 0 });
    expect(warm.checkpoints).toEqual(cold.checkpoints);

    // A late file from an offline machine lands in an old month folder: its mtime changes.
    const late = makeRecord({ machine: { id: M1, name: 'm' }, at: '2025-01-15T00:00:00.000Z' });
    putRecord(sync, late);
    const after = await loadHistory({ syncDir: sync, stateDir: state });
    expect(after.stats.filesRead).toBe(1);
    expect(after.checkpoints.map((c) => c.id)).toContain(late.id);

    const first = records[0] as (typeof records)[number];
    rmSync(join(sync, recordRel(first)));
    const removed = await loadHistory({ syncDir: sync, stateDir: state });
    expect(removed.checkpoints.map((c) => c.id)).not.toContain(first.id);
  });

  it('does not trust a listing taken in the same tick as the folder changed', async () => {
    const sync = tempDir();
    const state = tempDir();
    putRecord(sync, makeRecord({ machine: { id: M1, name: 'm' } }));
    await loadHistory({ syncDir: sync, stateDir: state });
    // Same mtime as before (a write within the same timestamp tick): must still be found.
    const dir = join(sync, 'machines', M1, 'checkpoints', '2025-10');
    const { mtime } = await import('node:fs').then((fs) => fs.statSync(dir));
    putRecord(sync, makeRecord({ machine: { id: M1, name: 'm' } }));
    utimesSync(dir, mtime, mtime);
    expect((await loadHistory({ syncDir: sync, stateDir: state })).checkpoints).toHaveLength(2);
  });

  it('survives a corrupt cache file', async () => {
    const sync = tempDir();
    const state = tempDir();
    putRecord(sync, makeRecord({ machine: { id: M1, name: 'm' } }));
    await loadHistory({ syncDir: sync, stateDir: state });
    for (const f of readdirSync(join(state, 'cache')))
      writeFileSync(join(state, 'cache', f), '{"v":1,"dirs":');
    expect((await loadHistory({ syncDir: sync, stateDir: state })).checkpoints).toHaveLength(1);
  });
});

describe('findLatest', () => {
  it('finds the newest valid checkpoint overall and per machine, skipping bad newer files', () => {
    const sync = tempDir();
    const a = makeRecord({
      machine: { id: M1, name: 'studio-mac' },
      at: '2025-09-30T23:59:59.999Z',
    });
    const b = makeRecord({
      machine: { id: M2, name: 'travel-air' },
      at: '2025-10-01T00:00:00.000Z',
    });
    const old = makeRecord({
      machine: { id: M1, name: 'studio-mac' },
      at: '2024-01-01T00:00:00.000Z',
    });
    for (const r of [a, b, old]) putRecord(sync, r);
    put(sync, `machines/${M2}/checkpoints/2025-12/20251201T000000000Z-broken.json`, '{');
    expect(findLatest(sync).checkpoint?.id).toBe(b.id);
    expect(findLatest(sync).problems.map((p) => p.kind)).toEqual(['bad-record']);
    expect(findLatest(sync, { machineId: M1 }).checkpoint?.id).toBe(a.id);
    expect(findLatest(sync, { match: (c) => c.at < '2025-01-01' }).checkpoint?.id).toBe(old.id);
    expect(findLatest(join(sync, 'nope')).checkpoint).toBeNull();
  });
});

function parents(root: string, rel: string): string[] {
  const parts = rel.split('/').slice(0, -1);
  return parts.map((_, i) => join(root, ...parts.slice(0, i + 1)));
}

describe('cache file', () => {
  it('round-trips every field exactly', async () => {
    const sync = tempDir();
    const state = tempDir();
    const machine = { id: M1, name: 'studio-mac' };
    const repo = {
      name: 'webapp',
      path: '/Users/kip/code/webapp',
      remote: null,
      branch: null,
      head: null,
      subject: null,
      upstream: null,
      ahead: 0,
      behind: 3,
      staged: 1,
      unstaged: 2,
      untracked: 4,
      conflicted: 5,
      stashes: 6,
    };
    const records = [
      makeRecord({ machine, task: 'Grüße → 日本語 😀 \u2028 done', next: ['naïve café', ''] }),
      makeRecord({ machine, repo, source: 'app' }),
      makeRecord({
        machine,
        repo: { ...repo, head: 'a'.repeat(40), branch: 'main', remote: 'github.com/kip/webapp' },
        tests: {
          command: 'npm test',
          exitCode: 1,
          durationMs: 12,
          passed: 3,
          failed: 1,
          summary: '3 passed, 1 failed',
        },
        agent: {
          kind: 'claude-code',
          sessionId: '00000000-0000-4000-8000-000000000001',
          resume: 'claude --resume 00000000-0000-4000-8000-000000000001',
        },
      }),
      makeRecord({ machine: { id: seedMachineId('old-mac'), name: 'old-mac' }, source: 'import' }),
      makeRecord({
        machine,
        source: 'auto',
        agent: { kind: 'codex', sessionId: 's2', resume: 'codex resume s2' },
        agents: [
          { kind: 'codex', sessionId: 's2', resume: 'codex resume s2', cwd: '/c', title: 't' },
          { kind: 'some-new-agent', sessionId: 'x', resume: 'x', updatedAt: '2025-10-21' },
        ],
      }),
      makeRecord({ machine, source: 'from-the-future' }),
    ];
    for (const r of records) putRecord(sync, r, M1);
    const dir = join(sync, 'machines', M1, 'checkpoints', '2025-10');
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(dir, old, old);
    const cold = await loadHistory({ syncDir: sync, stateDir: state });
    const warm = await loadHistory({ syncDir: sync, stateDir: state });
    expect(warm.stats.filesCached).toBe(6);
    expect(warm.stats.filesRead).toBe(0);
    expect(warm.checkpoints).toEqual(cold.checkpoints);
    expect([...warm.checkpoints].sort((a, b) => a.task.localeCompare(b.task))).toEqual(
      [...records].sort((a, b) => a.task.localeCompare(b.task)),
    );
  });
});

describe('removeStaleTemps', () => {
  it('removes only old temp files of this machine', async () => {
    const { removeStaleTemps } = await import('../../electron/core/store/stale-temps');
    const sync = tempDir();
    const mine = `machines/${M1}/checkpoints/2025-10`;
    const old = put(sync, `${mine}/.20251021T103000000Z-x.json.123-abcdef01.tmp`, '{"half');
    const fresh = put(sync, `${mine}/.20251021T103000001Z-y.json.124-abcdef02.tmp`, '{"half');
    const other = put(sync, `machines/${M2}/checkpoints/2025-10/.z.json.9-abcdef03.tmp`, 'x');
    const top = put(sync, `.session-history.md.77-abcdef04.tmp`, 'x');
    const notOurs = put(sync, `${mine}/.something.tmp`, 'x');
    const hourAgo = (Date.now() - 2 * 3_600_000) / 1000;
    for (const f of [old, other, top, notOurs]) utimesSync(f, hourAgo, hourAgo);
    expect(removeStaleTemps(sync, M1)).toBe(2);
    const { existsSync } = await import('node:fs');
    expect([old, fresh, other, top, notOurs].map((f) => existsSync(f))).toEqual([
      false,
      true,
      true,
      false,
      true,
    ]);
  });
});
