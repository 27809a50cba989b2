import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError, ErrorCode } from '../../graphql/errors.js';

/**
 * Failed logins are limited per user name (guessing one account's password) and per client
 * address (trying many accounts). Successful logins clear the name's count.
 */
export class LoginLimiter {
  private readonly byName = new RateLimiterMemory({ keyPrefix: 'login-name', points: 5, duration: 15 * 60 });
  private readonly byAddress = new RateLimiterMemory({ keyPrefix: 'login-ip', points: 30, duration: 15 * 60 });

  /** Throws RATE_LIMITED when either budget is exhausted, before any password is checked. */
  async check(name: string, address: string): Promise<void> {
    const [n, a] = await Promise.all([this.byName.get(name.toLowerCase()), this.byAddress.get(address)]);
    const blocked = [n && n.consumedPoints >= 5 ? n : null, a && a.consumedPoints >= 30 ? a : null].filter((r): r is RateLimiterRes => r !== null);
    if (blocked.length) {
      const retryAfter = Math.ceil(Math.max(...blocked.map((r) => r.msBeforeNext)) / 1000);
      throw new AppError(ErrorCode.RATE_LIMITED, `Too many failed logins: try again in ${retryAfter} seconds`, { retryAfterSeconds: retryAfter });
    }
  }

  async failed(name: string, address: string): Promise<void> {
    await Promise.all([this.byName.penalty(name.toLowerCase()), this.byAddress.penalty(address)]);
  }

  async succeeded(name: string): Promise<void> {
    await this.byName.delete(name.toLowerCase());
  }
}
