import type { EntityManager } from '@mikro-orm/sql';
import { dialectOf } from './dialect.js';
import { entities } from './entities.js';

/**
 * After rows were inserted with explicit integer keys (seeding, restoring), moves PostgreSQL's
 * serial sequences past the largest key so that later inserts do not collide. SQLite's
 * AUTOINCREMENT follows explicit keys by itself.
 */
export async function resetSequences(em: EntityManager): Promise<void> {
  if (dialectOf(em) !== 'postgresql') return;
  for (const entity of entities) {
    const meta = em.getMetadata(entity);
    const pk = meta.getPrimaryProps();
    if (pk.length !== 1 || pk[0]!.type !== 'integer' || !pk[0]!.autoincrement) continue;
    const column = pk[0]!.fieldNames[0]!;
    await em.execute(
      `select setval(pg_get_serial_sequence('${meta.tableName}', '${column}'), coalesce((select max("${column}") from "${meta.tableName}"), 0) + 1, false)`,
    );
  }
}
