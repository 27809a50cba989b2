import { createRequire } from 'node:module';
import type { MikroORM } from '@mikro-orm/sql';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrm } from '../../src/db/orm.js';
import { parsedStatements } from '../../src/seams/pg.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testDialect } from '../support/target.js';

// The pg that MikroORM's pools are made of (it pins its own copy), and the one checked on.
const CHECKED = 'pg 8.23.0 and 8.23.1';
const fromMikroOrm = createRequire(createRequire(import.meta.url).resolve('@mikro-orm/postgresql'));
const installed = (fromMikroOrm('pg/package.json') as { version: string }).version;
const contract = (assumption: string) => `pg seam (src/seams/pg.ts), checked on ${CHECKED}, installed for MikroORM ${installed}: ${assumption}`;

describe.runIf(testDialect() === 'postgresql')('pg contract (PostgreSQL)', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let client: pg.PoolClient;
  beforeAll(async () => {
    db = await createTestDatabase();
    orm = await openOrm(db.config, { entities: [], discovery: { warnWhenNoEntities: false }, extensions: [] });
    client = await ((await orm.em.getConnection().getNativeClient()) as pg.Pool).connect();
  });
  afterAll(async () => {
    client?.release();
    await orm?.close(true);
    await db?.drop();
  });

  it("1. a client's connection.parsedStatements holds each named statement it parsed; after deallocate the name must be deleted there", async () => {
    const statements = parsedStatements(client);
    expect(statements, contract('client.connection.parsedStatements is an object')).toBeTypeOf('object');
    await client.query({ name: 'seam_one', text: 'select 1 as one' });
    expect(statements.seam_one, contract('a named query leaves its text under its name')).toBe('select 1 as one');

    await client.query('deallocate seam_one');
    // Still listed, pg skips the Parse: the server no longer knows the name.
    await expect(client.query({ name: 'seam_one', text: 'select 1 as one' }), contract('pg skips the Parse of a name it holds')).rejects.toThrow(/prepared statement "seam_one" does not exist/);

    delete statements.seam_one;
    const { rows } = await client.query<{ one: number }>({ name: 'seam_one', text: 'select 1 as one' });
    expect(rows, contract('deleting the name makes pg parse it again')).toEqual([{ one: 1 }]);
  });
});
