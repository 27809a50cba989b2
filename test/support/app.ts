import type { Logger } from 'pino';
import { bootstrap, type App } from '../../src/app.js';
import type { AppConfig } from '../../src/config.js';
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

/** Boots the real service (migrations, optional demo data, HTTP on a free port) on a fresh database. */
export async function startTestApp(overrides: Partial<AppConfig> = {}, logger?: Logger): Promise<TestApp> {
  const db = await createTestDatabase();
  const config: AppConfig = {
    database: db.config,
    port: 0,
    nodeEnv: 'test',
    production: false,
    logLevel: (process.env.TEST_LOG_LEVEL as AppConfig['logLevel'] | undefined) ?? 'silent',
    seedDemo: true,
    bcryptRounds: 4,
    loadingStrategy: 'eager',
    queryDepthLimit: 10,
    sqlStats: true,
    jwtSecret: 'test-secret-that-is-long-enough-for-hs256',
    jwtSecretGenerated: false,
    jwtTtlSeconds: 3600,
    ...overrides,
  };
  const app = await bootstrap({ config, port: 0, logger });
  return {
    app,
    db,
    config,
    async gql(query, variables, headers = {}) {
      const res = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLResponse<never>;
    },
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
