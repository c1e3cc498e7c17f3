/**
 * The Now card's recall of the last typed task under an automatic checkpoint: from the history in
 * memory, and from the sync folder's newest files when the history is not loaded yet (real files).
 */
import { describe, expect, it } from 'vitest';
import { lastTypedTask } from '../../electron/core/last-typed';
import type { Checkpoint } from '../../electron/core/checkpoint';
import { tempDir } from '../helpers/git-repo';
import { makeRecord, putRecord, repoSnapshot } from '../helpers/records';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 9, minute)).toISOString();
const air = { id: 'bbbbbbbbbbbbbbbb', name: 'travel-air' };

/** Newest first, as the history index holds it. */
function history(...records: Checkpoint[]): Checkpoint[] {
  return [...records].sort((a, b) => (a.at < b.at ? 1 : -1));
}

describe('the last typed task under an automatic checkpoint', () => {
  const typed = makeRecord({ at: at(1), task: 'Review the backoff', repo: repoSnapshot() });
  const agentTitled = makeRecord({
    at: at(5),
    source: 'auto',
    task: 'Fix the flaky upload test',
    machine: air,
  });

  it.each<[string, Checkpoint[], string | null]>([
    ['an automatic checkpoint with an agent title', [typed, agentTitled], 'Review the backoff'],
    [
      'an automatic checkpoint repeating the typed task',
      [typed, makeRecord({ at: at(5), source: 'auto', task: ' Review the backoff ' })],
      null,
    ],
    ['the newest is typed itself', [typed, makeRecord({ at: at(6), task: 'Later' })], null],
    [
      'a hook and another automatic save are not typed',
      [
        typed,
        makeRecord({ at: at(2), source: 'hook', task: 'Agent summary' }),
        makeRecord({ at: at(3), source: 'auto', task: 'Older auto' }),
        agentTitled,
      ],
      'Review the backoff',
    ],
    [
      'the newest typed wins, whichever machine',
      [
        typed,
        makeRecord({ at: at(4), source: 'app', task: 'Typed on the Air', machine: air }),
        agentTitled,
      ],
      'Typed on the Air',
    ],
    ['nothing typed at all', [agentTitled], null],
  ])('%s', (_name, records, expected) => {
    const list = history(...records);
    const latest = list[0] ?? null;
    // Both ways of finding it: the history in memory, and the folder's newest files.
    const syncDir = tempDir('last-typed-');
    for (const r of records) putRecord(syncDir, r);
    for (const found of [lastTypedTask(syncDir, latest, list), lastTypedTask(syncDir, latest)]) {
      expect(found?.task ?? null).toBe(expected);
    }
  });

  it('reads the folder when the history in memory is behind it (the latest not merged yet)', () => {
    const syncDir = tempDir('last-typed-behind-');
    for (const r of [typed, agentTitled]) putRecord(syncDir, r);
    // The history as loaded before either file landed: nothing typed in it.
    const behind = [makeRecord({ at: at(0), source: 'auto', task: 'Older auto' })];
    expect(lastTypedTask(syncDir, agentTitled, behind)?.task).toBe('Review the backoff');
  });

  it('says where and when it was typed', () => {
    expect(lastTypedTask('/nonexistent', agentTitled, [agentTitled, typed])).toEqual({
      id: typed.id,
      task: 'Review the backoff',
      at: at(1),
      machine: { id: 'aaaaaaaaaaaaaaaa', name: 'studio-mac' },
      repo: 'app',
    });
  });
});
