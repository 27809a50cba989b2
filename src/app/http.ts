import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServer } from '@apollo/server';
import express from 'express';
import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import { createContext, type Context, type Services } from '../context.js';
import { healthCheck, type HealthCheck } from '../db/health.js';
import { createApollo } from '../graphql/apollo.js';
import { authenticate } from '../graphql/auth.js';
import { createSchema, fieldPlans, type SchemaOptions } from '../graphql/schema.js';
import { bundledChecks } from '../graphql/documents/bundled-checks.js';
import { loadTrustedDocuments } from '../graphql/documents/manifest.js';
import { createHttpServer, mountRoutes } from '../http/server.js';
import { strategyFromHeader } from '../loading/strategy.js';
import { applyRequestedStrategy } from '../graphql/strategy-policy.js';
import type { Metrics } from '../observability/metrics.js';
import { fromRegistry } from '../observability/metrics-http.js';
import { listenOn } from '../startup-errors.js';
import type { Database } from './database.js';
import { createLiveServer, type LiveServer } from './live.js';
import type { LiveFeed } from '../realtime/feed.js';
import type { LimitStore } from '../graphql/limit-store.js';
import type { TableVersions } from '../db/table-versions.js';
import { httpCache } from '../http/http-cache.js';
import { ResponseCache } from '../http/response-cache.js';

export interface Http {
  server: http.Server;
  apollo: ApolloServer<Context>;
  health: HealthCheck;
  live: LiveServer;
}

/** What subscriptions need beyond the HTTP routes. */
export interface LiveInputs {
  feed: LiveFeed;
  limitStore: LimitStore;
}

/** Express, Apollo and the routes, with the per-request context; nothing listens yet. */
export async function createHttp(
  config: AppConfig,
  logger: Logger,
  db: Database,
  services: Services,
  metrics: Metrics | undefined,
  liveInputs: LiveInputs,
  schema?: SchemaOptions,
  tables?: TableVersions,
): Promise<Http> {
  const { orm, counter } = db;
  const app = express();
  const server = createHttpServer(app, config);
  const graphqlSchema = await createSchema(schema);
  // Before serving anything: a manifest that cannot be trusted stops the start with one line naming it.
  // A bundle carries its build's checks of the service's own manifest, made against this very
  // schema unless resolvers were added to it (tests).
  const checked = schema?.extraResolvers?.length ? undefined : bundledChecks;
  const documents = config.trustedDocuments.mode === 'off' ? new Map() : loadTrustedDocuments(graphqlSchema, { dir: config.trustedDocuments.dir, costLimit: config.limits.cost, checked });
  const apollo = await createApollo(config, logger, server, metrics, graphqlSchema, db.replicas);
  const health = healthCheck(orm, config.database, db.replicas, services.viewers);
  const live = createLiveServer({ config, logger, orm, counter, services, schema: graphqlSchema, feed: liveInputs.feed, limitStore: liveInputs.limitStore, server, app, documents });
  mountRoutes(app, {
    eventStreams: live.eventStreams,
    config,
    logger,
    apollo,
    counter,
    health,
    documents,
    cache:
      tables &&
      httpCache({
        schema: graphqlSchema,
        versions: tables,
        counter,
        logger,
        answers: config.responseCache.enabled ? new ResponseCache(config.responseCache.maxBytes) : undefined,
        hits: { mode: config.trustedDocuments.mode, documents, playground: config.playground },
      }),
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
  return { server, apollo, health, live };
}

/** Listens on PORT (a failure is one line naming it) and returns the GraphQL URL. */
export async function listen(server: http.Server, port: number, host: string): Promise<string> {
  await listenOn(
    'PORT',
    () =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      }),
  );
  return `http://${host}:${(server.address() as AddressInfo).port}/graphql`;
}
