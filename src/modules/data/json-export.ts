import type { MikroORM } from '@mikro-orm/sql';
import type { Progress } from '../../cli/progress.js';
import { dumpTables, toJsonValue } from './dump-format.js';
import { DumpWriter } from './dump-writer.js';

/**
 * Writes every table as JSON — `{ format, version, tables: { <table>: [rows…] } }` — streaming
 * rows from the database to the file, so memory stays flat whatever the size. Keys are kept.
 * The file holds password hashes: treat it as a secret.
 */
export async function exportJson(orm: MikroORM, file: string, progress: Progress): Promise<Record<string, number>> {
  const em = orm.em.fork();
  const out = await DumpWriter.open(file);
  const counts: Record<string, number> = {};
  for (const { meta, columns } of dumpTables(em)) {
    const total = await em.count(meta.class, {});
    progress.step(meta.tableName, total);
    await out.table(meta.tableName);
    const order = meta
      .getPrimaryProps()
      .flatMap((p) => p.fieldNames)
      .join(', ');
    const sql = `select ${columns.map((c) => c.column).join(', ')} from ${meta.tableName} order by ${order}`;
    let n = 0;
    for await (const row of em.getConnection().stream(sql) as AsyncIterable<Record<string, unknown>>) {
      await out.row(Object.fromEntries(columns.map(({ column, prop }) => [column, toJsonValue(prop, row[column])])));
      n += 1;
      if (n % 1000 === 0) progress.advance(1000);
    }
    progress.advance(n % 1000);
    counts[meta.tableName] = n;
  }
  await out.close();
  progress.done();
  return counts;
}
