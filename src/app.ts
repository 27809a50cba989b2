import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@mikro-orm/sql';
import express from 'express';
import pg from 'pg';
import type { Logger } from 'pino';
import { seedDemo } from '../seeders/demo.js';
import { maintainViewPartitions } from './modules/blog/view-partitions.js';
import type { AppConfig } from './config.js';
import { createContext, type Services } from './context.js';
import { createApollo } from './graphql/apollo.js';
import { createHttpServer, mountRoutes } from './http/server.js';
import { authenticate } from './graphql/auth.js';
import { LoginLimiter } from './modules/wiki/login-limiter.js';
import { PasswordHasher } from './modules/wiki/passwords.js';
import { passwordPolicy } from './modules/wiki/password-policy.js';
import { createWriteLimits } from './graphql/write-limits.js';
import { clusterLimitStore, memoryLimitStore, postgresLimitStore } from './graphql/limit-store.js';
import { TokenService } from './modules/wiki/tokens.js';
import { startViewerCache } from './modules/wiki/viewer-cache-setup.js';
import type { ViewerCache } from './modules/wiki/viewer-cache.js';
import { openOrm } from './db/orm.js';
import { SqlStatementCounter } from './db/sql-stats.js';
import { reapDeadConnections } from './db/pool-reaper.js';
import { healthCheck } from './db/health.js';
import { ReplicaSet } from './db/replicas.js';
import { pinoSqlLogger } from './db/sql-log.js';
import { strategyFromHeader } from './loading/strategy.js';
import { applyRequestedStrategy } from './graphql/strategy-policy.js';
import { fieldPlans, type SchemaOptions } from './graphql/schema.js';
import { createLogger } from './logger.js';
import { Metrics } from './observability/metrics.js';
import { knownOperationNames } from './observability/operation-names.js';
import { fromRegistry, listenMetrics } from './observability/metrics-http.js';
import { listenOn } from './startup-errors.js';

export interface BootstrapOptions {
  config: AppConfig;
  logger?: Logger;
  /** Apply pending migrations (and load the demo data) before serving (default true); a cluster's primary does it once for its workers. */
  migrate?: boolean;
  /** Port to listen on; 0 picks a free one (tests). Defaults to config.port. */
  port?: number;
  host?: string;
  /** A cluster worker: its primary serves METRICS_PORT with every worker's metrics. */
  metricsPortInPrimary?: boolean;
  /** A cluster worker: on SQLite its rate limits count in its primary, shared by all workers (src/graphql/limit-store.ts). */
  limitsInPrimary?: boolean;
  /** How the schema is built beyond the service's own resolvers (tests). */
  schema?: SchemaOptions;
}

export interface App {
  orm: MikroORM;
  server: http.Server;
  url: string;
  logger: Logger;
  metrics?: Metrics;
  /** The read replicas, when DATABASE_REPLICA_URLS names any. */
  replicas?: ReplicaSet;
  /** The viewer cache (PostgreSQL with VIEWER_CACHE on). */
  viewers?: ViewerCache;
  close(): Promise<void>;
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

/** The only place that wires the service: ORM, migrations, demo data, schema, HTTP. */
export async function bootstrap(options: BootstrapOptions): Promise<App> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const counter = new SqlStatementCounter();
  let pool: (Parameters<typeof reapDeadConnections>[0] & { totalCount: number; idleCount: number; waitingCount: number }) | undefined;
  const statementTimeout = config.database.statementTimeoutMs ?? config.limits.timeoutMs;
  // Planner settings for this service's own sessions (a startup parameter: no statement, no round trip).
  const plannerOptions = config.database.randomPageCost === undefined ? {} : { options: `-c random_page_cost=${config.database.randomPageCost}` };
  const replicas = config.replicas.urls.length ? new ReplicaSet(config.replicas, config.database.url, logger, () => counter.current()?.replicaReads === true) : undefined;
  const orm = await openOrm(config.database, {
    ...(replicas && {
      driver: replicas.driver(config.database.preparedStatements),
      // Their own driver options: the primary's would hand each replica's pool to the reaper and the metrics as if it were the primary's.
      replicas: config.replicas.urls.map((url, i) => ({ name: `replica${i + 1}`, clientUrl: url, driverOptions: { statement_timeout: statementTimeout, connectionTimeoutMillis: 2_000, ...plannerOptions } })),
    }),
    onQuery: counter.onQuery,
    // SQL echo: every statement at debug level, through pino (only when that level is on).
    debug: logger.isLevelEnabled('debug') ? ['query'] : false,
    loggerFactory: pinoSqlLogger(logger, counter),
    driverOptions:
      config.database.dialect === 'postgresql'
        ? // PostgreSQL stops any one statement that outlives a request's whole time budget.
          { statement_timeout: statementTimeout, connectionTimeoutMillis: 5_000, ...plannerOptions, onPoolCreated: (created: NonNullable<typeof pool>) => {
              pool = created;
              reapDeadConnections(created, logger);
            } }
        : // SQLite waits this long for another writer's lock (better-sqlite3 waits synchronously: keep it short).
          { timeout: config.sqliteBusyTimeoutMs },
  });
  let viewers: ViewerCache | undefined;
  try {
    if (options.migrate ?? true) await prepareDatabase(orm, config, logger);
    replicas?.start();
    if (config.jwtSecretGenerated) {
      logger.warn('JWT_SECRET is not set: using a per-process secret, so tokens die with this process (never do this in production)');
    }
    if (config.production && config.trustProxy === true) {
      logger.warn("TRUST_PROXY=true believes every client's X-Forwarded-For: anyone can claim any address and step around the sign-in and write limits; list your proxies' addresses or ranges instead");
    }
    // A pool of its own: a login's transaction already holds one of the ORM's connections, and a
    // burst of logins waiting for a second one from the same pool would starve it.
    const limiterPool = config.database.dialect === 'postgresql' ? new pg.Pool({ connectionString: config.database.url, max: 4, connectionTimeoutMillis: 5_000 }) : undefined;
    limiterPool?.on('error', (error) => logger.warn({ err: error }, 'rate-limit store: connection error'));
    // Every limit counts where all the processes that serve this database see the same counts.
    const limitStore = limiterPool ? postgresLimitStore(limiterPool) : options.limitsInPrimary ? clusterLimitStore() : memoryLimitStore();
    viewers = config.database.dialect === 'postgresql' && config.viewerCache.enabled ? await startViewerCache(orm, config, logger) : undefined;
    const services: Services = {
      tokens: new TokenService(config.jwtSecret, config.jwtTtlSeconds),
      passwords: new PasswordHasher(config.bcryptRounds),
      limiter: new LoginLimiter({ store: limitStore }),
      passwordPolicy: passwordPolicy(config.production),
      writeLimits: createWriteLimits(limitStore),
      viewers,
    };
    const metrics = config.metrics.enabled
      ? new Metrics({
          pool: config.database.dialect === 'postgresql' ? () => pool && { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : undefined,
          replicas: replicas && (() => replicas.statuses),
          viewerCache: viewers,
          operations: knownOperationNames(),
        })
      : undefined;
    const app = express();
    const server = createHttpServer(app, config);
    const apollo = await createApollo(config, logger, server, metrics, options.schema);
    const health = healthCheck(orm, config.database, replicas, viewers);
    mountRoutes(app, {
      config,
      logger,
      apollo,
      counter,
      health,
      // On the public port only when no port of their own is configured.
      metrics: metrics && !config.metrics.port ? fromRegistry(metrics.registry) : undefined,
      context: async (req, res) => {
        const ctx = createContext({
          orm,
          logger,
          plans: fieldPlans,
          strategy: config.loadingStrategy,
          sql: counter.current() ?? { statements: 0 },
          auth: await authenticate(req.headers.authorization, services.tokens),
          clientAddress: req.ip ?? 'unknown',
          services,
          whenSent: (listener) => res.once('close', () => listener(res.statusCode)),
        });
        await applyRequestedStrategy(ctx, config.loadingStrategyHeader, strategyFromHeader(req.headers['x-loading-strategy']));
        return ctx;
      },
    });
    await listenOn('PORT', () => new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? config.port, options.host ?? '127.0.0.1', () => resolve());
    }));
    const { port } = server.address() as AddressInfo;
    const url = `http://${options.host ?? '127.0.0.1'}:${port}/graphql`;
    // A cluster worker leaves METRICS_PORT to its primary, which serves all workers' metrics there,
    // asking each worker for this registry.
    if (metrics && options.metricsPortInPrimary) metrics.answerPrimary();
    const metricsPort = config.metrics.port;
    const metricsServer = metrics && metricsPort !== undefined && !options.metricsPortInPrimary
      ? await listenOn('METRICS_PORT', () => listenMetrics(fromRegistry(metrics.registry), metricsPort, options.host ?? '127.0.0.1'))
      : undefined;
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        await apollo.stop();
        if (metricsServer) await new Promise((resolve) => metricsServer.close(resolve));
        health.close();
        await replicas?.stop();
        await limiterPool?.end();
        await viewers?.stop();
        await orm.close();
      })());
    return { orm, server, url, logger, metrics, replicas, viewers, close };
  } catch (error) {
    await viewers?.stop();
    await replicas?.stop();
    await orm.close(true);
    throw error;
  }
}
