import { describe, expect, it } from 'vitest';
import { CRASH_WINDOW_MS, MAX_CRASHES, WorkerDeaths } from '../src/cluster-deaths.js';

describe('when the cluster primary replaces a dead worker, and when it gives up', () => {
  it('gives up at the first death before any worker was ready', () => {
    expect(new WorkerDeaths().died(60_000, 'port 80 is in use')).toEqual({ fatal: 'no worker could start: port 80 is in use' });
  });

  it('replaces workers with a doubling backoff, gives up after MAX_CRASHES crashes in a row, and forgets crashes once a worker lives', () => {
    const deaths = new WorkerDeaths();
    deaths.ready();
    expect(deaths.died(CRASH_WINDOW_MS, 'x')).toEqual({ restartInMs: 0 });
    const delays = Array.from({ length: MAX_CRASHES - 1 }, () => deaths.died(100, 'x'));
    expect(delays).toEqual([500, 1_000, 2_000, 4_000].map((restartInMs) => ({ restartInMs })));
    // A worker that lived past the window: the count starts again.
    expect(deaths.died(CRASH_WINDOW_MS + 1, 'x')).toEqual({ restartInMs: 0 });
    for (let i = 1; i < MAX_CRASHES; i++) expect(deaths.died(100, 'x')).toHaveProperty('restartInMs');
    expect(deaths.died(100, 'killed by SIGKILL')).toEqual({ fatal: `workers keep dying (${MAX_CRASHES} in a row within 10 s of their start), the last: killed by SIGKILL` });
  });
});
