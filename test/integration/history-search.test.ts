// `log --grep` and the History view's search are one rule (core/history-query.ts): the same
// query finds the same checkpoints through the CLI and through the app host's index.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHistoryIndex } from '../../electron/host/history-index';
import { queryHistory } from '../../electron/core/history-query';
import { loadHistory } from '../../electron/core/store/load';
import { makeRecord, putRecord, repoSnapshot } from '../helpers/records';
import { M1, M2 } from '../helpers/sync-fixtures';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function syncFolder() {
  const root = mkdtempSync(join(tmpdir(), 'ss-search-'));
  roots.push(root);
  const place = { syncDir: join(root, 'sync'), stateDir: join(root, 'state') };
  const records = [
    makeRecord({
      id: 'by-subject',
      at: '2025-10-21T10:00:00.000Z',
      machine: { id: M1, name: 'studio-mac' },
      task: 'Wire the tray',
      repo: repoSnapshot({
        name: 'webapp',
        path: '/code/webapp',
        remote: 'github.com/kip/webapp',
        subject: 'Rework the Popover anchor',
      }),
    }),
    makeRecord({
      id: 'by-remote',
      at: '2025-10-22T10:00:00.000Z',
      machine: { id: M2, name: 'travel-air' },
      task: 'Fix login',
      repo: repoSnapshot({ name: 'api', path: '/code/api', remote: 'gitlab.example/ops/backend' }),
    }),
    makeRecord({
      id: 'by-task',
      at: '2025-10-20T10:00:00.000Z',
      machine: { id: M2, name: 'travel-air' },
      task: 'Sketch the popover copy',
    }),
  ];
  for (const record of records) putRecord(place.syncDir, record);
  return place;
}

describe('history search', () => {
  it('finds by commit subject and remote in the app exactly as log --grep does', async () => {
    const place = syncFolder();
    const index = createHistoryIndex(() => place);
    const { checkpoints } = await loadHistory(place);
    for (const text of [
      'popover',
      'backend',
      'gitlab.example/ops',
      'TRAY',
      '  login ',
      'nothing',
    ]) {
      const byLog = queryHistory(checkpoints, { text }).map((c) => c.id);
      const page = await index.query({ text, offset: 0, limit: 50 });
      expect(
        page.items.map((c) => c.id),
        text,
      ).toEqual(byLog);
      expect(page.total, text).toBe(byLog.length);
    }
    // The two the UI used to miss: a commit subject and a remote.
    expect(
      (await index.query({ text: 'anchor', offset: 0, limit: 5 })).items.map((c) => c.id),
    ).toEqual(['by-subject']);
    expect(
      (await index.query({ text: 'backend', offset: 0, limit: 5 })).items.map((c) => c.id),
    ).toEqual(['by-remote']);
  });
});
