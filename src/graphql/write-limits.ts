import { RateLimiterRes } from 'rate-limiter-flexible';
import { AppError, ErrorCode } from '../errors.js';
import { memoryLimitStore, type Limiter, type LimitStore } from './limit-store.js';

/** RATE_LIMITED for a client that must wait `msBeforeNext`, with the seconds to wait (at least 1). */
export function rateLimited(what: string, msBeforeNext: number): AppError {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new AppError(ErrorCode.RATE_LIMITED, `Too many ${what}: try again in ${retryAfter} seconds`, { retryAfterSeconds: retryAfter });
}

/** A per-key budget for a public write: `take` spends one point or throws RATE_LIMITED. */
export class WriteLimit {
  private readonly limiter: Limiter;

  constructor(
    store: LimitStore,
    private readonly what: string,
    budget: { keyPrefix: string; points: number; perSeconds: number },
  ) {
    this.limiter = store({ keyPrefix: budget.keyPrefix, points: budget.points, duration: budget.perSeconds });
  }

  async take(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      throw rateLimited(`${this.what} from this address`, error.msBeforeNext);
    }
  }
}

/**
 * Budgets of the writes anonymous clients may make, per client address (login has its own:
 * LoginLimiter), counted in `store` (src/graphql/limit-store.ts): shared by every worker and, on
 * PostgreSQL, every instance.
 */
export function createWriteLimits(store: LimitStore = memoryLimitStore()) {
  return { pageViews: new WriteLimit(store, 'page views', { keyPrefix: 'page-views', points: 60, perSeconds: 60 }) };
}
export type WriteLimits = ReturnType<typeof createWriteLimits>;
