import { describe, expect, it } from 'vitest';
import { parseLsn, PrimaryPositions } from '../../src/db/replica-lag.js';

describe("a replica's lag measured from the primary's positions", () => {
  it('reads pg_lsn text as positions that compare as WAL does', () => {
    expect(parseLsn('0/0')).toBe(0n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
    expect(() => parseLsn('16-B374')).toThrow('not a WAL position');
  });

  it('is zero for a replica at the newest position, and the age of the oldest position it lacks otherwise', () => {
    const p = new PrimaryPositions(60_000);
    expect(p.lagSeconds(0n, 0)).toBeNull();
    p.record(100n, 1_000);
    p.record(100n, 6_000); // an idle primary: the position keeps the time it was first seen
    expect(p.lagSeconds(100n, 6_000)).toBe(0);
    expect(p.lagSeconds(99n, 11_000)).toBe(10);
    p.record(200n, 11_000);
    expect(p.lagSeconds(100n, 11_000)).toBe(0);
    expect(p.lagSeconds(100n, 16_000)).toBe(5);
    expect(p.lagSeconds(250n, 16_000)).toBe(0);
  });

  it('forgets positions older than it keeps, but never the newest: a stuck replica still measures at least that long', () => {
    const p = new PrimaryPositions(10_000);
    for (let t = 0; t <= 60_000; t += 5_000) p.record(BigInt(t + 1), t);
    // Stuck at the very start: the oldest kept position is about 10 s old.
    expect(p.lagSeconds(0n, 60_000)).toBeGreaterThanOrEqual(10);
    const idle = new PrimaryPositions(10_000);
    idle.record(5n, 0);
    idle.record(5n, 60_000);
    expect(idle.lagSeconds(4n, 60_000)).toBe(60);
  });
});
