import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/sql';
import type { Logger } from 'pino';
import type { SqlStats } from './db/sql-stats.js';
import type { FieldPlans } from './loading/definitions.js';
import { RequestLoaders } from './loading/loaders.js';
import type { LoadingStrategy } from './loading/strategy.js';

/** Everything a resolver may use during one request; built fresh for each request. */
export interface Context {
  requestId: string;
  /** This request's unit of work: a fork, so identity maps never leak between requests. */
  em: EntityManager;
  logger: Logger;
  /** Relation, connection and aggregate loading for this request, by its strategy. */
  loaders: RequestLoaders;
  /** What each GraphQL field loads, for eager look-ahead. */
  plans: FieldPlans;
  /** SQL statements run so far by this request. */
  sql: SqlStats;
}

export interface ContextOptions {
  orm: MikroORM;
  logger: Logger;
  plans: FieldPlans;
  strategy: LoadingStrategy;
  sql: SqlStats;
}

export function createContext({ orm, logger, plans, strategy, sql }: ContextOptions): Context {
  const requestId = randomUUID();
  // Reads never write: nothing is flushed unless a mutation commits its own transaction.
  const em = orm.em.fork({ flushMode: 'commit' });
  return {
    requestId,
    em,
    logger: logger.child({ requestId }),
    loaders: new RequestLoaders(em, strategy),
    plans,
    sql,
  };
}
