import type { MikroORM } from '@mikro-orm/sql';
import type { Logger } from 'pino';
import { seedDemo } from '../../seeders/demo.js';
import type { AppConfig } from '../config.js';
import { openOrm } from '../db/orm.js';
import { reapDeadConnections } from '../db/pool-reaper.js';
import { ReplicaSet } from '../db/replicas.js';
import { pinoSqlLogger } from '../db/sql-log.js';
import { SqlStatementCounter } from '../db/sql-stats.js';
import { maintainViewPartitions } from '../modules/blog/view-partitions.js';
import type { PoolStats } from '../observability/metrics.js';

/** The ORM and what watches it: the per-request statement counter, the replicas, the primary's pool. */
export interface Database {
  orm: MikroORM;
  counter: SqlStatementCounter;
  /** The read replicas, when DATABASE_REPLICA_URLS names any (not started yet). */
  replicas?: ReplicaSet;
  /** The PostgreSQL pool's counts, once the pool exists; undefined on SQLite. */
  poolStats?: () => PoolStats | undefined;
}

/** The parts of pg's pool read here: what the reaper needs, and the counts the metrics show. */
type Pool = Parameters<typeof reapDeadConnections>[0] & { totalCount: number; idleCount: number; waitingCount: number };

/** Opens the ORM with the service's driver settings; the caller closes `orm` if a later step fails. */
export async function openDatabase(config: AppConfig, logger: Logger): Promise<Database> {
  const counter = new SqlStatementCounter();
  let pool: Pool | undefined;
  const statementTimeout = config.database.statementTimeoutMs ?? config.limits.timeoutMs;
  // Planner settings for this service's own sessions (a startup parameter: no statement, no round trip).
  const plannerOptions = config.database.randomPageCost === undefined ? {} : { options: `-c random_page_cost=${config.database.randomPageCost}` };
  const replicas = config.replicas.urls.length ? new ReplicaSet(config.replicas, config.database.url, logger, () => counter.current()) : undefined;
  const postgres = config.database.dialect === 'postgresql';
  const orm = await openOrm(config.database, {
    ...(replicas && {
      driver: replicas.driver(config.database.preparedStatements),
      // Their own driver options: the primary's would hand each replica's pool to the reaper and the metrics as if it were the primary's.
      replicas: config.replicas.urls.map((url, i) => ({
        name: `replica${i + 1}`,
        clientUrl: url,
        driverOptions: { statement_timeout: statementTimeout, connectionTimeoutMillis: 2_000, ...plannerOptions },
      })),
    }),
    onQuery: counter.onQuery,
    // SQL echo: every statement at debug level, through pino (only when that level is on).
    debug: logger.isLevelEnabled('debug') ? ['query'] : false,
    loggerFactory: pinoSqlLogger(logger, counter),
    driverOptions: postgres
      ? // PostgreSQL stops any one statement that outlives a request's whole time budget.
        {
          statement_timeout: statementTimeout,
          connectionTimeoutMillis: 5_000,
          ...plannerOptions,
          onPoolCreated: (created: Pool) => {
            pool = created;
            reapDeadConnections(created, logger);
          },
        }
      : // SQLite waits this long for another writer's lock (better-sqlite3 waits synchronously: keep it short).
        { timeout: config.sqliteBusyTimeoutMs },
  });
  const poolStats = postgres ? () => pool && { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : undefined;
  return { orm, counter, replicas, poolStats };
}

/** Pending migrations, then the demo data into an empty database (when configured): once per start. */
export async function prepareDatabase(orm: MikroORM, config: AppConfig, logger: Logger): Promise<void> {
  const applied = await orm.migrator.up();
  if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
  // PostgreSQL: page views' partitions for the coming months, so that no month's views land in the
  // default partition. Not a reason to refuse to start (a role that may not create tables, a lock
  // held by a long maintenance): views then go to the default partition, where nothing is lost.
  try {
    const partitions = await maintainViewPartitions(orm.em, { lockTimeoutMs: 5_000 });
    if (partitions.created.length) logger.info({ partitions: partitions.created }, 'created page-view partitions');
  } catch (error) {
    logger.error({ err: error }, "could not create the coming months' page-view partitions: new views go to the default partition until npm run db:maintain succeeds");
  }
  if (config.seedDemo) {
    const outcome = await seedDemo(orm.em, { withUsers: !config.production, bcryptRounds: config.bcryptRounds });
    if (outcome.seeded) logger.info({ rows: outcome.rows }, 'loaded the demo dataset into the empty database');
  }
}
