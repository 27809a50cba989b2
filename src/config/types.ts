import type { LoadingStrategy } from '../loading/strategy.js';
import type { CountPolicy } from '../loading/counting.js';
import type { TrustProxy } from '../trust-proxy.js';
import type { Dialect } from './database-url.js';

// The shape the rest of the service receives. What each setting means, its default and its bounds
// are written once, in the table (src/config/variables.ts); each field here names its variable.

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `off`: the header is ignored; `staff`: honoured for signed-in editors and admins; `all`: for anyone. */
/** TRUSTED_DOCUMENTS: whether requests may name a persisted document by id, and whether they must (docs/clients.md). */
export const TRUSTED_DOCUMENT_MODES = ['off', 'allow', 'require'] as const;
export type TrustedDocumentMode = (typeof TRUSTED_DOCUMENT_MODES)[number];
/** The account roles by name (the wiki module's Role; src/http/trusted-documents.ts checks that they agree). */
export const ACCOUNT_ROLES = ['basic', 'editor', 'admin'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const STRATEGY_HEADER_POLICIES = ['off', 'staff', 'all'] as const;
export type StrategyHeaderPolicy = (typeof STRATEGY_HEADER_POLICIES)[number];

export interface DatabaseConfig {
  dialect: Dialect;
  /** PostgreSQL connection URL, or the SQLite file path (`:memory:` allowed). DATABASE_URL */
  url: string;
  /** DATABASE_POOL_MAX; undefined: the pool's own default. */
  poolMax?: number;
  /** DATABASE_STATEMENT_TIMEOUT_MS; undefined: REQUEST_TIMEOUT_MS. */
  statementTimeoutMs?: number;
  /** DATABASE_PREPARED_STATEMENTS; undefined: the driver's default. */
  preparedStatements?: number;
  /** DATABASE_RANDOM_PAGE_COST; undefined: the server's own setting. */
  randomPageCost?: number;
}

export interface AppConfig {
  database: DatabaseConfig;
  port: number;
  /** HOST: the address server.ts binds to (bootstrap's own default is 127.0.0.1, for tests). */
  host: string;
  nodeEnv: string;
  production: boolean;
  logLevel: LogLevel;
  seedDemo: boolean;
  bcryptRounds: number;
  loadingStrategy: LoadingStrategy;
  queryDepthLimit: number;
  limits: QueryLimits;
  loadingStrategyHeader: StrategyHeaderPolicy;
  introspection: boolean;
  maxConnections: number;
  trustProxy: TrustProxy;
  sqliteBusyTimeoutMs: number;
  playground: boolean;
  trustedDocuments: TrustedDocumentsConfig;
  /** CORS_ORIGINS; ['*'] for any. */
  corsOrigins: string[];
  sqlStats: boolean;
  /** GRAPHQL_COMPILE_AFTER; 0: never. */
  compileQueriesAfter: number;
  /** COUNT_MODE and COUNT_CAP: how totalCount counts when a query names no mode. */
  counts: CountPolicy;
  /** GRAPHQL_DOCUMENT_CACHE_MB in bytes: the bound of Apollo's document cache (graphql/document-cache.ts). */
  documentCacheBytes: number;
  /** JWT_SECRET, or one generated per process outside production when unset. */
  jwtSecret: string;
  /** True when jwtSecret was generated here rather than configured. */
  jwtSecretGenerated: boolean;
  jwtTtlSeconds: number;
  /** WEB_CONCURRENCY; undefined: one in development, one per core in production. */
  webConcurrency?: number;
  metrics: { enabled: boolean; port?: number };
  /** Subscriptions' limits (LIVE_*). */
  live: LiveLimitsConfig;
  replicas: ReplicaConfig;
  viewerCache: ViewerCacheConfig;
  responseCache: ResponseCacheConfig;
  /** DATABASE_URL_PG: only `npm run db:migrate -- create|check` reads it. */
  migrationsPostgresUrl?: string;
}

/** The in-process cache of public GET answers (src/http/response-cache.ts). */
export interface ResponseCacheConfig {
  /** RESPONSE_CACHE. */
  enabled: boolean;
  /** RESPONSE_CACHE_MAX_MB, in bytes. */
  maxBytes: number;
}

export interface ViewerCacheConfig {
  /** VIEWER_CACHE; only PostgreSQL has one. */
  enabled: boolean;
  /** DATABASE_LISTEN_URL; undefined: DATABASE_URL. */
  listenUrl?: string;
}

/** Where queries read from when the primary has streaming replicas. */
export interface ReplicaConfig {
  /** DATABASE_REPLICA_URLS; empty: every read goes to the primary. */
  urls: string[];
  maxLagSeconds: number;
  checkIntervalMs: number;
}

/** Bounds on one GraphQL request, checked before it runs (cost, document shape) and while it runs. */
export interface LiveLimitsConfig {
  connectionsPerAddress: number;
  subscriptionsPerConnection: number;
  subscriptionsPerAddress: number;
  queue: number;
  idleTimeoutMs: number;
  /** LIVE_FLUSH_INTERVAL_MS: how long a WebSocket's messages may wait to leave together. */
  flushIntervalMs: number;
}

export interface QueryLimits {
  cost: number;
  aliases: number;
  tokens: number;
  directives: number;
  fields: number;
  statements: number;
  /** REQUEST_TIMEOUT_MS; also PostgreSQL's statement_timeout unless DATABASE_STATEMENT_TIMEOUT_MS is set. */
  timeoutMs: number;
}

/** Persisted and trusted documents (src/http/trusted-documents.ts). */
export interface TrustedDocumentsConfig {
  mode: TrustedDocumentMode;
  /** Signed-in accounts with one of these roles may still send a document's text under `require`. */
  bypassRoles: readonly AccountRole[];
  /** PERSISTED_DOCUMENTS_DIR: every `*.json` manifest in it, besides the service's own. */
  dir?: string;
}
