import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimited } from '../../graphql/write-limits.js';

const DAY = 24 * 60 * 60;
// The memory store expires keys with setTimeout, which holds at most 2^31 ms (24.8 days): the
// recipe's 90-day window for consecutive failures becomes 7 days here.
const PAIR_WINDOW = 7 * DAY;
const KNOWN_FOR = 20 * DAY;

/** The limits, after rate-limiter-flexible's "Login endpoint protection" recipe (README, "Signing in"). */
export const LOGIN_LIMITS = {
  /** Consecutive failures for one name from one address, then that pair is blocked for an hour. */
  pairConsecutive: 10,
  pairBlockSeconds: 60 * 60,
  /**
   * Failures from one address across names within a short window, then the address is refused
   * for a short while: never longer than addressBlockSeconds for another account's password, and
   * never for an account that has signed in from this address (the long lockouts are the pair's
   * and the name's, which keep a guesser off the names it tried, not everyone behind its address).
   */
  addressPerWindow: 20,
  addressWindowSeconds: 15 * 60,
  addressBlockSeconds: 15 * 60,
  /** Failures for one name per day across all addresses (a distributed guess), then blocked for a day… */
  namePerDay: 100,
} as const;

export type LoginLimits = { readonly [K in keyof typeof LOGIN_LIMITS]: number };

export interface LoginLimiterOptions {
  /**
   * With a PostgreSQL pool, the counts live in its database (table rate_limits, created by a
   * migration), shared by every instance and worker on it; otherwise in this process's memory.
   */
  postgres?: QueryablePool;
  /** LOGIN_LIMITS unless given (tests shorten the windows). */
  limits?: LoginLimits;
}

/**
 * Login protection that neither leaks guesses nor locks people out:
 * - every attempt takes its points *before* the password is checked (rate-limiter-flexible's
 *   consume is atomic), so a burst of N concurrent guesses gets at most the limit checked;
 * - a success gives the points back and clears the name+address pair;
 * - neither the per-name nor the per-address cap applies to a name from an address it has signed
 *   in from in the last 20 days, so an attacker who trips them cannot lock the owner out;
 * - the per-address cap is short, so failures under made-up names refuse another account's first
 *   sign-in from that address for minutes, not days.
 * On PostgreSQL the state is in the database, shared by all instances; on SQLite, in memory.
 */
export class LoginLimiter {
  private readonly pair: RateLimiterAbstract;
  private readonly address: RateLimiterAbstract;
  private readonly name: RateLimiterAbstract;
  /** Name+address pairs that have signed in successfully in the last KNOWN_FOR. */
  private readonly known: RateLimiterAbstract;

  constructor(options: LoginLimiterOptions = {}) {
    const limits = options.limits ?? LOGIN_LIMITS;
    const store = options.postgres && unnamedStatements(options.postgres);
    // The four budgets share one table: one of them deletes the rows that expired over an hour
    // ago, every 5 minutes (ix_rate_limits_expire), so keys of past attackers do not pile up.
    let sweeper = true;
    const make = (budget: { keyPrefix: string; points: number; duration: number; blockDuration?: number }): RateLimiterAbstract => {
      if (!store) return new RateLimiterMemory(budget);
      const limiter = new RateLimiterPostgres({ ...budget, storeClient: store, storeType: 'pool', tableName: 'rate_limits', tableCreated: true, clearExpiredByTimeout: sweeper });
      sweeper = false;
      return limiter;
    };
    this.pair = make({ keyPrefix: 'login-pair', points: limits.pairConsecutive, duration: PAIR_WINDOW, blockDuration: limits.pairBlockSeconds });
    // Not 'login-ip': rows of the former day-long address budget must not keep refusing anyone.
    this.address = make({ keyPrefix: 'login-address', points: limits.addressPerWindow, duration: limits.addressWindowSeconds, blockDuration: limits.addressBlockSeconds });
    this.name = make({ keyPrefix: 'login-name', points: limits.namePerDay, duration: DAY, blockDuration: DAY });
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
    const taken: [RateLimiterAbstract, string][] = trusted
      ? [[this.pair, pairKey]]
      : [[this.pair, pairKey], [this.address, addressKey], [this.name, name]];
    const results = await Promise.allSettled(taken.map(([limiter, key]) => limiter.consume(key)));
    const refused = results.flatMap((r) => (r.status === 'rejected' && r.reason instanceof RateLimiterRes ? [r.reason] : []));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected' && !(r.reason instanceof RateLimiterRes));
    if (failed) throw failed.reason;
    if (refused.length) {
      throw rateLimited('failed sign-ins', Math.max(...refused.map((r) => r.msBeforeNext)));
    }
    return {
      succeeded: async () => {
        const given = trusted ? [] : [this.address.reward(addressKey, 1), this.name.reward(name, 1)];
        await Promise.all([this.pair.delete(pairKey), ...given, this.known.set(pairKey, 1, KNOWN_FOR)]);
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
