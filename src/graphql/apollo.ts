import type http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { Metrics } from '../observability/metrics.js';
import { metricsPlugin } from '../observability/metrics-plugin.js';
import type { AppConfig } from '../config.js';
import type { Context } from '../context.js';
import { createErrorFormatter } from './errors.js';
import { ErrorCode } from '../errors.js';
import { inputHygienePlugin } from './input-hygiene.js';
import { costLimitPlugin } from './limits/cost.js';
import { documentLimitsRule } from './limits/document-limits.js';
import { requestLoggerPlugin } from './request-logger.js';
import { requestTransactionPlugin } from './request-transaction.js';
import { sqlStatsPlugin } from './sql-stats-plugin.js';
import { compiledQueriesPlugin } from './compiled-queries.js';
import { DocumentCache } from './document-cache.js';
import { consistencyPlugin } from './consistency.js';
import type { ReplicaSet } from '../db/replicas.js';

/**
 * Statuses Apollo does not set itself: a database that cannot be reached answers 503 with
 * Retry-After, so clients and proxies retry; an unknown persisted query is the client's mistake,
 * a 400 (Apollo answers 200; its client links read the code from either).
 */
function statusPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const codes = response.body.singleResult.errors?.map((e) => e.extensions?.code);
          if (codes?.includes(ErrorCode.SERVICE_UNAVAILABLE)) {
            response.http.status = 503;
            response.http.headers.set('retry-after', '1');
          } else if (codes?.includes('PERSISTED_QUERY_NOT_FOUND')) {
            response.http.status = 400;
          }
        },
      };
    },
  };
}

/**
 * A subscription sent as a plain HTTP request: refused before it runs (400), pointing at the live
 * transports on the same path (src/realtime/).
 */
function subscriptionsElsewherePlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new GraphQLError('Subscriptions are served over WebSocket (graphql-ws) and Server-Sent Events (graphql-sse) on /graphql, not as plain HTTP requests', {
            extensions: { code: 'SUBSCRIPTIONS_NOT_SUPPORTED', http: { status: 400 } },
          });
        },
      };
    },
  };
}

/** Apollo Server with the service's schema, limits, error policy and plugins. */
export async function createApollo(
  config: AppConfig,
  logger: Logger,
  httpServer: http.Server,
  metrics: Metrics | undefined,
  schema: GraphQLSchema,
  replicas?: ReplicaSet,
): Promise<ApolloServer<Context>> {
  const formatError = createErrorFormatter(logger);
  const apollo = new ApolloServer<Context>({
    schema,
    logger: logger.child({ component: 'apollo' }),
    formatError,
    includeStacktraceInErrorResponses: false,
    // Off in production unless asked for: the schema and "Did you mean …?" are a map for attackers.
    introspection: config.introspection,
    hideSchemaDetailsFromClientErrors: !config.introspection,
    // CSRF is an attack on ambient credentials (cookies, HTTP auth) that a browser attaches by itself.
    // This API authenticates with an Authorization header only, which no cross-site page can make a
    // browser send, so a forged request is just an anonymous one. Apollo's check would only refuse
    // GET queries from standard clients (urql); mutations over GET stay refused (405) regardless.
    csrfPrevention: false,
    // server.ts owns SIGTERM/SIGINT: Apollo's own handler would re-raise the signal and skip closing the ORM.
    stopOnTerminationSignals: false,
    // Tokens are counted by the parser itself, which stops at the limit rather than after.
    parseOptions: { maxTokens: config.limits.tokens },
    documentStore: new DocumentCache(config.documentCacheBytes),
    validationRules: [documentLimitsRule({ depth: config.queryDepthLimit, ...config.limits })],
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      requestLoggerPlugin(),
      inputHygienePlugin(),
      subscriptionsElsewherePlugin(),
      costLimitPlugin(config.limits.cost, config.sqlStats),
      statusPlugin(),
      consistencyPlugin(replicas),
      requestTransactionPlugin(formatError),
      compiledQueriesPlugin(config.compileQueriesAfter, formatError, logger),
      ...(config.sqlStats ? [sqlStatsPlugin()] : []),
      ...(metrics ? [metricsPlugin(metrics)] : []),
      // No CDN-hosted playground: nothing may be fetched from outside the npm registry.
      ApolloServerPluginLandingPageDisabled(),
      // Apollo's default cache-control plugin wraps every field resolver to compute cache hints;
      // this service sends no cache hints, so it would be pure cost on every field of every answer.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();
  return apollo;
}
