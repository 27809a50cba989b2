import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
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
 * State is in this process's memory (several instances: see the README).
 */
export class LoginLimiter {
  private readonly pair = new RateLimiterMemory({ keyPrefix: 'login-pair', points: LOGIN_LIMITS.pairConsecutive, duration: PAIR_WINDOW, blockDuration: LOGIN_LIMITS.pairBlockSeconds });
  private readonly address = new RateLimiterMemory({ keyPrefix: 'login-ip', points: LOGIN_LIMITS.addressPerDay, duration: DAY, blockDuration: DAY });
  private readonly name = new RateLimiterMemory({ keyPrefix: 'login-name', points: LOGIN_LIMITS.namePerDay, duration: DAY, blockDuration: DAY });
  /** Name+address pairs that have signed in successfully in the last KNOWN_FOR. */
  private readonly known = new RateLimiterMemory({ keyPrefix: 'login-known', points: 1, duration: KNOWN_FOR });

  /**
   * Takes one attempt from every budget that applies, before any password check; throws
   * RATE_LIMITED when one is spent. Returns what to call with the outcome.
   */
  async attempt(rawName: string, address: string): Promise<{ succeeded(): Promise<void> }> {
    const name = rawName.toLowerCase();
    const pairKey = `${name}\u0000${address}`;
    const trusted = (await this.known.get(pairKey)) !== null;
    const taken: [RateLimiterMemory, string][] = [
      [this.pair, pairKey],
      [this.address, address],
      ...(trusted ? [] : ([[this.name, name]] as [RateLimiterMemory, string][])),
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
        await Promise.all([this.pair.delete(pairKey), this.address.reward(address, 1), trusted ? undefined : this.name.reward(name, 1), this.known.set(pairKey, 1, KNOWN_FOR)]);
      },
    };
  }
}
