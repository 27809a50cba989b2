import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isLoadingStrategy, LOADING_STRATEGIES, type LoadingStrategy } from './loading/strategy.js';
import { parseTrustProxy, type TrustProxy } from './trust-proxy.js';

/** Which database family a DATABASE_URL selects. */
export type Dialect = 'sqlite' | 'postgresql';

export interface DatabaseConfig {
  dialect: Dialect;
  /** PostgreSQL connection URL, or the SQLite file path (`:memory:` allowed). */
  url: string;
  /** Most connections the pool opens (DATABASE_POOL_MAX; PostgreSQL; default 10). */
  poolMax?: number;
  /** PostgreSQL's statement_timeout (DATABASE_STATEMENT_TIMEOUT_MS; default REQUEST_TIMEOUT_MS). */
  statementTimeoutMs?: number;
  /**
   * Statement shapes each PostgreSQL connection keeps prepared (DATABASE_PREPARED_STATEMENTS;
   * default 100; 0: none, for PgBouncer before 1.21 in transaction mode).
   */
  preparedStatements?: number;
  /**
   * PostgreSQL's random_page_cost for this service's connections (DATABASE_RANDOM_PAGE_COST;
   * default 1.1, PostgreSQL's advice for data in memory or on SSD; `server`: the server's own).
   */
  randomPageCost?: number;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface AppConfig {
  database: DatabaseConfig;
  port: number;
  nodeEnv: string;
  production: boolean;
  logLevel: LogLevel;
  /** Load the demo dataset into an empty database at start-up (SEED_DEMO). */
  seedDemo: boolean;
  /** bcrypt cost factor for password hashes (BCRYPT_ROUNDS). */
  bcryptRounds: number;
  /** Default relation loading strategy; a request may choose with x-loading-strategy (LOADING_STRATEGY). */
  loadingStrategy: LoadingStrategy;
  /** Deepest operation accepted (QUERY_DEPTH_LIMIT). */
  queryDepthLimit: number;
  /** What an operation may ask for before it runs (README, "Limits and the cost model"). */
  limits: QueryLimits;
  /** Who may choose a loading strategy with x-loading-strategy (LOADING_STRATEGY_HEADER). */
  loadingStrategyHeader: StrategyHeaderPolicy;
  /** Schema introspection and field suggestions in errors (INTROSPECTION; default: not in production). */
  introspection: boolean;
  /** Open connections the HTTP server accepts at once (MAX_CONNECTIONS). */
  maxConnections: number;
  /** Proxies whose X-Forwarded-For names the client (TRUST_PROXY, Express's `trust proxy`; default loopback). */
  trustProxy: TrustProxy;
  /** How long SQLite waits for another writer's lock before a 503 (SQLITE_BUSY_TIMEOUT_MS). */
  sqliteBusyTimeoutMs: number;
  /** Serve the GraphQL playground at GET /graphql (PLAYGROUND; default: not in production). */
  playground: boolean;
  /** Origins allowed to call the API from a browser (CORS_ORIGINS); ['*'] for any. */
  corsOrigins: string[];
  /** Report extensions.sql { statements, strategy } in responses (SQL_STATS). */
  sqlStats: boolean;
  /** A query document runs compiled (graphql-jit) from its Nth execution on (GRAPHQL_COMPILE_AFTER; 0: never). */
  compileQueriesAfter: number;
  /** HMAC key for access tokens (JWT_SECRET); generated per process outside production when unset. */
  jwtSecret: string;
  /** True when jwtSecret was generated here rather than configured. */
  jwtSecretGenerated: boolean;
  /** Access token lifetime in seconds (JWT_TTL_SECONDS). */
  jwtTtlSeconds: number;
  /** Worker processes (WEB_CONCURRENCY); undefined: one in development, one per core in production. */
  webConcurrency?: number;
  /** Prometheus metrics at GET /metrics (METRICS), on their own port when METRICS_PORT is set. */
  metrics: { enabled: boolean; port?: number };
  /** PostgreSQL read replicas for queries (DATABASE_REPLICA_URLS); empty: every read goes to the primary. */
  replicas: ReplicaConfig;
  /** Signed-in accounts kept per process while PostgreSQL notifies their changes (README, "The viewer cache"). */
  viewerCache: ViewerCacheConfig;
}

export interface ViewerCacheConfig {
  /** VIEWER_CACHE (default true); only PostgreSQL has one. */
  enabled: boolean;
  /** The session that LISTENs (DATABASE_LISTEN_URL): a direct connection when DATABASE_URL is PgBouncer's. */
  listenUrl?: string;
}

/** Where queries read from when the primary has streaming replicas (README, "Read replicas"). */
export interface ReplicaConfig {
  urls: string[];
  /** A replica further behind than this is left out until it catches up (DATABASE_REPLICA_MAX_LAG_SECONDS; 0: never). */
  maxLagSeconds: number;
  /** How often each replica's state and lag are checked (DATABASE_REPLICA_CHECK_INTERVAL_MS). */
  checkIntervalMs: number;
}

/** Bounds on one GraphQL request, checked before it runs (cost, document shape) and while it runs. */
export interface QueryLimits {
  /** Highest computed cost accepted (QUERY_COST_LIMIT). */
  cost: number;
  /** Aliased fields, fragments expanded (QUERY_ALIAS_LIMIT). */
  aliases: number;
  /** Lexical tokens of the document (QUERY_TOKEN_LIMIT): the parser stops past it. */
  tokens: number;
  /** Directives, fragments expanded (QUERY_DIRECTIVE_LIMIT). */
  directives: number;
  /** Field selections with every fragment expanded (QUERY_FIELD_LIMIT). */
  fields: number;
  /** SQL statements one request may run (QUERY_STATEMENT_LIMIT). */
  statements: number;
  /** Wall-clock milliseconds one request may run (REQUEST_TIMEOUT_MS); also PostgreSQL's statement_timeout. */
  timeoutMs: number;
}

/** `off`: the header is ignored; `staff`: honoured for signed-in editors and admins; `all`: for anyone. */
export type StrategyHeaderPolicy = 'off' | 'staff' | 'all';

/** Raised for any unusable setting; the message names the variable and what it accepts. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const DEFAULT_SQLITE_PATH = './data/retrofun.sqlite';

/**
 * Accepts a PostgreSQL URL, the book's SQLAlchemy-style SQLite URLs
 * (`sqlite:///relative.sqlite`, `sqlite:////absolute.sqlite`, `sqlite://` = in memory)
 * or a plain file path.
 */
export function parseDatabaseUrl(raw: string | undefined): DatabaseConfig {
  const value = raw?.trim() || DEFAULT_SQLITE_PATH;
  if (/^postgres(ql)?:\/\//i.test(value)) {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new ConfigError(`DATABASE_URL is not a valid PostgreSQL URL (expected postgresql://user:password@host:port/database)`);
    }
    if (!parsed.hostname || parsed.pathname.length <= 1) {
      throw new ConfigError(`DATABASE_URL must name a host and a database, e.g. postgresql://user:password@127.0.0.1:5432/retrofun`);
    }
    return { dialect: 'postgresql', url: value };
  }
  if (/^sqlite:/i.test(value)) {
    const match = /^sqlite:\/\/(\/.*)?$/i.exec(value);
    if (!match) {
      throw new ConfigError(`DATABASE_URL "${value}" is not a SQLite URL: use sqlite:///relative.sqlite or sqlite:////absolute/path.sqlite`);
    }
    // SQLAlchemy form: the part after "sqlite:///" is the path, so a fourth slash makes it absolute.
    const file = match[1] ? match[1].slice(1) : ':memory:';
    return { dialect: 'sqlite', url: file === '' ? ':memory:' : file };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    const scheme = value.split(':')[0];
    throw new ConfigError(`DATABASE_URL scheme "${scheme}" is not supported: use postgresql://…, sqlite:///… or a file path`);
  }
  return { dialect: 'sqlite', url: value };
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 4000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be an integer between 0 and 65535, got "${raw}"`);
  }
  return port;
}

function parseLogLevel(raw: string | undefined, nodeEnv: string): LogLevel {
  if (raw === undefined || raw.trim() === '') return nodeEnv === 'test' ? 'silent' : 'info';
  const level = raw.trim().toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(level)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  }
  return level;
}

function parseBoolean(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function parseBcryptRounds(raw: string | undefined, nodeEnv: string): number {
  // 12 is the production floor; tests use bcrypt's minimum so that suites stay fast.
  const fallback = nodeEnv === 'production' ? 12 : nodeEnv === 'test' ? 4 : 10;
  if (raw === undefined || raw.trim() === '') return fallback;
  const rounds = Number(raw);
  const min = nodeEnv === 'production' ? 12 : 4;
  if (!Number.isInteger(rounds) || rounds < min || rounds > 16) {
    throw new ConfigError(`BCRYPT_ROUNDS must be an integer from ${min} to 16${nodeEnv === 'production' ? ' in production' : ''}, got "${raw}"`);
  }
  return rounds;
}

function parseStrategy(raw: string | undefined): LoadingStrategy {
  // eager measured fewest statements on every example operation (README, "Loading strategies").
  if (raw === undefined || raw.trim() === '') return 'eager';
  const value = raw.trim().toLowerCase();
  if (!isLoadingStrategy(value)) throw new ConfigError(`LOADING_STRATEGY must be one of ${LOADING_STRATEGIES.join(', ')}, got "${raw}"`);
  return value;
}

function parseDepth(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 10;
  const depth = Number(raw);
  if (!Number.isInteger(depth) || depth < 2 || depth > 50) throw new ConfigError(`QUERY_DEPTH_LIMIT must be an integer from 2 to 50, got "${raw}"`);
  return depth;
}

/**
 * At PostgreSQL's default of 4 a random read is costed as if from a spinning disk, and the planner
 * scans small tables once per outer row instead of using their keys: the nested manufacturers
 * cost the server 5.9 ms per request at 4 and 4.0 at 1.1, the product detail 1.08 and 0.51.
 */
function parseRandomPageCost(raw: string | undefined): number | undefined {
  if (raw?.trim() === 'server') return undefined;
  if (raw === undefined || raw.trim() === '') return 1.1;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > 100) throw new ConfigError(`DATABASE_RANDOM_PAGE_COST must be a number above 0 and at most 100, or "server", got "${raw}"`);
  return value;
}

function parseInteger(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return value;
}

function parseReplicas(env: NodeJS.ProcessEnv, primary: DatabaseConfig): ReplicaConfig {
  const urls = (env.DATABASE_REPLICA_URLS ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  if (urls.length && primary.dialect !== 'postgresql') {
    throw new ConfigError('DATABASE_REPLICA_URLS needs a PostgreSQL DATABASE_URL: SQLite has no replicas');
  }
  urls.forEach((url, i) => {
    // Same checks and messages as DATABASE_URL, naming the variable and the position instead.
    let parsed: DatabaseConfig;
    try {
      parsed = parseDatabaseUrl(url);
    } catch (error) {
      throw new ConfigError(`DATABASE_REPLICA_URLS, URL ${i + 1}: ${(error as Error).message.replace(/^DATABASE_URL /, '')}`);
    }
    if (parsed.dialect !== 'postgresql') throw new ConfigError(`DATABASE_REPLICA_URLS, URL ${i + 1}: not a PostgreSQL URL (expected postgresql://user:password@host:port/database)`);
  });
  return {
    urls,
    maxLagSeconds: parseInteger('DATABASE_REPLICA_MAX_LAG_SECONDS', env.DATABASE_REPLICA_MAX_LAG_SECONDS, 30, 0, 86_400),
    checkIntervalMs: parseInteger('DATABASE_REPLICA_CHECK_INTERVAL_MS', env.DATABASE_REPLICA_CHECK_INTERVAL_MS, 5_000, 100, 600_000),
  };
}

function parseViewerCache(env: NodeJS.ProcessEnv, primary: DatabaseConfig): ViewerCacheConfig {
  const enabled = parseBoolean('VIEWER_CACHE', env.VIEWER_CACHE, true);
  const raw = env.DATABASE_LISTEN_URL?.trim();
  if (!raw) return { enabled };
  if (primary.dialect !== 'postgresql') throw new ConfigError('DATABASE_LISTEN_URL needs a PostgreSQL DATABASE_URL: SQLite has no notifications');
  let parsed: DatabaseConfig;
  try {
    parsed = parseDatabaseUrl(raw);
  } catch (error) {
    throw new ConfigError(`DATABASE_LISTEN_URL ${(error as Error).message.replace(/^DATABASE_URL /, '')}`);
  }
  if (parsed.dialect !== 'postgresql') throw new ConfigError('DATABASE_LISTEN_URL is not a PostgreSQL URL (expected postgresql://user:password@host:port/database)');
  return { enabled, listenUrl: parsed.url };
}

function parseLimits(env: NodeJS.ProcessEnv): QueryLimits {
  return {
    cost: parseInteger('QUERY_COST_LIMIT', env.QUERY_COST_LIMIT, 500_000, 10, 10_000_000),
    aliases: parseInteger('QUERY_ALIAS_LIMIT', env.QUERY_ALIAS_LIMIT, 30, 0, 10_000),
    tokens: parseInteger('QUERY_TOKEN_LIMIT', env.QUERY_TOKEN_LIMIT, 5_000, 100, 1_000_000),
    directives: parseInteger('QUERY_DIRECTIVE_LIMIT', env.QUERY_DIRECTIVE_LIMIT, 30, 0, 10_000),
    fields: parseInteger('QUERY_FIELD_LIMIT', env.QUERY_FIELD_LIMIT, 1_000, 10, 1_000_000),
    statements: parseInteger('QUERY_STATEMENT_LIMIT', env.QUERY_STATEMENT_LIMIT, 500, 1, 1_000_000),
    timeoutMs: parseInteger('REQUEST_TIMEOUT_MS', env.REQUEST_TIMEOUT_MS, 10_000, 100, 600_000),
  };
}

function parseHeaderPolicy(raw: string | undefined, production: boolean): StrategyHeaderPolicy {
  // A teaching tool outside production; in production a lazy strategy is a lever for anyone.
  if (raw === undefined || raw.trim() === '') return production ? 'staff' : 'all';
  const value = raw.trim().toLowerCase();
  if (value !== 'off' && value !== 'staff' && value !== 'all') throw new ConfigError(`LOADING_STRATEGY_HEADER must be off, staff or all, got "${raw}"`);
  return value;
}

function parseOrigins(raw: string | undefined, production: boolean): string[] {
  // Outside production any origin may call (front-end dev servers on other ports); in production none unless listed.
  if (raw === undefined || raw.trim() === '') return production ? [] : ['*'];
  const origins = raw.split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    if (origin === '*') {
      if (production) throw new ConfigError('CORS_ORIGINS=* is not allowed in production: list the origins, e.g. https://shop.example.com');
      continue;
    }
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new ConfigError(`CORS_ORIGINS: "${origin}" is not an origin (expected e.g. https://shop.example.com)`);
    }
    if (url.origin !== origin.replace(/\/$/, '')) throw new ConfigError(`CORS_ORIGINS: "${origin}" is not an origin: give scheme, host and port only, e.g. ${url.origin}`);
  }
  return origins.map((o) => o.replace(/\/$/, ''));
}

function parseJwtSecret(raw: string | undefined, production: boolean): { jwtSecret: string; jwtSecretGenerated: boolean } {
  if (raw === undefined || raw.trim() === '') {
    if (production) throw new ConfigError('JWT_SECRET is required in production (at least 32 characters, e.g. openssl rand -base64 48)');
    return { jwtSecret: randomBytes(48).toString('base64url'), jwtSecretGenerated: true };
  }
  if (raw.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters long');
  return { jwtSecret: raw, jwtSecretGenerated: false };
}

function parseTtl(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 8 * 3600;
  const ttl = Number(raw);
  if (!Number.isInteger(ttl) || ttl < 60 || ttl > 30 * 86400) throw new ConfigError(`JWT_TTL_SECONDS must be an integer from 60 to 2592000, got "${raw}"`);
  return ttl;
}

/** Loads ./.env into the environment, if there is one (variables already set win). */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

export interface LoadOptions {
  /**
   * Whether a missing JWT_SECRET is an error in production (default true). Command-line tools
   * that never issue or verify tokens pass false, so an operator need not hand them the key.
   */
  requireJwtSecret?: boolean;
}

/** Reads and validates the environment once; every other module receives the result. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): AppConfig {
  const nodeEnv = env.NODE_ENV?.trim() || 'development';
  const primary = parseDatabaseUrl(env.DATABASE_URL);
  return {
    database: {
      ...primary,
      poolMax: env.DATABASE_POOL_MAX ? parseInteger('DATABASE_POOL_MAX', env.DATABASE_POOL_MAX, 10, 1, 1_000) : undefined,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS ? parseInteger('DATABASE_STATEMENT_TIMEOUT_MS', env.DATABASE_STATEMENT_TIMEOUT_MS, 10_000, 0, 3_600_000) : undefined,
      randomPageCost: parseRandomPageCost(env.DATABASE_RANDOM_PAGE_COST),
      preparedStatements: env.DATABASE_PREPARED_STATEMENTS ? parseInteger('DATABASE_PREPARED_STATEMENTS', env.DATABASE_PREPARED_STATEMENTS, 100, 0, 10_000) : undefined,
    },
    port: parsePort(env.PORT),
    nodeEnv,
    production: nodeEnv === 'production',
    logLevel: parseLogLevel(env.LOG_LEVEL, nodeEnv),
    // An empty production database stays empty unless an operator asks for the demo data.
    seedDemo: parseBoolean('SEED_DEMO', env.SEED_DEMO, nodeEnv !== 'production'),
    bcryptRounds: parseBcryptRounds(env.BCRYPT_ROUNDS, nodeEnv),
    loadingStrategy: parseStrategy(env.LOADING_STRATEGY),
    queryDepthLimit: parseDepth(env.QUERY_DEPTH_LIMIT),
    limits: parseLimits(env),
    loadingStrategyHeader: parseHeaderPolicy(env.LOADING_STRATEGY_HEADER, nodeEnv === 'production'),
    introspection: parseBoolean('INTROSPECTION', env.INTROSPECTION, nodeEnv !== 'production'),
    maxConnections: parseInteger('MAX_CONNECTIONS', env.MAX_CONNECTIONS, 1_000, 1, 100_000),
    trustProxy: parseTrustProxy(env.TRUST_PROXY, (message) => new ConfigError(message)),
    sqliteBusyTimeoutMs: parseInteger('SQLITE_BUSY_TIMEOUT_MS', env.SQLITE_BUSY_TIMEOUT_MS, 2_000, 0, 60_000),
    playground: parseBoolean('PLAYGROUND', env.PLAYGROUND, nodeEnv !== 'production'),
    corsOrigins: parseOrigins(env.CORS_ORIGINS, nodeEnv === 'production'),
    sqlStats: parseBoolean('SQL_STATS', env.SQL_STATS, nodeEnv !== 'production'),
    compileQueriesAfter: parseInteger('GRAPHQL_COMPILE_AFTER', env.GRAPHQL_COMPILE_AFTER, 2, 0, 1_000_000),
    ...parseJwtSecret(env.JWT_SECRET, nodeEnv === 'production' && (options.requireJwtSecret ?? true)),
    jwtTtlSeconds: parseTtl(env.JWT_TTL_SECONDS),
    webConcurrency: env.WEB_CONCURRENCY ? parseInteger('WEB_CONCURRENCY', env.WEB_CONCURRENCY, 1, 1, 256) : undefined,
    metrics: {
      enabled: parseBoolean('METRICS', env.METRICS, false),
      port: env.METRICS_PORT ? parseInteger('METRICS_PORT', env.METRICS_PORT, 9464, 1, 65_535) : undefined,
    },
    replicas: parseReplicas(env, primary),
    viewerCache: parseViewerCache(env, primary),
  };
}

/** Absolute path of a SQLite file, so that its folder can be created before connecting. */
export function sqliteDirectory(db: DatabaseConfig): string | undefined {
  if (db.dialect !== 'sqlite' || db.url === ':memory:') return undefined;
  return path.dirname(path.resolve(db.url));
}
