import { describe, expect, it } from 'vitest';
import { withPrefetch } from '../../renderer/lib/prefetch';
import { makeCheckpoint, makeOverview } from './fixtures';
import { createMockBridge } from './mock-bridge';

describe('withPrefetch', () => {
  it('asks once at start; the first call of each takes that answer, later ones ask again', async () => {
    const host = createMockBridge();
    const bridge = withPrefetch(host);
    expect(host.getOverview).toHaveBeenCalledTimes(1);
    expect(host.getLatest).toHaveBeenCalledTimes(1);
    await bridge.getOverview();
    await bridge.getLatest();
    expect(host.getOverview).toHaveBeenCalledTimes(1);
    expect(host.getLatest).toHaveBeenCalledTimes(1);
    await bridge.getLatest();
    expect(host.getLatest).toHaveBeenCalledTimes(2);
    // Both taken: it listens no more (the views subscribe themselves).
    expect(host.listenerCount('overview')).toBe(0);
    expect(host.listenerCount('history')).toBe(0);
  });

  it('a push before the views take the answers is not lost', async () => {
    const host = createMockBridge();
    const bridge = withPrefetch(host);
    const pushed = makeOverview({ machine: { id: 'ffffffffffffffff', name: 'renamed-mac' } });
    host.emit('overview', pushed);
    expect(await bridge.getOverview()).toBe(pushed);
    const landed = makeCheckpoint({ task: 'Landed while React loaded' });
    host.emit('history', { latest: landed, total: 51, from: null });
    // The prefetched getLatest is older than that push: the host is asked again.
    await bridge.getLatest();
    expect(host.getLatest).toHaveBeenCalledTimes(2);
    expect(host.listenerCount('overview')).toBe(0);
    expect(host.listenerCount('history')).toBe(0);
  });
});
