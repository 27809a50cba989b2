import { SqliteDriver } from '@mikro-orm/sqlite';
import type { MikroORM } from '@mikro-orm/sql';
import { afterAll, describe, expect, it } from 'vitest';
import { openOrm } from '../../src/db/orm.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testDialect } from '../support/target.js';

// About a millisecond of SQLite work per statement.
const SLOW = 'with recursive c(x) as (select 1 union all select x + 1 from c where x < 20000) select count(*) as n from c';

/** Runs 40 slow statements one after another; whether a timer set before them fired before they ended. */
async function timerRanDuring(orm: MikroORM): Promise<boolean> {
  const em = orm.em.fork();
  let fired = false;
  const timer = setTimeout(() => (fired = true), 0);
  const started = performance.now();
  for (let i = 0; i < 40; i++) await em.getConnection().execute(SLOW);
  const during = fired;
  clearTimeout(timer);
  expect(performance.now() - started).toBeGreaterThan(10);
  return during;
}

describe.runIf(testDialect() === 'sqlite')('SQLite statements take turns with the event loop (src/db/sqlite-turns.ts)', () => {
  const opened: { orm: MikroORM; db: TestDatabase }[] = [];
  const open = async (extra = {}) => {
    const db = await createTestDatabase();
    const orm = await openOrm(db.config, { entities: [], discovery: { warnWhenNoEntities: false }, extensions: [], ...extra });
    opened.push({ orm, db });
    return orm;
  };
  afterAll(async () => {
    for (const { orm, db } of opened) {
      await orm.close(true);
      await db.drop();
    }
  });

  it('lets a timer run between the statements of a long run', async () => {
    expect(await timerRanDuring(await open())).toBe(true);
  });

  it("MikroORM's own SQLite driver does not (why the turns exist)", async () => {
    expect(await timerRanDuring(await open({ driver: SqliteDriver }))).toBe(false);
  });
});
