import 'reflect-metadata';
import { loadConfig, parseDatabaseUrl } from '../config.js';
import { openOrm } from '../db/orm.js';
import { DumpError } from '../modules/data/json-import.js';
import { adoptBookDatabase } from '../modules/data/book-adopt.js';
import { terminalProgress } from './progress.js';
import { parseOptions, runCli } from './run.js';

const USAGE = 'usage: npm run db:adopt -- --from <url of the book\'s database>   (into DATABASE_URL, which must be empty)';

/**
 * npm run db:adopt -- --from URL: a RetroFun database built by the book's SQLAlchemy code, copied
 * into this service's database (migrated first). The book's database is only read.
 */
async function main(args: string[]): Promise<number> {
  const values = parseOptions(args, ['from'], ['from'], USAGE);
  if (!values) return 2;
  const target = await openOrm(loadConfig(process.env, { requireJwtSecret: false }).database);
  try {
    await target.migrator.up();
    const source = await openOrm(parseDatabaseUrl(values.from!), { entities: [], discovery: { warnWhenNoEntities: false } });
    try {
      const started = performance.now();
      const { rows, found, missing } = await adoptBookDatabase(source, target, terminalProgress());
      const total = Object.values(rows).reduce((a, b) => a + b, 0);
      console.log(`adopted ${total} rows from ${found.length} of the book's tables in ${((performance.now() - started) / 1000).toFixed(1)} s — ${Object.entries(rows).map(([t, n]) => `${t} ${n}`).join(', ')}`);
      if (missing.length) console.log(`not in the book's database (left empty): ${missing.join(', ')}`);
      return 0;
    } finally {
      await source.close();
    }
  } finally {
    await target.close();
  }
}

runCli(main, [DumpError]);
