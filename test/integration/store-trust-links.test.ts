/**
 * The sync folder is untrusted: nothing under it is followed through a link, for reading or for
 * writing; folders that cannot be listed are reported; special and huge files are never read.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { carriedState, carryTranscript } from '../../electron/core/claude/carry';
import type { Problem } from '../../electron/core/problem';
import { regenerateHistory } from '../../electron/core/store/history-regen';
import { findLatest } from '../../electron/core/store/latest';
import { loadHistory } from '../../electron/core/store/load';
import { LINK_DETAIL } from '../../electron/core/store/read-file';
import { scanSyncFolder } from '../../electron/core/store/scan';
import { removeStaleTemps } from '../../electron/core/store/stale-temps';
import { writeCheckpoint, writeMachineInfo } from '../../electron/core/store/write';
import { bundleForChild } from '../helpers/bundle';
import { tempDir } from '../helpers/git-repo';
import { simulatedMachine } from '../helpers/machines';
import { makeRecord, put, putRecord, recordRel } from '../helpers/records';

const M1 = 'aaaaaaaaaaaaaaaa';
const M2 = 'bbbbbbbbbbbbbbbb';
const M3 = 'cccccccccccccccc';
const M4 = 'dddddddddddddddd';

/** Every file under `dir` (links as links) with its bytes: "nothing changed" is this being equal. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(join(d, e.name), r);
      else if (e.isSymbolicLink()) out.push(`${r} -> link`);
      else out.push(`${r}:${readFileSync(join(d, e.name)).toString('base64')}`);
    }
  };
  walk(dir, '');
  return out.sort();
}

const link = (p: Problem) => p.kind === 'unknown-file' && p.detail === LINK_DETAIL;

/** Month folders older than the racy-listing guard, so a second load trusts its cache. */
function ageFolders(sync: string): void {
  const old = (Date.now() - 60_000) / 1000;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
    }
    utimesSync(d, old, old);
  };
  walk(sync);
}

/**
 * A sync folder whose machine, checkpoints, month, conversations folders and files are links to
 * a folder outside it, each holding records that would be valid where they are linked in.
 */
function hostileSyncFolder() {
  const root = tempDir();
  const sync = join(root, 'sync');
  const outside = join(root, 'outside');
  mkdirSync(sync);
  const real = makeRecord({ machine: { id: M1, name: 'studio-mac' }, task: 'real work' });
  putRecord(sync, real);
  const secret = (id: string, at: string, task: string) =>
    makeRecord({ machine: { id, name: 'evil' }, at, task });
  // A whole machine folder elsewhere.
  const m2 = secret(M2, '2025-12-01T00:00:00.000Z', 'OUTSIDE machine folder');
  put(outside, `m2/${recordRel(m2).split('/').slice(2).join('/')}`, JSON.stringify(m2));
  put(outside, 'm2/machine.json', JSON.stringify({ id: M2, name: 'evil' }));
  symlinkSync(join(outside, 'm2'), join(sync, 'machines', M2));
  // A month folder of a real machine folder.
  const month = secret(M1, '2025-11-15T00:00:00.000Z', 'OUTSIDE month folder');
  put(outside, `month/${recordRel(month).split('/').pop()}`, JSON.stringify(month));
  symlinkSync(join(outside, 'month'), join(sync, 'machines', M1, 'checkpoints', '2025-11'));
  // A checkpoints folder.
  const checkpoints = secret(M3, '2025-11-20T00:00:00.000Z', 'OUTSIDE checkpoints folder');
  put(
    outside,
    `cps/2025-11/${recordRel(checkpoints).split('/').pop()}`,
    JSON.stringify(checkpoints),
  );
  mkdirSync(join(sync, 'machines', M3));
  symlinkSync(join(outside, 'cps'), join(sync, 'machines', M3, 'checkpoints'));
  // A single file, and a machine.json.
  const file = secret(M1, '2025-10-30T00:00:00.000Z', 'OUTSIDE file');
  put(outside, 'file.json', JSON.stringify(file));
  symlinkSync(join(outside, 'file.json'), join(sync, recordRel(file)));
  put(outside, 'machine.json', JSON.stringify({ id: M1, name: 'evil' }));
  symlinkSync(join(outside, 'machine.json'), join(sync, 'machines', M1, 'machine.json'));
  // Conversations: a linked folder, and a linked month folder inside a real one.
  put(outside, 'conv/2025-10/x.jsonl', '{"secret":1}\n');
  mkdirSync(join(sync, 'machines', M4));
  symlinkSync(join(outside, 'conv'), join(sync, 'machines', M4, 'conversations'));
  mkdirSync(join(sync, 'machines', M1, 'conversations'));
  symlinkSync(
    join(outside, 'conv', '2025-10'),
    join(sync, 'machines', M1, 'conversations', '2025-10'),
  );
  const links = [
    `machines/${M2}`,
    `machines/${M1}/checkpoints/2025-11`,
    `machines/${M3}/checkpoints`,
    recordRel(file),
    `machines/${M1}/machine.json`,
    `machines/${M4}/conversations`,
    `machines/${M1}/conversations/2025-10`,
  ].sort();
  return { root, sync, outside, real, links };
}

describe('no link under the sync folder is followed when reading', () => {
  it('the full scan reports every link and reads, lists and copies nothing behind it', async () => {
    const { root, sync, outside, real, links } = hostileSyncFolder();
    const before = snapshot(outside);
    const result = scanSyncFolder(sync);
    expect(result.checkpoints.map((c) => c.id)).toEqual([real.id]);
    expect(result.machines).toEqual([]);
    expect(result.problems.filter(link).map((p) => p.path)).toEqual(links);
    // Every problem is about a link: nothing behind one was listed (no outside file name shows).
    expect(result.problems.filter((p) => !link(p))).toEqual([]);
    expect(JSON.stringify(result)).not.toMatch(/OUTSIDE|x\.jsonl|file\.json/);

    // Cold and warm (cached) reads agree.
    ageFolders(sync);
    const state = join(root, 'state');
    const cold = await loadHistory({ syncDir: sync, stateDir: state });
    const warm = await loadHistory({ syncDir: sync, stateDir: state });
    expect(warm.stats.dirsCached).toBeGreaterThan(0);
    expect(warm.checkpoints).toEqual(cold.checkpoints);
    expect(warm.problems).toEqual(cold.problems);
    expect(cold.problems).toEqual(result.problems);

    // The derived session-history.md holds only what really is in the sync folder.
    await regenerateHistory({ syncDir: sync, stateDir: state });
    const history = readFileSync(join(sync, 'session-history.md'), 'utf8');
    expect(history).toContain('real work');
    expect(history).not.toContain('OUTSIDE');
    expect(snapshot(outside)).toEqual(before);
  });

  it('the latest-first lookup reports links and never takes a record from behind one', () => {
    const { sync, real, links } = hostileSyncFolder();
    const found = findLatest(sync);
    expect(found.checkpoint?.id).toBe(real.id);
    // Conversations are not looked at on this path; every link on its way is reported.
    const onTheWay = links.filter(
      (l) => !l.includes('conversations') && !l.endsWith('machine.json'),
    );
    expect(
      found.problems
        .filter(link)
        .map((p) => p.path)
        .sort(),
    ).toEqual(expect.arrayContaining(onTheWay));
    expect(JSON.stringify(found)).not.toContain('OUTSIDE');
    expect(findLatest(sync, { machineId: M2 }).checkpoint).toBeNull();
    expect(findLatest(sync, { machineId: M3 }).checkpoint).toBeNull();
  });

  it('a linked machines folder hides nothing and shows nothing', () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    mkdirSync(sync);
    const record = makeRecord({ machine: { id: M1, name: 'studio-mac' } });
    putRecord(join(root, 'elsewhere'), record);
    symlinkSync(join(root, 'elsewhere', 'machines'), join(sync, 'machines'));
    const expected = [{ kind: 'unknown-file', path: 'machines', detail: LINK_DETAIL }];
    expect(scanSyncFolder(sync)).toMatchObject({ checkpoints: [], problems: expected });
    expect(findLatest(sync)).toEqual({ checkpoint: null, problems: expected });
  });

  it('a carried conversation behind a link is refused, never read', () => {
    const { sync } = hostileSyncFolder();
    const viaMonth = { at: '2025-10-21T10:30:00.000Z', id: 'cp-1', machine: { id: M1, name: 'm' } };
    put(join(sync, '..', 'outside'), 'conv/2025-10/20251021T103000000Z-cp-1.jsonl', '{"a":1}\n');
    expect(carriedState(sync, viaMonth)).toMatchObject({
      kind: 'refused',
      detail: expect.stringContaining(`machines/${M1}/conversations/2025-10`),
    });
    const viaFolder = { ...viaMonth, machine: { id: M4, name: 'm' } };
    expect(carriedState(sync, viaFolder)).toMatchObject({ kind: 'refused' });
    // A linked file, in real folders.
    const own = { ...viaMonth, machine: { id: 'eeeeeeeeeeeeeeee', name: 'm' } };
    const dir = join(sync, 'machines', own.machine.id, 'conversations', '2025-10');
    mkdirSync(dir, { recursive: true });
    symlinkSync('/etc/passwd', join(dir, '20251021T103000000Z-cp-1.jsonl'));
    expect(carriedState(sync, own)).toMatchObject({ kind: 'refused' });
    execFileSync('rm', [join(dir, '20251021T103000000Z-cp-1.jsonl')]);
    writeFileSync(join(dir, '20251021T103000000Z-cp-1.jsonl'), '{"a":1}\n');
    expect(carriedState(sync, own)).toMatchObject({ kind: 'available', bytes: 8 });
  });
});

describe('writes check every folder on the way', () => {
  it('a linked own machine folder: save fails clearly and nothing lands outside', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    const outside = join(root, 'outside');
    mkdirSync(sync);
    mkdirSync(join(outside, 'checkpoints', '2025-10'), { recursive: true });
    const machine = simulatedMachine(root, sync, 'linked-mac');
    mkdirSync(join(sync, 'machines'));
    symlinkSync(outside, join(sync, 'machines', machine.id));
    // A temp file old enough for the clean-up, in the folder the link points to.
    const temp = join(outside, 'checkpoints', '2025-10', '.x.json.123-abcdef01.tmp');
    writeFileSync(temp, '{"half');
    const hourAgo = (Date.now() - 2 * 3_600_000) / 1000;
    utimesSync(temp, hourAgo, hourAgo);
    const before = snapshot(outside);

    const result = await machine.run(['save', 'Try to write through a link', '--no-git']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `machines/${machine.id} in the sync folder ${sync} is a symbolic link; refusing to write through it`,
    );
    expect(removeStaleTemps(sync, machine.id, Date.now())).toBe(0);
    expect(snapshot(outside)).toEqual(before);
  });

  it('a linked month, checkpoints, conversations or machines folder: every writer refuses', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    const outside = join(root, 'outside');
    mkdirSync(outside);
    const writer = { syncDir: sync, machine: { id: M1, name: 'studio-mac' }, version: '0.0.0' };
    const record = makeRecord({ machine: writer.machine, at: '2025-10-21T10:30:00.000Z' });
    const refused = /is a symbolic link; refusing to write through it/;
    const transcript = join(root, 'live.jsonl');
    writeFileSync(transcript, '{"a":1}\n');

    // machines/ itself.
    mkdirSync(sync);
    symlinkSync(outside, join(sync, 'machines'));
    await expect(writeCheckpoint(writer, record)).rejects.toThrow(refused);
    await expect(writeMachineInfo(writer, new Date())).rejects.toThrow(refused);
    await expect(carryTranscript(sync, record, transcript)).rejects.toThrow(refused);
    execFileSync('rm', [join(sync, 'machines')]);

    // The month folder, the checkpoints folder, the conversations folder.
    mkdirSync(join(sync, 'machines', M1, 'checkpoints'), { recursive: true });
    symlinkSync(outside, join(sync, 'machines', M1, 'checkpoints', '2025-10'));
    await expect(writeCheckpoint(writer, record)).rejects.toThrow(
      new RegExp(`machines/${M1}/checkpoints/2025-10 in the sync folder .*${refused.source}`),
    );
    execFileSync('rm', ['-r', join(sync, 'machines', M1, 'checkpoints')]);
    symlinkSync(outside, join(sync, 'machines', M1, 'checkpoints'));
    await expect(writeCheckpoint(writer, record)).rejects.toThrow(refused);
    symlinkSync(outside, join(sync, 'machines', M1, 'conversations'));
    await expect(carryTranscript(sync, record, transcript)).rejects.toThrow(refused);
    expect(readdirSync(outside)).toEqual([]);
    expect(removeStaleTemps(sync, M1)).toBe(0);

    // A file where a folder belongs is refused too; real folders are created one by one.
    execFileSync('rm', [join(sync, 'machines', M1, 'checkpoints')]);
    writeFileSync(join(sync, 'machines', M1, 'checkpoints'), 'not a folder');
    await expect(writeCheckpoint(writer, record)).rejects.toThrow(/is not a folder/);
    execFileSync('rm', [join(sync, 'machines', M1, 'checkpoints')]);
    execFileSync('rm', [join(sync, 'machines', M1, 'conversations')]);
    const path = await writeCheckpoint(writer, record);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(record);
    expect((await carryTranscript(sync, record, transcript)).bytes).toBe(8);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('never creates a missing sync folder', async () => {
    const root = tempDir();
    const writer = { syncDir: join(root, 'gone'), machine: { id: M1, name: 'm' }, version: '0' };
    await expect(writeCheckpoint(writer, makeRecord({ machine: writer.machine }))).rejects.toThrow(
      /sync folder .*gone is not there/,
    );
    expect(existsSync(join(root, 'gone'))).toBe(false);
  });
});

/** Runs `code` (an ES module body with `m` = the bundled module) as nobody when we are root. */
async function runBundled(entry: string, code: string, asNobody: boolean): Promise<unknown> {
  const script = `import(${JSON.stringify(await bundleForChild(entry))}).then((m) => { ${code} })`;
  const node = [process.execPath, '--input-type=module', '-e', script];
  const argv = asNobody
    ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', ...node]]
    : [node[0] as string, node.slice(1)];
  // The timeout only keeps a hang from blocking the whole run; nothing here is about speed.
  const out = spawnSync(argv[0] as string, argv[1] as string[], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(out.error).toBeUndefined();
  expect(out.stderr).toBe('');
  return JSON.parse(out.stdout);
}

describe('unreadable folders are reported, never silently empty', () => {
  it('a month folder and a machine folder that cannot be listed', async () => {
    const sync = tempDir();
    const open = makeRecord({ machine: { id: M1, name: 'studio-mac' } });
    putRecord(sync, open);
    const locked = makeRecord({
      machine: { id: M1, name: 'studio-mac' },
      at: '2025-11-01T00:00:00.000Z',
    });
    putRecord(sync, locked);
    putRecord(sync, makeRecord({ machine: { id: M2, name: 'travel-air' } }));
    const walk = (d: string) => {
      chmodSync(d, 0o755);
      for (const e of readdirSync(d, { withFileTypes: true }))
        if (e.isDirectory()) walk(join(d, e.name));
    };
    walk(sync);
    chmodSync(join(sync, 'machines', M1, 'checkpoints', '2025-11'), 0o000);
    chmodSync(join(sync, 'machines', M2), 0o000);
    // Root may list anything: as root, the readers run as nobody to meet a real EACCES.
    const asNobody = process.getuid?.() === 0;
    const expected = [
      {
        kind: 'unreadable',
        path: `machines/${M1}/checkpoints/2025-11`,
        detail: 'folder cannot be listed (EACCES)',
      },
      { kind: 'unreadable', path: `machines/${M2}`, detail: 'folder cannot be listed (EACCES)' },
    ];
    const scan = await runBundled(
      'electron/core/store/scan.ts',
      `const r = m.scanSyncFolder(${JSON.stringify(sync)}); process.stdout.write(JSON.stringify({ n: r.checkpoints.length, problems: r.problems }))`,
      asNobody,
    );
    expect(scan).toEqual({ n: 1, problems: expected });
    // A warm scan an hour later (the month folder's mtime then trusted) still reports it.
    const warm = await runBundled(
      'electron/core/store/scan.ts',
      `const a = m.scanSyncFolder(${JSON.stringify(sync)}); const r = m.scanSyncFolder(${JSON.stringify(sync)}, { cache: a.cache, now: () => Date.now() + 3600000 }); process.stdout.write(JSON.stringify({ n: r.checkpoints.length, problems: r.problems }))`,
      asNobody,
    );
    expect(warm).toEqual({ n: 1, problems: expected });
    const latest = await runBundled(
      'electron/core/store/latest.ts',
      `const r = m.findLatest(${JSON.stringify(sync)}); process.stdout.write(JSON.stringify({ id: r.checkpoint?.id, problems: r.problems }))`,
      asNobody,
    );
    expect(latest).toEqual({ id: open.id, problems: expect.arrayContaining(expected) });
    expect((latest as { problems: Problem[] }).problems).toHaveLength(2);
    chmodSync(join(sync, 'machines', M1, 'checkpoints', '2025-11'), 0o755);
    chmodSync(join(sync, 'machines', M2), 0o755);
  });
});

describe('special and huge files are never read', () => {
  it('a FIFO, a device and a 400 MB sparse file at record paths: no hang, no big read', async () => {
    const sync = tempDir();
    const good = makeRecord({
      machine: { id: M1, name: 'studio-mac' },
      at: '2025-10-01T00:00:00.000Z',
    });
    putRecord(sync, good);
    const month = `machines/${M1}/checkpoints/2025-10`;
    const fifo = `${month}/20251031T000000000Z-fifo.json`;
    const huge = `${month}/20251030T000000000Z-huge.json`;
    execFileSync('mkfifo', [join(sync, fifo)]);
    execFileSync('mkfifo', [join(sync, 'machines', M1, 'machine.json')]);
    put(sync, huge, '');
    truncateSync(join(sync, huge), 400 * 1024 * 1024);
    put(sync, `machines/${M2}/machine.json`, '');
    truncateSync(join(sync, 'machines', M2, 'machine.json'), 400 * 1024 * 1024);
    expect(statSync(join(sync, huge)).size).toBe(400 * 1024 * 1024);
    const report = `const problems = []; const report = (kind, path, detail) => problems.push({ kind, path, detail });`;
    const memory = `rssMB: Math.round(process.resourceUsage().maxRSS / 1024)`;
    const scan = (await runBundled(
      'electron/core/store/scan.ts',
      `const r = m.scanSyncFolder(${JSON.stringify(sync)}, { detectDataless: false }); process.stdout.write(JSON.stringify({ ids: r.checkpoints.map((c) => c.id), problems: r.problems, ${memory} }))`,
      false,
    )) as { ids: string[]; problems: Problem[]; rssMB: number };
    expect(scan.ids).toEqual([good.id]);
    expect(scan.problems).toEqual([
      {
        kind: 'bad-record',
        path: huge,
        detail: `too large (${400 * 1024 * 1024} bytes); not read`,
      },
      { kind: 'unknown-file', path: fifo, detail: 'not a file' },
      { kind: 'unknown-file', path: `machines/${M1}/machine.json`, detail: 'not a file' },
      {
        kind: 'bad-record',
        path: `machines/${M2}/machine.json`,
        detail: `too large (${400 * 1024 * 1024} bytes); not read`,
      },
    ]);
    // Nothing near 400 MB was ever allocated.
    expect(scan.rssMB).toBeLessThan(200);
    const latest = (await runBundled(
      'electron/core/store/latest.ts',
      `const r = m.findLatest(${JSON.stringify(sync)}, { detectDataless: false }); process.stdout.write(JSON.stringify({ id: r.checkpoint?.id, problems: r.problems, ${memory} }))`,
      false,
    )) as { id: string; problems: Problem[]; rssMB: number };
    expect(latest.id).toBe(good.id);
    expect(latest.problems.map((p) => [p.kind, p.path])).toEqual([
      ['unknown-file', fifo],
      ['bad-record', huge],
    ]);
    expect(latest.rssMB).toBeLessThan(200);
    // The reader itself refuses them too, whoever calls it (a FIFO opened without O_NONBLOCK hangs).
    const direct = await runBundled(
      'electron/core/store/read-file.ts',
      `${report} const o = { detectDataless: false, report }; const texts = [${JSON.stringify(join(sync, fifo))}, '/dev/zero', ${JSON.stringify(join(sync, huge))}].map((p, i) => m.readSmallFile(p, 'f' + i, o)); process.stdout.write(JSON.stringify({ texts, problems }))`,
      false,
    );
    expect(direct).toEqual({
      texts: [null, null, null],
      problems: [
        { kind: 'unknown-file', path: 'f0', detail: 'not a file' },
        { kind: 'unknown-file', path: 'f1', detail: 'not a file' },
        {
          kind: 'bad-record',
          path: 'f2',
          detail: `too large (${400 * 1024 * 1024} bytes); not read`,
        },
      ],
    });
  });
});
