import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimited } from '../../graphql/write-limits.js';

const DAY = 24 * 60 * 60;
// The memory store expires keys with setTimeout, which holds at most 2^31 ms (24.8 days): the
// recipe's 90-day window for consecutive failures becomes 7 days here.
const PAIR_WINDOW = 7 * DAY;
const KNOWN_FOR = 20 * DAY;

/** The limits, after rate-limiter-flexible's "Login endpoint protection" recipe. */
export const LOGIN_LIMITS = {
  /** Consecutive failures for one name from one address, then blocked for an hour. */
  pairConsecutive: 10,
  pairBlockSeconds: 60 * 60,
  /** Failures from one address per day, across names, then blocked for a day. */
  addressPerDay: 100,
  /** Failures for one name per day across all addresses (a distributed guess), then blocked for a day… */
  namePerDay: 100,
} as const;

/**
 * Login protection that neither leaks guesses nor locks people out:
 * - every attempt takes its points *before* the password is checked (rate-limiter-flexible's
 *   consume is atomic), so a burst of N concurrent guesses gets at most the limit checked;
 * - a success gives the points back and clears the name+address pair;
 * - the per-name cap does not apply from an address this account has signed in from in the last
 *   20 days, so an attacker who trips it from elsewhere cannot lock the owner out.
 * On PostgreSQL the state is in the database, shared by all instances; on SQLite, in memory.
 */
export class LoginLimiter {
  private readonly pair: RateLimiterAbstract;
  private readonly address: RateLimiterAbstract;
  private readonly name: RateLimiterAbstract;
  /** Name+address pairs that have signed in successfully in the last KNOWN_FOR. */
  private readonly known: RateLimiterAbstract;

  /**
   * With a PostgreSQL pool, the counts live in its database (table rate_limits, created by a
   * migration), shared by every instance and worker on it; otherwise in this process's memory.
   */
  constructor(postgres?: QueryablePool) {
    const store = postgres && unnamedStatements(postgres);
    // The four budgets share one table: one of them deletes the rows that expired over an hour
    // ago, every 5 minutes (ix_rate_limits_expire), so keys of past attackers do not pile up.
    let sweeper = true;
    const make = (options: { keyPrefix: string; points: number; duration: number; blockDuration?: number }): RateLimiterAbstract => {
      if (!store) return new RateLimiterMemory(options);
      const limiter = new RateLimiterPostgres({ ...options, storeClient: store, storeType: 'pool', tableName: 'rate_limits', tableCreated: true, clearExpiredByTimeout: sweeper });
      sweeper = false;
      return limiter;
    };
    this.pair = make({ keyPrefix: 'login-pair', points: LOGIN_LIMITS.pairConsecutive, duration: PAIR_WINDOW, blockDuration: LOGIN_LIMITS.pairBlockSeconds });
    this.address = make({ keyPrefix: 'login-ip', points: LOGIN_LIMITS.addressPerDay, duration: DAY, blockDuration: DAY });
    this.name = make({ keyPrefix: 'login-name', points: LOGIN_LIMITS.namePerDay, duration: DAY, blockDuration: DAY });
    this.known = make({ keyPrefix: 'login-known', points: 1, duration: KNOWN_FOR });
  }

  /**
   * Takes one attempt from every budget that applies, before any password check; throws
   * RATE_LIMITED when one is spent. Returns what to call with the outcome.
   */
  async attempt(rawName: string, address: string): Promise<{ succeeded(): Promise<void> }> {
    // Hashed: a key is short and plain whatever a client sends as a name (PostgreSQL's varchar
    // takes no NUL, and the store's key is at most 255 characters).
    const lower = rawName.toLowerCase();
    const name = key(lower);
    const pairKey = key(lower, address);
    const addressKey = key(address);
    const trusted = (await this.known.get(pairKey)) !== null;
    const taken: [RateLimiterAbstract, string][] = [
      [this.pair, pairKey],
      [this.address, addressKey],
      ...(trusted ? [] : ([[this.name, name]] as [RateLimiterAbstract, string][])),
    ];
    const results = await Promise.allSettled(taken.map(([limiter, key]) => limiter.consume(key)));
    const refused = results.flatMap((r) => (r.status === 'rejected' && r.reason instanceof RateLimiterRes ? [r.reason] : []));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected' && !(r.reason instanceof RateLimiterRes));
    if (failed) throw failed.reason;
    if (refused.length) {
      throw rateLimited('failed sign-ins', Math.max(...refused.map((r) => r.msBeforeNext)));
    }
    return {
      succeeded: async () => {
        await Promise.all([this.pair.delete(pairKey), this.address.reward(addressKey, 1), trusted ? undefined : this.name.reward(name, 1), this.known.set(pairKey, 1, KNOWN_FOR)]);
      },
    };
  }
}

function key(...parts: string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

/** The part of pg's Pool the store uses. */
interface QueryablePool {
  query(config: { text: string; values?: unknown[]; name?: string }): Promise<unknown>;
}

/**
 * The store names its statements (`rate_limits:rlflx-upsert`), which makes pg prepare them once
 * per server connection; behind PgBouncer in transaction mode, the next client on that server
 * connection finds the name taken ("prepared statement … already exists"). The same SQL without
 * a name is parsed per call and works behind any pooler.
 */
function unnamedStatements(pool: QueryablePool): QueryablePool {
  return { query: ({ name: _name, ...statement }) => pool.query(statement) };
}
