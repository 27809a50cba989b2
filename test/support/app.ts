import type { Logger } from 'pino';
import { bootstrap, type App } from '../../src/app.js';
import { loadConfig, type AppConfig, type DatabaseConfig } from '../../src/config.js';
import type { SchemaOptions } from '../../src/graphql/schema.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export interface TestApp {
  app: App;
  db: TestDatabase;
  config: AppConfig;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/**
 * Boots the real service (migrations, optional demo data, HTTP on a free port) on a fresh database
 * (or `db`, made by the caller); `schema` adds test-only resolvers.
 */
export async function startTestApp(overrides: Partial<AppConfig> = {}, logger?: Logger, given?: TestDatabase, schema?: SchemaOptions): Promise<TestApp> {
  const db = given ?? (await createTestDatabase());
  const config = testConfig(db.config, overrides);
  const app = await bootstrap({ config, port: 0, logger, schema });
  return {
    app,
    db,
    config,
    gql: (query, variables, headers) => gqlAt(app.url, query, variables, headers),
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

/** POSTs one GraphQL operation to a service URL and returns its JSON answer. */
export async function gqlAt<T = Record<string, unknown>>(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  return (await postAt<T>(url, query, variables, headers)).body;
}

/** The same, with the HTTP status: for tests of what the transport says (400, 401, 503). */
export async function postAt<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: GraphQLResponse<T> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as GraphQLResponse<T> };
}

/**
 * Behind PgBouncer (CI sets TEST_DIRECT_DATABASE_URL), the session that LISTENs goes to PostgreSQL
 * itself, as docs/operations.md asks of DATABASE_LISTEN_URL: the same database, reached directly.
 */
export function listenUrlFor(database: DatabaseConfig): string | undefined {
  const direct = process.env.TEST_DIRECT_DATABASE_URL;
  if (!direct || database.dialect !== 'postgresql') return undefined;
  const target = new URL(direct);
  target.pathname = new URL(database.url).pathname;
  return target.toString();
}

/** The configuration tests run the service with, on a given database. */
export function testConfig(database: DatabaseConfig, overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    database,
    port: 0,
    host: '127.0.0.1',
    nodeEnv: 'test',
    production: false,
    logLevel: (process.env.TEST_LOG_LEVEL as AppConfig['logLevel'] | undefined) ?? 'silent',
    seedDemo: true,
    bcryptRounds: 4,
    loadingStrategy: 'eager',
    queryDepthLimit: 10,
    // The documented defaults, so that tests exercise what users get.
    limits: loadConfig({}).limits,
    loadingStrategyHeader: 'all',
    introspection: true,
    maxConnections: 1_000,
    trustProxy: ['loopback'],
    sqliteBusyTimeoutMs: 2_000,
    trustedDocuments: { mode: 'allow', bypassRoles: ['editor', 'admin'] },
    playground: true,
    corsOrigins: ['*'],
    sqlStats: true,
    // TEST_GRAPHQL_COMPILE_AFTER=1 runs every query compiled from its first execution (CI does on PostgreSQL).
    compileQueriesAfter: loadConfig({ GRAPHQL_COMPILE_AFTER: process.env.TEST_GRAPHQL_COMPILE_AFTER }).compileQueriesAfter,
    // The documented defaults (capped at 10,000): the test data is far smaller, so every count is exact.
    counts: loadConfig({}).counts,
    documentCacheBytes: loadConfig({}).documentCacheBytes,
    jwtSecret: 'test-secret-that-is-long-enough-for-hs256',
    jwtSecretGenerated: false,
    jwtTtlSeconds: 3600,
    metrics: { enabled: false },
    live: loadConfig({}).live,
    replicas: { urls: [], maxLagSeconds: 30, checkIntervalMs: 5_000 },
    // Statement budgets count the role check's read of the account; the viewer cache, which spares
    // it on PostgreSQL, has its own tests (test/modules/viewer-cache.test.ts).
    viewerCache: { enabled: false, ...(listenUrlFor(database) && { listenUrl: listenUrlFor(database) }) },
    responseCache: { enabled: true, maxBytes: 8 * 1024 * 1024 },
    ...overrides,
  };
}
