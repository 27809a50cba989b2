import 'reflect-metadata';
import { statSync } from 'node:fs';
import { loadConfig, type DatabaseConfig } from '../config.js';
import { openOrm } from '../db/orm.js';
import { DumpError } from '../modules/data/json-import.js';
import { adoptBookDatabase } from '../modules/data/book-adopt.js';
import { databaseUrlOption, parseCommand, UsageError, wholeNumber } from './args.js';
import { terminalProgress } from './progress.js';
import { runCli } from './run.js';

const DEFAULT_MAX_TEMP_MB = 1024;
const usage = `usage: npm run db:adopt -- --from <url of the book's database> [--max-temp-mb N]
  copies a database built by the book's SQLAlchemy code into DATABASE_URL, which must be empty
  --max-temp-mb N   bound of the temporary dump, in megabytes (default ${DEFAULT_MAX_TEMP_MB})`;

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
  const { values } = parseCommand(args, { from: 'value', 'max-temp-mb': 'value' });
  if (values.from === undefined) throw new UsageError('--from is required');
  const maxTempMb = wholeNumber('max-temp-mb', values['max-temp-mb'], DEFAULT_MAX_TEMP_MB, { min: 1, max: 2 ** 20 });
  const from = databaseUrlOption('from', values.from);
  checkSource(from, values.from);
  const source = await openOrm(from, { entities: [], discovery: { warnWhenNoEntities: false } });
  try {
    const target = await openOrm(loadConfig(process.env, { requireJwtSecret: false }).database);
    try {
      await target.migrator.up();
      const started = performance.now();
      const outcome = await adoptBookDatabase(source, target, { progress: terminalProgress(), maxTempBytes: maxTempMb * 2 ** 20 });
      const total = Object.values(outcome.rows).reduce((a, b) => a + b, 0);
      console.log(
        `adopted ${total} rows from ${outcome.found.length} of the book's tables in ${((performance.now() - started) / 1000).toFixed(1)} s — ${Object.entries(outcome.rows)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ')}`,
      );
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

runCli({ usage, main, expected: [DumpError] });
