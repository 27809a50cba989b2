import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { MikroORM } from '@mikro-orm/sql';
import type { Progress } from '../../cli/progress.js';
import { DUMP_FORMAT, DUMP_VERSION, dumpTables, toJsonValue } from './dump-format.js';

/**
 * Writes every table as JSON — `{ format, version, tables: { <table>: [rows…] } }` — streaming
 * rows from the database to the file, so memory stays flat whatever the size. Keys are kept.
 * The file holds password hashes: treat it as a secret.
 */
export async function exportJson(orm: MikroORM, file: string, progress: Progress): Promise<Record<string, number>> {
  const em = orm.em.fork();
  const out = createWriteStream(file, { encoding: 'utf8' });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const counts: Record<string, number> = {};
  await write(`{"format":${JSON.stringify(DUMP_FORMAT)},"version":${DUMP_VERSION},"tables":{`);
  const tables = dumpTables(em);
  for (const [t, { meta, columns }] of tables.entries()) {
    const total = await em.count(meta.class, {});
    progress.step(meta.tableName, total);
    await write(`${t ? ',' : ''}\n${JSON.stringify(meta.tableName)}:[`);
    const order = meta.getPrimaryProps().flatMap((p) => p.fieldNames).join(', ');
    const sql = `select ${columns.map((c) => c.column).join(', ')} from ${meta.tableName} order by ${order}`;
    let n = 0;
    for await (const row of em.getConnection().stream(sql) as AsyncIterable<Record<string, unknown>>) {
      const json = Object.fromEntries(columns.map(({ column, prop }) => [column, toJsonValue(prop, row[column])]));
      await write(`${n ? ',' : ''}\n${JSON.stringify(json)}`);
      n += 1;
      if (n % 1000 === 0) progress.advance(1000);
    }
    progress.advance(n % 1000);
    counts[meta.tableName] = n;
    await write(']');
  }
  await write('\n}}\n');
  out.end();
  await once(out, 'finish');
  progress.done();
  return counts;
}
