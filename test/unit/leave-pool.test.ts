import { describe, expect, it } from 'vitest';
import { limiter, mapLimit } from '../../electron/core/leave/pool';

/** Work that ends when the test says so, counting how many run at once. */
function gate() {
  let running = 0;
  let most = 0;
  const ends: (() => void)[] = [];
  const work = () =>
    new Promise<number>((done) => {
      running++;
      most = Math.max(most, running);
      ends.push(() => {
        running--;
        done(running);
      });
    });
  return { work, ends, most: () => most, running: () => running };
}

const settle = () => new Promise((go) => setImmediate(go));

describe('limiter', () => {
  it('never runs more than its cap, also for work that starts while a slot frees', async () => {
    const g = gate();
    const slot = limiter(2);
    const first = [slot(g.work), slot(g.work), slot(g.work)];
    await settle();
    expect(g.running()).toBe(2);
    g.ends.shift()?.();
    // A newcomer arrives just as a slot frees (the next microtask, between the end of the work
    // and the waiter's turn): the waiter gets the slot, the newcomer waits.
    let late: Promise<number> = Promise.resolve(0);
    queueMicrotask(() => {
      late = slot(g.work);
    });
    await settle();
    expect(g.running()).toBe(2);
    while (g.ends.length) {
      g.ends.shift()?.();
      await settle();
    }
    await Promise.all([...first, late]);
    expect(g.most()).toBe(2);
  });
});

describe('mapLimit', () => {
  it('answers in input order', async () => {
    const got = await mapLimit([3, 1, 2], 2, async (n) => n * 10);
    expect(got).toEqual([30, 10, 20]);
  });
});
