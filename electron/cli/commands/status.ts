import { isAheadOfClock, latestNotAhead } from '../../shared/clock';
import { resolveContext } from '../../core/context';
import { UserError } from '../../core/errors';
import type { Checkpoint } from '../../core/checkpoint';
import { checkSyncDir } from '../../core/store/health';
import { loadHistory } from '../../core/store/load';
import { summarizeMachines } from '../../core/machines-summary';
import { gitTransportHealth, type GitTransportHealth } from '../../core/transport/health';
import type { Problem } from '../../core/problem';
import { parse } from '../args';
import { checkpointLines, folded, whenAndWhere } from '../checkpoint-view';
import { originNote } from '../origin';
import { painterFor, relativeTime } from '../output';
import { padEnd, print, printJson, render, t, type Safe } from '../terminal';

/** `session-sync status` */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } }, 'status');
  if (positionals.length) throw new UserError('status takes no arguments; see --help', 'usage');
  const ctx = await resolveContext();
  const health = await checkSyncDir(ctx.syncDir, ctx.host);
  const history = health.exists ? await loadHistory(ctx) : null;
  const checkpoints = history?.checkpoints ?? [];
  const machines = summarizeMachines(checkpoints, history?.machines ?? []).map((m) => ({
    ...m,
    thisMachine: m.id === ctx.machine.id,
  }));
  // A record dated more than a day ahead of this clock stays listed but is never the "last".
  const nowMs = ctx.now().getTime();
  const last: Checkpoint | null = latestNotAhead(checkpoints, nowMs);
  const lastHere =
    checkpoints.find((c) => c.machine.id === ctx.machine.id && !isAheadOfClock(c.at, nowMs)) ??
    null;
  const problems: Problem[] = history?.problems ?? [];
  const transport = ctx.gitRemote ? await gitTransportHealth(ctx, ctx.gitRemote) : null;
  if (values.json) {
    // A missing sync folder is the first problem a script should see, not an empty list.
    const missing: Problem[] = health.exists
      ? []
      : [{ kind: 'unreadable', path: '.', detail: health.detail ?? 'the sync folder is missing' }];
    printJson({
      machine: ctx.machine,
      machineNameSource: ctx.machineNameOrigin,
      syncDir: ctx.syncDir,
      syncDirSource: ctx.syncDirOrigin,
      syncKind: health.kind,
      exists: health.exists,
      writable: health.writable,
      checkpoints: checkpoints.length,
      machines,
      last,
      lastFromThisMachine: lastHere,
      problems: [...missing, ...problems],
      transport: transport ?? { kind: 'folder' },
    });
    return health.exists ? 0 : 1;
  }
  const p = painterFor('stdout');
  const now = ctx.now();
  const label = (text: string) => p.style(text.padEnd(13), 'dim');
  const out: Safe[] = [];
  out.push(
    t`${label('Machine')}${p.machine(ctx.machine.name, ctx.machine.id)} ${p.style(`(${ctx.machine.id})`, 'dim')}${originNote(ctx.machineNameOrigin, 'machineName')}`,
  );
  const state = health.detail
    ? p.style(`✗ ${health.detail}`, 'red')
    : p.style('✓ writable', 'green');
  out.push(
    t`${label('Sync folder')}${ctx.syncDir} ${p.style(`[${KIND_NAMES[health.kind]}]`, 'dim')}${originNote(ctx.syncDirOrigin, 'syncDir')}`,
  );
  out.push(t`${label('')}${state}`);
  if (transport) out.push(...transportLines(transport, now, label, p));
  out.push(
    t`${label('Checkpoints')}${checkpoints.length.toLocaleString('en-US')} from ${machines.length} ${machines.length === 1 ? 'machine' : 'machines'}`,
  );
  // Names are padded after sanitizing, so an escaped character counts as what is shown.
  const names = machines.map((m) => t`${m.name}`);
  const width = Math.max(...names.map((n) => [...render(n)].length), 0);
  for (const [i, m] of machines.entries()) {
    const seen = m.lastSeen ? `last seen ${relativeTime(m.lastSeen, now)}` : 'never seen';
    const count = `${m.checkpoints} ${m.checkpoints === 1 ? 'checkpoint' : 'checkpoints'}`;
    const here = m.thisMachine ? p.style(' (this machine)', 'dim') : t``;
    const name = p.machine(padEnd(names[i] ?? '', width), m.id);
    out.push(t`${label(i === 0 ? 'Machines' : '')}${name}  ${count} · ${seen}${here}`);
  }
  if (last) {
    out.push(t`${label('Last')}${whenAndWhere(last, now, ctx.machine.id, p)}`);
    out.push(...checkpointLines(last, p).map((l) => t`${label('')}${l}`));
  }
  if (lastHere && lastHere !== last) {
    out.push(
      t`${label('From here')}${relativeTime(lastHere.at, now)}: ${folded(lastHere.task.split('\n')[0] ?? '')}`,
    );
  }
  if (problems.length) {
    out.push(
      t`${label('Problems')}${p.style(`${problems.length} ${problems.length === 1 ? 'file' : 'files'} skipped`, 'yellow')}`,
    );
    for (const problem of problems.slice(0, 20)) {
      // Each field alone on its line's terms: a newline in a file name cannot start a new line.
      out.push(t`${label('')}${problem.kind}  ${problem.path}  ${p.style(problem.detail, 'dim')}`);
    }
    if (problems.length > 20)
      out.push(t`${label('')}… and ${problems.length - 20} more (--json lists all)`);
  } else if (health.exists) {
    out.push(t`${label('Problems')}none`);
  }
  print(...out);
  return health.exists ? 0 : 1;
}

function transportLines(
  h: GitTransportHealth,
  now: Date,
  label: (text: string) => Safe,
  p: ReturnType<typeof painterFor>,
): Safe[] {
  const when = (iso: string | null) => (iso ? relativeTime(iso, now) : 'never');
  const lines = [
    t`${label('Git remote')}${h.remote}${h.mode === 'branches' ? p.style(' (through branches: the host refuses custom refs)', 'dim') : ''}`,
    t`${label('')}last fetch ${when(h.lastFetch)} · last push ${when(h.lastPush)}`,
  ];
  const { count, oldest } = h.unpushed;
  lines.push(
    count === 0
      ? t`${label('')}${p.style('✓ every checkpoint of this machine is pushed', 'green')}`
      : t`${label('')}${p.style(`${count} ${count === 1 ? 'checkpoint' : 'checkpoints'} not pushed yet, oldest ${when(oldest)}`, 'yellow')}`,
  );
  if (h.lastError) lines.push(t`${label('')}${p.style(`✗ ${h.lastError.detail}`, 'red')}`);
  for (const problem of h.problems.slice(0, 20)) {
    lines.push(
      t`${label('')}${p.style('⚠', 'yellow')} ${problem.ref}: ${p.style(problem.detail, 'dim')}`,
    );
  }
  return lines;
}

const KIND_NAMES = {
  icloud: 'iCloud Drive',
  dropbox: 'Dropbox',
  onedrive: 'OneDrive',
  'google-drive': 'Google Drive',
  syncthing: 'Syncthing',
  local: 'local folder, not synced by a known service',
} as const;
