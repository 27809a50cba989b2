import 'reflect-metadata';
import { statSync } from 'node:fs';
import { loadConfig, parseDatabaseUrl, type DatabaseConfig } from '../config.js';
import { openOrm } from '../db/orm.js';
import { DumpError } from '../modules/data/json-import.js';
import { adoptBookDatabase } from '../modules/data/book-adopt.js';
import { terminalProgress } from './progress.js';
import { parseOptions, runCli } from './run.js';

const USAGE = 'usage: npm run db:adopt -- --from <url of the book\'s database> [--max-temp-mb N]   (into DATABASE_URL, which must be empty)';
const DEFAULT_MAX_TEMP_MB = 1024;

/** A SQLite source must be an existing file: opening a missing one would create it, empty. */
function checkSource(db: DatabaseConfig, given: string): void {
  if (db.dialect !== 'sqlite') return;
  if (db.url === ':memory:') throw new DumpError(`--from ${given} is an in-memory database: name the book's SQLite file`);
  if (!statSync(db.url, { throwIfNoEntry: false })?.isFile()) {
    throw new DumpError(`no SQLite file at ${db.url} (from --from ${given}; sqlite:///relative/path or sqlite:////absolute/path)`);
  }
}

/**
 * npm run db:adopt -- --from URL: a RetroFun database built by the book's SQLAlchemy code, copied
 * into this service's database (migrated first). The book's database is only read, and only its
 * tables: accounts, the wiki and the staff start empty.
 */
async function main(args: string[]): Promise<number> {
  const values = parseOptions(args, ['from', 'max-temp-mb'], ['from'], USAGE);
  if (!values) return 2;
  const maxTempMb = Number(values['max-temp-mb'] ?? DEFAULT_MAX_TEMP_MB);
  if (!Number.isInteger(maxTempMb) || maxTempMb < 1) {
    console.error(`${USAGE}\n  --max-temp-mb must be a whole number of megabytes, at least 1`);
    return 2;
  }
  const from = parseDatabaseUrl(values.from!);
  checkSource(from, values.from!);
  const source = await openOrm(from, { entities: [], discovery: { warnWhenNoEntities: false } });
  try {
    const target = await openOrm(loadConfig(process.env, { requireJwtSecret: false }).database);
    try {
      await target.migrator.up();
      const started = performance.now();
      const outcome = await adoptBookDatabase(source, target, { progress: terminalProgress(), maxTempBytes: maxTempMb * 2 ** 20 });
      const total = Object.values(outcome.rows).reduce((a, b) => a + b, 0);
      console.log(`adopted ${total} rows from ${outcome.found.length} of the book's tables in ${((performance.now() - started) / 1000).toFixed(1)} s — ${Object.entries(outcome.rows).map(([t, n]) => `${t} ${n}`).join(', ')}`);
      if (outcome.missing.length) console.log(`not in the book's database (left empty): ${outcome.missing.join(', ')}`);
      console.log(`never adopted (accounts, wiki and staff start empty; create the first admin with npm run user -- create NAME --role admin): ${outcome.neverAdopted.join(', ')}`);
      if (outcome.ignored.length) console.log(`ignored in the book's database, not copied: ${outcome.ignored.join(', ')}`);
      return 0;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

runCli(main, [DumpError]);
