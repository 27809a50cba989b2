import type http from 'node:http';
import type { MikroORM } from '@mikro-orm/sql';
import type { Express, RequestHandler } from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import proxyaddr from 'proxy-addr';
import type { AppConfig } from '../config.js';
import { createContext, type Services } from '../context.js';
import type { SqlStatementCounter } from '../db/sql-stats.js';
import { Listener } from '../db/listener.js';
import { formatLikeApollo } from '../graphql/apollo-errors.js';
import { authenticate } from '../graphql/auth.js';
import { createErrorFormatter } from '../graphql/errors.js';
import type { LimitStore } from '../graphql/limit-store.js';
import type { TrustedDocuments } from '../graphql/documents/manifest.js';
import { fieldPlans } from '../graphql/schema.js';
import { AddressCap } from '../realtime/caps.js';
import { LiveEngine } from '../realtime/engine.js';
import { LiveFeed } from '../realtime/feed.js';
import { prepareLive } from '../realtime/prepare.js';
import { eventStreams } from '../realtime/sse.js';
import { serveWebSockets } from '../realtime/ws.js';

/** The process's listening session (PostgreSQL): the viewer cache's and the live feed's notifications. */
export function createListener(orm: MikroORM, config: AppConfig, logger: Logger): Listener {
  return new Listener({
    listenUrl: config.viewerCache.listenUrl ?? config.database.url,
    // Through the service's own pool: what proves that notifications from other sessions arrive.
    notify: async (channel, payload) => {
      await orm.em.getConnection('write').execute('select pg_notify(?, ?)', [channel, payload]);
    },
    logger,
  });
}

export interface LiveServer {
  engine: LiveEngine;
  /** The event-stream requests of /graphql (graphql-sse), mounted before the HTTP routes. */
  eventStreams: RequestHandler;
  /** Completes every subscription and closes every WebSocket (SIGTERM). */
  close(): Promise<void>;
}

export interface LiveServerOptions {
  config: AppConfig;
  logger: Logger;
  orm: MikroORM;
  counter: SqlStatementCounter;
  services: Services;
  schema: GraphQLSchema;
  feed: LiveFeed;
  limitStore: LimitStore;
  server: http.Server;
  app: Express;
  /** The trusted documents (TRUSTED_DOCUMENTS): under `require` a subscription's text must be one of them. */
  documents: TrustedDocuments;
}

/** Subscriptions over graphql-ws and graphql-sse on /graphql, with the limits and error policy of queries. */
export function createLiveServer(options: LiveServerOptions): LiveServer {
  const { config, logger, orm, counter, services, schema, feed, limitStore, server, app, documents } = options;
  const format = createErrorFormatter(logger);
  const live = config.live;
  const subscriptions = new AddressCap(limitStore, 'subscriptions', live.subscriptionsPerAddress, logger);
  const engine = new LiveEngine({
    schema,
    feed,
    logger: logger.child({ component: 'live' }),
    limits: { cost: config.limits.cost, perConnection: live.subscriptionsPerConnection, queue: live.queue, behind: live.queue * 10 },
    perAddress: subscriptions,
    reportStatements: config.sqlStats,
    ...(config.trustedDocuments.mode === 'require' && { trustedOnly: { bypassRoles: config.trustedDocuments.bypassRoles } }),
    context: (auth, address) =>
      createContext({ orm, logger, plans: fieldPlans, strategy: config.loadingStrategy, sql: counter.current() ?? { statements: 0 }, auth, clientAddress: address, services }),
    budget: async (work) => {
      const stats = { statements: 0 };
      const value = await counter.run(
        async () => {
          const current = counter.current();
          try {
            return await work();
          } finally {
            stats.statements = current?.statements ?? 0;
          }
        },
        { statements: config.limits.statements, timeoutMs: config.limits.timeoutMs },
      );
      return { value, statements: stats.statements };
    },
    formatErrors: (errors) => formatLikeApollo(errors, format).errors.map((e) => new GraphQLError(e.message, { path: e.path, extensions: e.extensions })),
  });
  engine.start();
  const connections = new AddressCap(limitStore, 'connections', live.connectionsPerAddress, logger);
  const prepare = (payload: { query?: unknown; operationName?: unknown; variables?: unknown; extensions?: unknown }) =>
    prepareLive(schema, { ...config.limits, depth: config.queryDepthLimit }, documents, payload);
  const viewer = (header: string | undefined) => authenticate(header, services.tokens);
  const ws = serveWebSockets(server, {
    engine,
    logger,
    addressOf: (req) => proxyaddr(req, app.get('trust proxy fn') as (address: string, hop: number) => boolean),
    originAllowed: (origin) => origin === undefined || config.corsOrigins.includes('*') || config.corsOrigins.includes(origin),
    authenticate: viewer,
    prepare,
    perAddress: connections,
    idleTimeoutMs: live.idleTimeoutMs,
    flushIntervalMs: live.flushIntervalMs,
    // LIVE_QUEUE_LIMIT messages of up to 16 KiB each.
    maxBufferedBytes: live.queue * 16 * 1024,
  });
  return {
    engine,
    eventStreams: eventStreams({ engine, logger, authenticate: viewer, prepare, perAddress: connections }),
    close: async () => {
      await ws.close();
      // The places of every closed connection and subscription back in the shared count before the process exits.
      await Promise.all([connections.settled(), subscriptions.settled()]);
    },
  };
}

/** The feed of committed events for this process; started with the listener by bootstrap. */
export function createFeed(orm: MikroORM, logger: Logger, listener: Listener | undefined): LiveFeed {
  return new LiveFeed({ orm, logger: logger.child({ component: 'live' }), listener });
}
