import pg from 'pg';
import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import type { Services } from '../context.js';
import { clusterLimitStore, memoryLimitStore, postgresLimitStore, type LimitStore } from '../graphql/limit-store.js';
import { createWriteLimits } from '../graphql/write-limits.js';
import { LoginLimiter } from '../modules/wiki/login-limiter.js';
import { passwordPolicy } from '../modules/wiki/password-policy.js';
import { PasswordHasher } from '../modules/wiki/passwords.js';
import { TokenService } from '../modules/wiki/tokens.js';
import type { ViewerCache } from '../modules/wiki/viewer-cache.js';

/** Settings that start the service but deserve a line in its log. */
export function warnAboutSettings(config: AppConfig, logger: Logger): void {
  if (config.jwtSecretGenerated) {
    logger.warn('JWT_SECRET is not set: using a per-process secret, so tokens die with this process (never do this in production)');
  }
  if (config.production && config.trustProxy === true) {
    logger.warn("TRUST_PROXY=true believes every client's X-Forwarded-For: anyone can claim any address and step around the sign-in and write limits; list your proxies' addresses or ranges instead");
  }
}

/**
 * Where every rate limit counts: where all the processes that serve this database see the same
 * counts (PostgreSQL; on SQLite a cluster's primary, or this process). `pool` is the caller's to end.
 */
export function openLimitStore(config: AppConfig, logger: Logger, inPrimary: boolean): { store: LimitStore; pool?: pg.Pool } {
  // A pool of its own: a login's transaction already holds one of the ORM's connections, and a
  // burst of logins waiting for a second one from the same pool would starve it.
  const pool = config.database.dialect === 'postgresql' ? new pg.Pool({ connectionString: config.database.url, max: 4, connectionTimeoutMillis: 5_000 }) : undefined;
  pool?.on('error', (error) => logger.warn({ err: error }, 'rate-limit store: connection error'));
  return { store: pool ? postgresLimitStore(pool) : inPrimary ? clusterLimitStore() : memoryLimitStore(), pool };
}

/** What resolvers use beyond the database: tokens, passwords, limits and the viewer cache. */
export function createServices(config: AppConfig, limitStore: LimitStore, viewers: ViewerCache | undefined, live: Services['live']): Services {
  return {
    tokens: new TokenService(config.jwtSecret, config.jwtTtlSeconds),
    passwords: new PasswordHasher(config.bcryptRounds),
    limiter: new LoginLimiter({ store: limitStore }),
    passwordPolicy: passwordPolicy(config.production),
    writeLimits: createWriteLimits(limitStore),
    counts: config.counts,
    viewers,
    live,
  };
}
