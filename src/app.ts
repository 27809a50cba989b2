import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/sql';
import express from 'express';
import type { Logger } from 'pino';
import { seedDemo } from '../seeders/demo.js';
import type { AppConfig } from './config.js';
import { createContext, type Context, type Services } from './context.js';
import { authenticate } from './graphql/auth.js';
import { LoginLimiter } from './modules/wiki/login-limiter.js';
import { PasswordHasher } from './modules/wiki/passwords.js';
import { passwordPolicy } from './modules/wiki/password-policy.js';
import { createWriteLimits } from './graphql/write-limits.js';
import { TokenService } from './modules/wiki/tokens.js';
import { openOrm } from './db/orm.js';
import { documentLimitsRule } from './graphql/limits/document-limits.js';
import { costLimitPlugin } from './graphql/limits/cost.js';
import { SqlStatementCounter } from './db/sql-stats.js';
import { createErrorFormatter } from './graphql/errors.js';
import { sqlStatsPlugin } from './graphql/sql-stats-plugin.js';
import { strategyFromHeader } from './loading/strategy.js';
import { applyRequestedStrategy } from './loading/strategy-policy.js';
import { requestLoggerPlugin } from './graphql/request-logger.js';
import { createSchema, fieldPlans } from './graphql/schema.js';
import { createLogger } from './logger.js';

export interface BootstrapOptions {
  config: AppConfig;
  logger?: Logger;
  /** Apply pending migrations before serving (default true). */
  migrate?: boolean;
  /** Port to listen on; 0 picks a free one (tests). Defaults to config.port. */
  port?: number;
  host?: string;
}

export interface App {
  orm: MikroORM;
  server: http.Server;
  url: string;
  logger: Logger;
  close(): Promise<void>;
}

/** The only place that wires the service: ORM, migrations, demo data, schema, HTTP. */
export async function bootstrap(options: BootstrapOptions): Promise<App> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const counter = new SqlStatementCounter();
  const orm = await openOrm(config.database, {
    onQuery: counter.onQuery,
    // PostgreSQL stops any one statement that outlives a request's whole time budget.
    ...(config.database.dialect === 'postgresql' ? { driverOptions: { statement_timeout: config.limits.timeoutMs } } : {}),
  });
  try {
    if (options.migrate ?? true) {
      const applied = await orm.migrator.up();
      if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
    }
    if (config.seedDemo) {
      const outcome = await seedDemo(orm.em, { withUsers: !config.production, bcryptRounds: config.bcryptRounds });
      if (outcome.seeded) logger.info({ rows: outcome.rows }, 'loaded the demo dataset into the empty database');
    }
    if (config.jwtSecretGenerated) {
      logger.warn('JWT_SECRET is not set: using a per-process secret, so tokens die with this process (never do this in production)');
    }
    const services: Services = {
      tokens: new TokenService(config.jwtSecret, config.jwtTtlSeconds),
      passwords: new PasswordHasher(config.bcryptRounds),
      limiter: new LoginLimiter(),
      passwordPolicy: passwordPolicy(config.production),
      writeLimits: createWriteLimits(),
    };
    const app = express();
    // Client addresses for login rate limits: trust X-Forwarded-For only from a proxy on this host.
    app.set('trust proxy', 'loopback');
    const server = http.createServer(app);
    const apollo = new ApolloServer<Context>({
      schema: await createSchema(),
      formatError: createErrorFormatter(logger),
      includeStacktraceInErrorResponses: false,
      introspection: true,
      // server.ts owns SIGTERM/SIGINT: Apollo's own handler would re-raise the signal and skip closing the ORM.
      stopOnTerminationSignals: false,
      // Tokens are counted by the parser itself, which stops at the limit rather than after.
      parseOptions: { maxTokens: config.limits.tokens },
      validationRules: [documentLimitsRule({ depth: config.queryDepthLimit, ...config.limits })],
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer: server }),
        requestLoggerPlugin(),
        costLimitPlugin(config.limits.cost, config.sqlStats),
        ...(config.sqlStats ? [sqlStatsPlugin()] : []),
        // No CDN-hosted playground: nothing may be fetched from outside the npm registry.
        ApolloServerPluginLandingPageDisabled(),
      ],
    });
    await apollo.start();
    app.get('/health', async (_req, res) => {
      const db = await orm.checkConnection();
      res.status(db.ok ? 200 : 503).json({ status: db.ok ? 'ok' : 'unavailable', database: config.database.dialect });
    });
    app.use(
      '/graphql',
      express.json({ limit: '1mb' }),
      // After body parsing: everything the request runs from here on counts against its own counter.
      (_req, _res, next) => counter.run(next, { statements: config.limits.statements, timeoutMs: config.limits.timeoutMs }),
      expressMiddleware(apollo, {
        context: async ({ req }) => {
          const ctx = createContext({
            orm,
            logger,
            plans: fieldPlans,
            strategy: config.loadingStrategy,
            sql: counter.current() ?? { statements: 0 },
            auth: await authenticate(req.headers.authorization, services.tokens),
            clientAddress: req.ip ?? 'unknown',
            services,
          });
          await applyRequestedStrategy(ctx, config.loadingStrategyHeader, strategyFromHeader(req.headers['x-loading-strategy']));
          return ctx;
        },
      }),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? config.port, options.host ?? '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const url = `http://${options.host ?? '127.0.0.1'}:${port}/graphql`;
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        await apollo.stop();
        await orm.close();
      })());
    return { orm, server, url, logger, close };
  } catch (error) {
    await orm.close(true);
    throw error;
  }
}
