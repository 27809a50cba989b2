import type { EntityManager, MikroORM } from '@mikro-orm/sql';
import type { Dialect } from '../../src/config.js';
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

/** An index's definition as the database states it (CREATE … INDEX …), or undefined when there is none. */
export async function indexDefinition(em: EntityManager, dialect: Dialect, name: string): Promise<string | undefined> {
  const sql = dialect === 'postgresql' ? 'select indexdef as def from pg_indexes where indexname = ?' : "select sql as def from sqlite_master where type = 'index' and name = ?";
  return (await em.getConnection().execute<{ def: string }[]>(sql, [name]))[0]?.def;
}
