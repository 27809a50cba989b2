import type { MikroORM } from '@mikro-orm/sql';
import { openOrm } from '../../src/db/orm.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestOrm {
  orm: MikroORM;
  db: TestDatabase;
  close(): Promise<void>;
}

/** A fresh database of the selected dialect with every migration applied. */
export async function openMigratedOrm(): Promise<TestOrm> {
  const db = await createTestDatabase();
  const orm = await openOrm(db.config);
  await orm.migrator.up();
  return {
    orm,
    db,
    close: async () => {
      await orm.close(true);
      await db.drop();
    },
  };
}
