import type { Logger } from 'pino';
import type { Limiter, LimitStore } from '../graphql/limit-store.js';

/** How long a count lives in the shared store without a change (a crashed worker's counts go with it). */
const LEASE_SECONDS = 3_600;

/**
 * Open connections and subscriptions per client address, counted where the rate limits count
 * (limit-store.ts: PostgreSQL's rate_limits for every worker and host; a SQLite cluster's
 * primary), so that a cap holds however the client's connections spread. An opening consumes a
 * point, a closing gives it back. A count is a lease: a worker that dies without giving its points
 * back (SIGKILL) leaves them at most an hour. This process's own count is exact, and is the cap's
 * floor when the shared store cannot be reached.
 */
export class AddressCap {
  private readonly shared: Limiter;
  private readonly local = new Map<string, number>();
  private readonly returning = new Set<Promise<unknown>>();

  constructor(
    store: LimitStore,
    private readonly name: string,
    private readonly max: number,
    private readonly logger: Logger,
  ) {
    this.shared = store({ keyPrefix: `live-${name}`, points: max, duration: LEASE_SECONDS });
  }

  /** Takes one place for `address`; false when it has none left. */
  async take(address: string): Promise<boolean> {
    const here = this.local.get(address) ?? 0;
    if (here >= this.max) return false;
    try {
      await this.shared.consume(address, 1);
    } catch (error) {
      if (error instanceof Error) this.logger.warn({ err: error, cap: this.name }, 'live: the shared count could not be reached; counting this process only');
      else return false; // rate-limiter-flexible rejects with its result: no points left.
    }
    this.local.set(address, here + 1);
    return true;
  }

  /** Gives a place back. */
  give(address: string): void {
    const here = (this.local.get(address) ?? 1) - 1;
    if (here > 0) this.local.set(address, here);
    else this.local.delete(address);
    const returned = this.shared
      .reward(address, 1)
      .catch((error: unknown) => this.logger.warn({ err: error, cap: this.name }, 'live: could not give a place back to the shared count'))
      .finally(() => this.returning.delete(returned));
    this.returning.add(returned);
  }

  /** Resolves once every place given back has reached the shared count (before the process exits). */
  async settled(): Promise<void> {
    await Promise.all([...this.returning]);
  }
}
