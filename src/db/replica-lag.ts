/**
 * A replica's lag measured against the primary's own WAL position, not the replica's clock.
 *
 * Each check first asks the primary how far its WAL is flushed (what a standby can have been sent)
 * and remembers that position with the time it was read here. A replica that has replayed up to
 * the newest position is not lagging. Otherwise its lag is the age of the oldest remembered position
 * it has not reached: a lower bound, exact to one check interval. A replica cut off from its primary
 * replays nothing more, so its lag grows with every check even though, by its own clock and its own
 * received position, it is "caught up" (the old measure: lag 0 for ever).
 */
export class PrimaryPositions {
  private readonly samples: { lsn: bigint; at: number }[] = [];

  /** `keepMs`: how long positions are remembered; a replica further behind reports at least that. */
  constructor(private readonly keepMs: number) {}

  /** The primary's flushed position as just read (`pg_current_wal_flush_lsn()`), at `at` (ms, monotonic). */
  record(lsn: bigint, at: number): void {
    const last = this.samples.at(-1);
    // An unchanged position keeps its first time: that is when it became the newest one.
    if (!last || lsn > last.lsn) this.samples.push({ lsn, at });
    // The newest position always stays: on an idle primary it is the one every replica must reach.
    while (this.samples.length > 1 && this.samples[0]!.at < at - this.keepMs) this.samples.shift();
  }

  /** Seconds behind for a replica that has replayed up to `replayed`, at `now`; null before any position is known. */
  lagSeconds(replayed: bigint, now: number): number | null {
    if (!this.samples.length) return null;
    const behind = this.samples.find((s) => s.lsn > replayed);
    return behind ? Math.max(0, now - behind.at) / 1000 : 0;
  }
}

/** A `pg_lsn` as text (`16/B374D848`) to a number that compares as WAL positions do. */
export function parseLsn(text: string): bigint {
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text);
  if (!match) throw new Error(`not a WAL position: ${text}`);
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}
