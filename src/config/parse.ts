import { randomBytes } from 'node:crypto';
import type { ReadContext, ValueOf } from './variable.js';
import type { AppConfig } from './types.js';
import { VARIABLES } from './variables.js';

/** Each variable's value, typed by its entry in the table. */
export type ConfigValues = { [Name in keyof typeof VARIABLES]: ValueOf<(typeof VARIABLES)[Name]> };

export interface LoadOptions {
  /**
   * Whether a missing JWT_SECRET is an error in production (default true). Command-line tools
   * that never issue or verify tokens pass false, so an operator need not hand them the key.
   */
  requireJwtSecret?: boolean;
}

/** Reads every variable of the table, in its order; the first unusable one throws a ConfigError. */
export function readVariables(env: NodeJS.ProcessEnv, options: LoadOptions = {}): ConfigValues {
  // Other variables' defaults and rules depend on these two, so they are read first.
  const first: ReadContext = { nodeEnv: 'development', dialect: 'sqlite', requireSecrets: false };
  const nodeEnv = VARIABLES.NODE_ENV.read(env.NODE_ENV, 'NODE_ENV', first);
  const { dialect } = VARIABLES.DATABASE_URL.read(env.DATABASE_URL, 'DATABASE_URL', first);
  const ctx: ReadContext = { nodeEnv, dialect, requireSecrets: options.requireJwtSecret ?? true };
  const values: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(VARIABLES)) values[name] = variable.read(env[name], name, ctx);
  return values as ConfigValues;
}

/** Reads and validates the environment once; every other module receives the result. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): AppConfig {
  const v = readVariables(env, options);
  return {
    database: {
      ...v.DATABASE_URL,
      poolMax: v.DATABASE_POOL_MAX,
      statementTimeoutMs: v.DATABASE_STATEMENT_TIMEOUT_MS,
      randomPageCost: v.DATABASE_RANDOM_PAGE_COST,
      preparedStatements: v.DATABASE_PREPARED_STATEMENTS,
    },
    port: v.PORT,
    host: v.HOST,
    nodeEnv: v.NODE_ENV,
    production: v.NODE_ENV === 'production',
    logLevel: v.LOG_LEVEL,
    seedDemo: v.SEED_DEMO,
    bcryptRounds: v.BCRYPT_ROUNDS,
    loadingStrategy: v.LOADING_STRATEGY,
    queryDepthLimit: v.QUERY_DEPTH_LIMIT,
    limits: {
      cost: v.QUERY_COST_LIMIT,
      aliases: v.QUERY_ALIAS_LIMIT,
      tokens: v.QUERY_TOKEN_LIMIT,
      directives: v.QUERY_DIRECTIVE_LIMIT,
      fields: v.QUERY_FIELD_LIMIT,
      statements: v.QUERY_STATEMENT_LIMIT,
      timeoutMs: v.REQUEST_TIMEOUT_MS,
    },
    loadingStrategyHeader: v.LOADING_STRATEGY_HEADER,
    introspection: v.INTROSPECTION,
    maxConnections: v.MAX_CONNECTIONS,
    trustProxy: v.TRUST_PROXY,
    sqliteBusyTimeoutMs: v.SQLITE_BUSY_TIMEOUT_MS,
    playground: v.PLAYGROUND,
    trustedDocuments: { mode: v.TRUSTED_DOCUMENTS, bypassRoles: v.TRUSTED_DOCUMENTS_BYPASS_ROLES, ...(v.PERSISTED_DOCUMENTS_DIR && { dir: v.PERSISTED_DOCUMENTS_DIR }) },
    corsOrigins: v.CORS_ORIGINS,
    sqlStats: v.SQL_STATS,
    compileQueriesAfter: v.GRAPHQL_COMPILE_AFTER,
    counts: { mode: v.COUNT_MODE, cap: v.COUNT_CAP },
    documentCacheBytes: v.GRAPHQL_DOCUMENT_CACHE_MB * 1024 * 1024,
    // Outside production an unset key is generated per process start: tokens die with the process.
    jwtSecret: v.JWT_SECRET ?? randomBytes(48).toString('base64url'),
    jwtSecretGenerated: v.JWT_SECRET === undefined,
    jwtTtlSeconds: v.JWT_TTL_SECONDS,
    webConcurrency: v.WEB_CONCURRENCY,
    metrics: { enabled: v.METRICS, port: v.METRICS_PORT },
    replicas: { urls: v.DATABASE_REPLICA_URLS, maxLagSeconds: v.DATABASE_REPLICA_MAX_LAG_SECONDS, checkIntervalMs: v.DATABASE_REPLICA_CHECK_INTERVAL_MS },
    live: {
      connectionsPerAddress: v.LIVE_MAX_CONNECTIONS_PER_ADDRESS,
      subscriptionsPerConnection: v.LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION,
      subscriptionsPerAddress: v.LIVE_MAX_SUBSCRIPTIONS_PER_ADDRESS,
      queue: v.LIVE_QUEUE_LIMIT,
      idleTimeoutMs: v.LIVE_IDLE_TIMEOUT_SECONDS * 1_000,
      flushIntervalMs: v.LIVE_FLUSH_INTERVAL_MS,
    },
    responseCache: { enabled: v.RESPONSE_CACHE, maxBytes: v.RESPONSE_CACHE_MAX_MB * 1024 * 1024 },
    viewerCache: { enabled: v.VIEWER_CACHE, ...(v.DATABASE_LISTEN_URL && { listenUrl: v.DATABASE_LISTEN_URL }) },
    ...(v.DATABASE_URL_PG && { migrationsPostgresUrl: v.DATABASE_URL_PG }),
  };
}
