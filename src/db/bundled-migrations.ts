import type { MigrationObject } from '@mikro-orm/core';
import type { DatabaseConfig } from '../config.js';

/**
 * The migrations inside a bundle of the service, per dialect: undefined here, where the migrator
 * finds them as files in migrations/<dialect>/. The bundle of the server (bin/bundle-server.mjs)
 * replaces this module with one that imports every compiled migration, because a migration file
 * loaded by path would import its own copy of MikroORM next to the bundled one.
 */
export const bundledMigrations: Partial<Record<DatabaseConfig['dialect'], MigrationObject[]>> | undefined = undefined;
