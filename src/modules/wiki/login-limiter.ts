import { createHash } from 'node:crypto';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { memoryLimitStore, type Limiter, type LimitStore } from '../../graphql/limit-store.js';
import { rateLimited } from '../../graphql/write-limits.js';

const DAY = 24 * 60 * 60;
// The memory stores (this process's, or a cluster primary's) expire keys with setTimeout, which
// holds at most 2^31 ms (24.8 days): the recipe's 90-day window for consecutive failures becomes
// 7 days here.
const PAIR_WINDOW = 7 * DAY;
const KNOWN_FOR = 20 * DAY;

/** The limits, after rate-limiter-flexible's "Login endpoint protection" recipe (docs/api.md, "Signing in"). */
export const LOGIN_LIMITS = {
  /**
   * Consecutive failures for one name from one address, then that pair is blocked for 15 minutes:
   * short, because behind a shared address (NAT, an untrusted proxy) the owner may be the one held up.
   */
  pairConsecutive: 10,
  pairBlockSeconds: 15 * 60,
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
   * Where the counts live (src/graphql/limit-store.ts): PostgreSQL's rate_limits, shared by every
   * instance; a cluster primary's memory, shared by its workers; this process's memory (default).
   */
  store?: LimitStore;
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
 * On PostgreSQL the state is in the database, shared by all instances; on SQLite, in the memory
 * of the cluster's primary (shared by its workers) or of the one process.
 */
export class LoginLimiter {
  private readonly pair: Limiter;
  private readonly address: Limiter;
  private readonly name: Limiter;
  /** Name+address pairs that have signed in successfully in the last KNOWN_FOR. */
  private readonly known: Limiter;

  constructor(options: LoginLimiterOptions = {}) {
    const limits = options.limits ?? LOGIN_LIMITS;
    const make = options.store ?? memoryLimitStore();
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
    const taken: [Limiter, string][] = trusted
      ? [[this.pair, pairKey]]
      : [
          [this.pair, pairKey],
          [this.address, addressKey],
          [this.name, name],
        ];
    // One budget after the other, narrowest first: an attempt one of them refuses is no attempt at
    // all, so it counts against none (the points already taken are given back). Counted everywhere
    // at once, attempts the pair had already refused filled the name's day-long budget from one
    // address in a second, locking the owner out everywhere for a day.
    for (let i = 0; i < taken.length; i++) {
      const [limiter, k] = taken[i]!;
      try {
        await limiter.consume(k);
      } catch (error) {
        await Promise.all(taken.slice(0, i).map(([earlier, ek]) => earlier.reward(ek, 1)));
        if (error instanceof RateLimiterRes) throw rateLimited('failed sign-ins', error.msBeforeNext);
        throw error;
      }
    }
    return {
      succeeded: async () => {
        const given = trusted ? [] : [this.address.reward(addressKey, 1), this.name.reward(name, 1)];
        // block: marks the pair known for KNOWN_FOR on every store (the cluster store has no `set`).
        await Promise.all([this.pair.delete(pairKey), ...given, this.known.block(pairKey, KNOWN_FOR)]);
      },
    };
  }
}

function key(...parts: string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}
