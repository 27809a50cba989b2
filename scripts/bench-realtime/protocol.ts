/** What npm run bench:realtime's processes tell each other, and how deliveries are matched and timed. */

/** One subscriber's operation. */
export interface Spec {
  query: string;
  variables: Record<string, unknown>;
}

/** An event (its live_events id) and when it was announced, just before its commit (ms since the epoch: the machine's wall clock, one for every process). */
export type Answer = [event: number, at: number];

/** Now on the clock of Answer: the wall clock in milliseconds, to the microsecond. */
export const wallClock = (): number => performance.timeOrigin + performance.now();

export type ToChild = { type: 'open'; url: string; specs: Spec[] } | { type: 'window'; id: number } | { type: 'answers'; answers: Answer[] } | { type: 'stats' } | { type: 'close' };

export interface PoolStats {
  sockets: number;
  open: number;
  /** Subscribers that have received at least one event. */
  ready: number;
  delivered: number;
  /** Deliveries of events of the measured window. */
  windowDelivered: number;
  /** Deliveries whose event could not be recognized, or whose mutation never answered. */
  unmatched: number;
  closed: number;
  closeCodes: Record<string, number>;
  errors: string[];
  histogram: HistogramJSON;
  /** Per measured event: [event, its first delivery's latency, its last one's] in ms (where the time of an event goes: before its fan-out, or in it). */
  events: [event: number, first: number, last: number][];
}

export type FromChild = { type: 'opened'; acked: number; failed: number } | { type: 'stats'; stats: PoolStats };

const CURSOR = Buffer.from('"cursor":"');

/** The event a `next` message carries: the id in its `extensions.cursor` (base64url of "event:<id>"), read without parsing the JSON. */
export function eventId(message: Buffer): number | undefined {
  const at = message.indexOf(CURSOR);
  if (at < 0) return undefined;
  const start = at + CURSOR.length;
  const cursor = message.toString('latin1', start, message.indexOf(0x22, start));
  const id = Number(Buffer.from(cursor, 'base64url').toString('latin1').slice('event:'.length));
  return Number.isSafeInteger(id) ? id : undefined;
}

/** Price that stands for event `seq` (a product's price changes with every update). */
export const seqPrice = (seq: number): number => seq / 100;

export interface HistogramJSON {
  /** [bucket, count] pairs of the non-empty buckets. */
  buckets: [number, number][];
  negative: number;
  count: number;
  sum: number;
}

/** Latencies in 0.1 ms buckets up to 120 s (a slower one counts in the last); merged across processes. */
export class LatencyHistogram {
  static readonly STEP = 0.1;
  private readonly counts = new Uint32Array(1_200_000);
  negative = 0;
  count = 0;
  sum = 0;

  add(ms: number): void {
    if (ms < 0) this.negative++;
    const bucket = Math.min(this.counts.length - 1, Math.max(0, Math.floor(ms / LatencyHistogram.STEP)));
    this.counts[bucket]!++;
    this.count++;
    this.sum += Math.max(0, ms);
  }

  merge(other: HistogramJSON): void {
    for (const [bucket, n] of other.buckets) this.counts[bucket]! += n;
    this.negative += other.negative;
    this.count += other.count;
    this.sum += other.sum;
  }

  /** The latency below which a fraction `q` of the deliveries fall (the bucket's upper edge), in ms. */
  quantile(q: number): number | null {
    if (!this.count) return null;
    const rank = Math.ceil(q * this.count);
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.round((i + 1) * LatencyHistogram.STEP * 10) / 10;
    }
    return null;
  }

  toJSON(): HistogramJSON {
    const buckets: [number, number][] = [];
    this.counts.forEach((n, i) => {
      if (n) buckets.push([i, n]);
    });
    return { buckets, negative: this.negative, count: this.count, sum: this.sum };
  }
}
