import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { openOrm } from '../db/orm.js';
import { importFile, importFolder } from '../modules/data/csv-import.js';
import { ImportError } from '../modules/data/csv.js';
import { parseCommand, UsageError } from './args.js';
import { requireExisting } from './files.js';
import { terminalProgress } from './progress.js';
import { runCli } from './run.js';

const usage = `usage: npm run db:import -- <folder>   |   npm run db:import -- --file <path/to/products.csv>
  imports the book's CSV files into DATABASE_URL (migrating it first), one transaction per file`;

/** Imports the book's CSV files into DATABASE_URL (migrating it first). */
async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, { file: 'value' }, { max: 1 });
  if (values.file !== undefined && positionals.length) throw new UsageError('give either a folder or --file, not both');
  const target = values.file ?? positionals[0];
  if (target === undefined) throw new UsageError('missing the folder or --file to import');
  const kind = requireExisting(target, values.file !== undefined ? 'file' : 'file or folder');
  const orm = await openOrm(loadConfig(process.env, { requireJwtSecret: false }).database);
  const progress = terminalProgress();
  try {
    await orm.migrator.up();
    const stats = kind === 'file' ? [await importFile(orm, target, progress)] : await importFolder(orm, target, progress);
    progress.done();
    for (const s of stats) {
      console.log(`${s.file}: read ${s.read}, inserted ${s.inserted}, skipped ${s.skipped} (already present) in ${s.seconds.toFixed(2)} s`);
    }
    return 0;
  } catch (error) {
    progress.done();
    if (error instanceof ImportError) {
      console.error(`import failed, nothing of this file was written — ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await orm.close();
  }
}

runCli({ usage, main });
