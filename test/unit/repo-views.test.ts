/** The per-repo view files (electron/core/agents/repo-views.ts) on a real state folder. */
import { readdirSync, renameSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRepoViews } from '../../electron/core/agents/repo-views';
import { tempDir } from '../helpers/git-repo';

const files = (state: string) => readdirSync(join(state, 'agent-views')).sort();
const only = (names: string[]): string => {
  expect(names).toHaveLength(1);
  return names[0] ?? '';
};

describe('repo views', () => {
  it('keeps each repo’s views apart, writes only a change, and never believes another repo’s', async () => {
    const state = tempDir('views-unit-');
    const a = openRepoViews(state, '/Users/me/a');
    expect(a.get('codex')).toBeUndefined();
    a.set('codex', { n: 1 });
    await a.save();
    const fileA = only(files(state));
    expect(openRepoViews(state, '/Users/me/a').get('codex')).toEqual({ n: 1 });
    expect(openRepoViews(state, '/Users/me/b').get('codex')).toBeUndefined();

    // Setting the same view again writes nothing; forgetting it does.
    const again = openRepoViews(state, '/Users/me/a');
    again.set('codex', { n: 1 });
    utimesSync(join(state, 'agent-views', fileA), 1000, 1000);
    await again.save();
    expect(statSync(join(state, 'agent-views', fileA)).mtimeMs).toBe(1_000_000);
    again.set('codex', undefined);
    await again.save();
    expect(openRepoViews(state, '/Users/me/a').get('codex')).toBeUndefined();

    // A file under another repo's name (a collision, a copied folder) is not that repo's view.
    const b = openRepoViews(state, '/Users/me/b');
    b.set('opencode', { rows: [] });
    await b.save();
    const fileB = only(files(state).filter((f) => f !== fileA));
    renameSync(join(state, 'agent-views', fileB), join(state, 'agent-views', fileA));
    expect(openRepoViews(state, '/Users/me/a').get('opencode')).toBeUndefined();
  });

  it('keeps the views of the 64 repos written last', async () => {
    const state = tempDir('views-prune-');
    const seen = new Set<string>();
    for (let i = 0; i < 66; i++) {
      const views = openRepoViews(state, `/Users/me/repo-${i}`);
      views.set('copilot', { i });
      await views.save();
      // Written in order, with distinct times however coarse the file system's clock.
      const name = only(files(state).filter((f) => !seen.has(f)));
      seen.add(name);
      utimesSync(join(state, 'agent-views', name), 1_000_000 + i, 1_000_000 + i);
    }
    expect(files(state)).toHaveLength(64);
    expect(openRepoViews(state, '/Users/me/repo-0').get('copilot')).toBeUndefined();
    expect(openRepoViews(state, '/Users/me/repo-1').get('copilot')).toBeUndefined();
    expect(openRepoViews(state, '/Users/me/repo-2').get('copilot')).toEqual({ i: 2 });
    expect(openRepoViews(state, '/Users/me/repo-65').get('copilot')).toEqual({ i: 65 });
  });
});
