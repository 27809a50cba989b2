import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseConfig } from './config/types.js';

// Configuration: the table of variables (src/config/variables.ts), read in one loop
// (src/config/parse.ts) into the AppConfig every other module receives.
export { DEFAULT_SQLITE_PATH, parseDatabaseUrl, type Dialect } from './config/database-url.js';
export { ConfigError } from './config/errors.js';
export { loadConfig, type LoadOptions } from './config/parse.js';
export type { AppConfig, DatabaseConfig, LogLevel, QueryLimits, ReplicaConfig, StrategyHeaderPolicy, ViewerCacheConfig } from './config/types.js';

/** Loads ./.env into the environment, if there is one (variables already set win). */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

/** Absolute path of a SQLite file, so that its folder can be created before connecting. */
export function sqliteDirectory(db: DatabaseConfig): string | undefined {
  if (db.dialect !== 'sqlite' || db.url === ':memory:') return undefined;
  return path.dirname(path.resolve(db.url));
}
