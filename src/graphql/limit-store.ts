import { RateLimiterCluster, RateLimiterClusterMaster, RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** One budget: `points` per `duration` seconds per key; once spent, refused for `blockDuration` seconds when given. */
export interface Budget {
  keyPrefix: string;
  points: number;
  duration: number;
  blockDuration?: number;
}

/**
 * What the limits call on a budget. No `set`: the cluster store does not relay it (it throws
 * there); `block` is the forced write every store has.
 */
export type Limiter = Pick<RateLimiterAbstract, 'consume' | 'reward' | 'get' | 'delete' | 'block'>;

/**
 * Where every rate limit keeps its counts, chosen once at start-up (src/app.ts):
 * - PostgreSQL: the table rate_limits, shared by every instance and worker on the database;
 * - a node:cluster worker on SQLite: its primary's memory, shared by every worker of the host
 *   (rate-limiter-flexible's cluster store: each call is a message to the primary, which counts
 *   in one RateLimiterMemory per budget, so a consume stays atomic across workers);
 * - one process on SQLite: its own memory.
 * Counts in memory (this process's or the primary's) end with it.
 */
export type LimitStore = (budget: Budget) => Limiter;

export const memoryLimitStore = (): LimitStore => (budget) => new RateLimiterMemory(budget);

/** In a worker: the counts live in the primary, which must run `serveLimitsToWorkers` before forking it. */
export const clusterLimitStore = (): LimitStore => (budget) => new RateLimiterCluster({ ...budget, timeoutMs: 5_000 });

/** In the primary of a cluster: keeps the counts of its workers' cluster stores (one per host). */
export function serveLimitsToWorkers(): void {
  new RateLimiterClusterMaster();
}

/** The part of pg's Pool the store uses. */
export interface QueryablePool {
  query(config: { text: string; values?: unknown[]; name?: string }): Promise<unknown>;
}

/**
 * The table rate_limits (created by a migration). One of the budgets deletes the rows that
 * expired over an hour ago, every 5 minutes (ix_rate_limits_expire), so keys of past clients do
 * not pile up.
 */
export function postgresLimitStore(pool: QueryablePool): LimitStore {
  const storeClient = unnamedStatements(pool);
  let sweeper = true;
  return (budget) => {
    const limiter = new RateLimiterPostgres({ ...budget, storeClient, storeType: 'pool', tableName: 'rate_limits', tableCreated: true, clearExpiredByTimeout: sweeper });
    sweeper = false;
    return limiter;
  };
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
