import http from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { isEventStreamRequest } from '../realtime/sse.js';
import express, { type Express } from 'express';
import compression from 'compression';
import cors from 'cors';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import type { Context } from '../context.js';
import type { SqlStatementCounter } from '../db/sql-stats.js';
import type { MetricsSource } from '../observability/metrics-http.js';
import type { HealthCheck } from '../db/health.js';
import { jsonErrorHandler, jsonNotFound } from './errors.js';
import { mountPlayground } from './playground.js';
import { mountOrdersPage } from './orders-page.js';
import { requestBounds, verifyJsonDepth } from './request-bounds.js';
import { trustedDocuments } from './trusted-documents.js';
import type { TrustedDocuments } from '../graphql/documents/manifest.js';
import { requestIds, requestIdOf } from './request-id.js';
import type { HttpCache } from './http-cache.js';

/** Timeouts against slow clients: a request must send its headers, then its body, in time. */
export const HTTP_TIMEOUTS = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000 } as const;

/** The HTTP server, before its routes: timeouts and a connection cap against slow or greedy clients. */
export function createHttpServer(app: Express, config: AppConfig): http.Server {
  const server = http.createServer({ headersTimeout: HTTP_TIMEOUTS.headersMs, requestTimeout: HTTP_TIMEOUTS.requestMs, keepAliveTimeout: HTTP_TIMEOUTS.keepAliveMs }, app);
  server.maxConnections = config.maxConnections;
  return server;
}

export interface Routes {
  config: AppConfig;
  logger: Logger;
  apollo: ApolloServer<Context>;
  counter: SqlStatementCounter;
  health: HealthCheck;
  /** Prometheus metrics on this port (METRICS=true without METRICS_PORT). */
  metrics?: MetricsSource;
  context: (req: express.Request, res: express.Response) => Promise<Context>;
  /** The trusted documents, by canonical id (empty under TRUSTED_DOCUMENTS=off). */
  documents: TrustedDocuments;
  /** HTTP caching of public GET queries (src/http/http-cache.ts): its handler after trusted documents and before Apollo, its kept answers (cache-hits.ts) first. */
  cache?: HttpCache;
  /** GraphQL over Server-Sent Events (src/realtime/sse.ts): the event-stream requests of /graphql. */
  eventStreams?: express.RequestHandler;
}

/**
 * One context per request, whoever asks first: the trusted-documents check reads the account
 * before Apollo runs, and Apollo then gets the same context (one unit of work, one account read).
 */
function oncePerRequest(context: Routes['context']): Routes['context'] {
  const made = new WeakMap<express.Request, Promise<Context>>();
  return (req, res) => {
    let ctx = made.get(req);
    if (!ctx) made.set(req, (ctx = context(req, res)));
    return ctx;
  };
}

/**
 * CORS for the configured origins: preflights answered, and only the headers the API reads
 * allowed. An unknown origin gets no CORS headers at all, so its browser withholds the answer.
 * Credentials are never allowed: authentication is a Bearer header, not a cookie.
 */
function corsFor(origins: string[]) {
  return cors({
    origin: origins.includes('*') ? '*' : origins,
    // PUT and DELETE: graphql-sse's single connection mode reserves and completes with them.
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-loading-strategy', 'apollo-require-preflight', 'x-request-id', 'x-graphql-event-stream-token', 'x-consistency-token'],
    // A browser client may read the id to quote it in a report, and a mutation's consistency token to send back.
    exposedHeaders: ['x-request-id', 'x-consistency-token'],
    maxAge: 600,
  });
}

/**
 * `Cache-Control: no-store` on every answer a cache must not keep: those to a request carrying
 * credentials (an account's data), and every POST, which covers every answer holding a token
 * (login, changePassword and every other mutation are POSTs). Anonymous GET queries are left to
 * the client and any cache in between.
 */
const noStoreForAccounts: express.RequestHandler = (req, res, next) => {
  if (req.headers.authorization !== undefined || req.method === 'POST') res.set('cache-control', 'no-store');
  next();
};

/** The routes: security headers, /health, /graphql, and JSON for everything that goes wrong. */
export function mountRoutes(app: Express, routes: Routes): void {
  const { config, logger, apollo, counter } = routes;
  const context = oncePerRequest(routes.context);
  app.disable('x-powered-by');
  // First: every answer, error pages included, carries the id its log lines carry.
  app.use(requestIds);
  // No ETag of express's on dynamic answers (a SHA-1 of every body): public GET queries get theirs from
  // the data versions they read (src/http/http-cache.ts). The playground's static assets keep theirs (serve-static).
  app.set('etag', false);
  // Client addresses for rate limits (req.ip): X-Forwarded-For counts only from TRUST_PROXY's proxies.
  app.set('trust proxy', config.trustProxy);
  const graphqlCors = corsFor(config.corsOrigins);
  // Kept public answers, before everything else a request costs (src/http/cache-hits.ts): they carry
  // the headers the chain below gave them, and CORS for their origin.
  if (routes.cache?.hits) app.use(routes.cache.hits(graphqlCors));
  // Plain HTTP is normal behind a TLS-terminating proxy and on localhost: no forced upgrade.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  // Compressed answers above 1 KB (the playground's assets come already compressed).
  app.use(compression({ threshold: 1024 }));
  if (config.playground) mountPlayground(app);
  mountOrdersPage(app);
  if (routes.metrics) {
    const source = routes.metrics;
    app.get('/metrics', async (_req, res) => {
      const { contentType, body } = await source();
      res.type(contentType).send(body);
    });
  }
  app.get('/health', async (_req, res) => {
    const ok = await routes.health.check();
    // A replica down is not the service down: its reads go to the primary, so the status stays 200.
    const replicas = routes.health.replicas?.();
    // Off is not down either: every signed-in request then reads its account.
    const viewerCache = routes.health.viewerCache?.();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', database: config.database.dialect, ...(replicas && { replicas }), ...(viewerCache && { viewerCache }) });
  });
  app.use(
    '/graphql',
    graphqlCors,
    // Subscriptions over Server-Sent Events take their own path (they read their own bodies).
    (req, res, next) => (routes.eventStreams && isEventStreamRequest(req) ? void routes.eventStreams(req, res, next) : next()),
    noStoreForAccounts,
    // The body's nesting is bounded on its bytes, before JSON.parse and everything after it recurses.
    express.json({ limit: '1mb', verify: verifyJsonDepth }),
    requestBounds(logger),
    // After body parsing: everything the request runs from here on counts against its own budget.
    (_req, res, next) => counter.run(next, { statements: config.limits.statements, timeoutMs: config.limits.timeoutMs, requestId: requestIdOf(res) }),
    // A document id becomes its text here, before Apollo: Apollo knows automatic persisted queries only.
    trustedDocuments({ config: config.trustedDocuments, documents: routes.documents, logger, roleOf: async (req, res) => (await (await context(req, res)).account())?.role ?? null }),
    ...(routes.cache ? [routes.cache.handler] : []),
    expressMiddleware(apollo, { context: ({ req, res }) => context(req, res) }),
  );
  app.use(jsonNotFound);
  app.use(jsonErrorHandler(logger));
}
