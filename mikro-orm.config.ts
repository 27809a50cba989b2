import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Options } from '@mikro-orm/sql';
import { Migrator } from '@mikro-orm/migrations';
import { SeedManager } from '@mikro-orm/seeder';
import { loadConfig, loadDotEnv, sqliteDirectory, type DatabaseConfig } from './src/config.js';
import { entities } from './src/modules/entities.js';
import { preparingDriver } from './src/db/prepared-statements.js';
import { TurnTakingSqliteDriver } from './src/db/sqlite-turns.js';
import { nameForeignKeys, RetroFunNamingStrategy } from './src/db/naming.js';
import { bundledMigrations } from './src/db/bundled-migrations.js';

const root = path.dirname(fileURLToPath(import.meta.url));

/** Where a dialect's migration set lives: MikroORM migrations are SQL for one dialect. */
export function migrationsPath(dialect: DatabaseConfig['dialect']): string {
  return path.join(root, 'migrations', dialect);
}

/**
 * The one ORM configuration, used by the app, the MikroORM CLI, seeders and tests.
 * Only the connection differs between SQLite and PostgreSQL.
 */
export function createOrmOptions(db: DatabaseConfig, extra: Partial<Options> = {}): Options {
  const connection: Partial<Options> = db.dialect === 'postgresql' ? { driver: preparingDriver(db.preparedStatements), clientUrl: db.url } : { driver: TurnTakingSqliteDriver, dbName: db.url };
  return {
    ...connection,
    entities,
    namingStrategy: RetroFunNamingStrategy,
    discovery: { afterDiscovered: nameForeignKeys },
    extensions: [Migrator, SeedManager],
    // Each request gets its own fork; using the global EntityManager is a bug we want to hear about.
    allowGlobalContext: false,
    // PostgreSQL: never create a database on connect (MikroORM's default): a misspelled name would
    // start an empty store. A missing one is an error naming it; `npm run db:migrate --
    // --create-database` creates it on purpose. SQLite creates its file, as a development default should.
    ensureDatabase: db.dialect === 'sqlite',
    schemaGenerator: {
      // PostgreSQL notifies account changes with a trigger and its function (migration
      // account_notices): a migration's, not an entity's, so MikroORM must not drop them.
      ignoreTriggers: true,
      ignoreRoutines: true,
      skipTables: [
        // The login rate limits' table (PostgreSQL): created by a migration, used by rate-limiter-flexible, not an entity.
        'rate_limits',
        // Each public table's version (migration table_versions), bumped by triggers: read by src/db/table-versions.ts, not an entity.
        'table_versions',
        // PostgreSQL partitions page views by month (migration partition_blog_views): its primary key
        // must include the partition key, (id, timestamp), and its partitions come and go with
        // db:maintain; the entity keeps id as its identity. MikroORM would "fix" both, so its hands are off.
        ...(db.dialect === 'postgresql' ? ['blog_views'] : []),
      ],
    },
    ...(db.poolMax ? { pool: { max: db.poolMax } } : {}),
    migrations: {
      // In the server's bundle: its own migrations, the same names as the files (none loaded by path).
      ...(bundledMigrations && { migrationsList: bundledMigrations[db.dialect] ?? [] }),
      path: migrationsPath(db.dialect),
      pathTs: migrationsPath(db.dialect),
      glob: '!(*.d).{js,ts}',
      snapshotName: '.snapshot',
      // The committed snapshot describes the entities, not whatever database last ran the migrations.
      snapshotOnMigrate: false,
      silent: true,
      transactional: true,
      allOrNothing: true,
      emit: 'ts',
    },
    seeder: { path: path.join(root, 'seeders'), pathTs: path.join(root, 'seeders') },
    ...extra,
  } as Options;
}

/**
 * For the MikroORM CLI: a factory, so that importing this file reads no environment. Like the
 * app, it reads .env and creates the SQLite file's folder, so `npx mikro-orm …` works on a
 * fresh clone with no DATABASE_URL at all.
 */
export default () => {
  loadDotEnv();
  const db = loadConfig(process.env, { requireJwtSecret: false }).database;
  const dir = sqliteDirectory(db);
  if (dir) mkdirSync(dir, { recursive: true });
  return createOrmOptions(db);
};
