import 'reflect-metadata';
import type http from 'node:http';
import type { MikroORM } from '@mikro-orm/sql';
import type { Logger } from 'pino';
import { openDatabase, prepareDatabase } from './app/database.js';
import { createHttp, listen } from './app/http.js';
import { createMetrics, serveMetrics } from './app/metrics.js';
import { createServices, openLimitStore, warnAboutSettings } from './app/services.js';
import type { AppConfig } from './config.js';
import type { SchemaOptions } from './graphql/schema.js';
import type { ReplicaSet } from './db/replicas.js';
import { createLogger } from './logger.js';
import { createViewerCache } from './modules/wiki/viewer-cache-setup.js';
import { createFeed, createListener } from './app/live.js';
import type { Listener } from './db/listener.js';
import { TableVersions } from './db/table-versions.js';
import type { LiveFeed } from './realtime/feed.js';
import type { ViewerCache } from './modules/wiki/viewer-cache.js';
import type { Metrics } from './observability/metrics.js';
import type { LiveEngine } from './realtime/engine.js';

export { prepareDatabase };

export interface BootstrapOptions {
  config: AppConfig;
  logger?: Logger;
  /** Apply pending migrations (and load the demo data) before serving (default true); a cluster's primary does it once for its workers. */
  migrate?: boolean;
  /** Port to listen on; 0 picks a free one (tests). Defaults to config.port. */
  port?: number;
  /** Address to listen on (default 127.0.0.1); server.ts passes config.host. */
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
  /** Subscriptions of this process (tests read how many are open). */
  live: LiveEngine;
  close(): Promise<void>;
}

/**
 * The only place that wires the service, step by step: database, migrations and demo data,
 * services, metrics, HTTP, listening. A step that fails closes what the earlier ones opened.
 */
export async function bootstrap(options: BootstrapOptions): Promise<App> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const host = options.host ?? '127.0.0.1';
  const db = await openDatabase(config, logger);
  const { orm, replicas } = db;
  let viewers: ViewerCache | undefined;
  let listener: Listener | undefined;
  let feed: LiveFeed | undefined;
  try {
    if (options.migrate ?? true) await prepareDatabase(orm, config, logger);
    replicas?.start();
    warnAboutSettings(config, logger);
    const limits = openLimitStore(config, logger, options.limitsInPrimary ?? false);
    // One listening session per process (PostgreSQL): account changes for the viewer cache, events for subscriptions.
    listener = config.database.dialect === 'postgresql' ? createListener(orm, config, logger) : undefined;
    viewers = listener && config.viewerCache.enabled ? createViewerCache(orm, listener) : undefined;
    feed = createFeed(orm, logger, listener);
    // HTTP caching: each table's version, moved by the same session's notifications (src/db/table-versions.ts).
    const tables = new TableVersions({ orm, logger, listener });
    await listener?.start();
    await feed.start();
    const events = feed;
    const committed = () => {
      events.committed();
      tables.committed();
    };
    const services = createServices(config, limits.store, viewers, { committed });
    const metrics = await createMetrics(config, db, viewers);
    const { server, apollo, health, live } = await createHttp(config, logger, db, services, metrics, { feed, limitStore: limits.store }, options.schema, tables);
    const url = await listen(server, options.port ?? config.port, host);
    const metricsServer = await serveMetrics(metrics, config, host, options.metricsPortInPrimary ?? false);
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        // Subscriptions first: each hears `complete`, each socket closes, then HTTP drains.
        await live.close();
        await apollo.stop();
        if (metricsServer) await new Promise((resolve) => metricsServer.close(resolve));
        health.close();
        await replicas?.stop();
        await limits.pool?.end();
        await feed?.stop();
        await listener?.stop();
        await orm.close();
      })());
    return { orm, server, url, logger, metrics, replicas, viewers, live: live.engine, close };
  } catch (error) {
    await feed?.stop();
    await listener?.stop();
    await replicas?.stop();
    await orm.close(true);
    throw error;
  }
}
