import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../seeders/demo.js';
import { entities } from '../../src/modules/entities.js';
import { LiveEvent } from '../../src/modules/live/live-event.entity.js';
import { openMigratedOrm, type TestOrm } from '../support/orm.js';

/**
 * Loading must not make entities dirty: a type that converts differently on the way in and out
 * (SQLite keeps datetimes as numbers) would otherwise turn every read into an UPDATE at the next
 * flush. Every entity is read back and compared with its snapshot.
 */
describe('hydration', () => {
  let t: TestOrm;
  beforeAll(async () => {
    t = await openMigratedOrm();
    await seedDemo(t.orm.em, { withUsers: true, bcryptRounds: 4 });
    // The demo data announces nothing: one event of the live log, as a write would leave it.
    await t.orm.em.fork().insert(LiveEvent, { topic: 'order', subjectId: '00000000-0000-4000-8000-000000000001', otherId: null, createdAt: new Date() });
  });
  afterAll(() => t?.close());

  it.each(entities.map((e) => [e.name, e] as const))('%s rows read back unchanged', async (_name, entity) => {
    const em = t.orm.em.fork();
    const rows = await em.find(entity, {});
    expect(rows.length).toBeGreaterThan(0);
    const uow = em.getUnitOfWork();
    uow.computeChangeSets();
    expect(uow.getChangeSets().map((cs) => cs.payload)).toEqual([]);
  });
});
