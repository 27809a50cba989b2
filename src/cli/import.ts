import 'reflect-metadata';
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openOrm } from '../db/orm.js';
import { importFile, importFolder } from '../modules/data/csv-import.js';
import { ImportError } from '../modules/data/csv.js';
import { terminalProgress } from './progress.js';
import { runCli } from './run.js';

const usage = 'usage: npm run db:import -- <folder>   |   npm run db:import -- --file <path/to/products.csv>';

/** Imports the book's CSV files into DATABASE_URL (migrating it first). */
async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { file: { type: 'string' } } });
  const target = values.file ?? positionals[0];
  if (!target || positionals.length > 1) {
    console.error(usage);
    return 2;
  }
  const orm = await openOrm(loadConfig(process.env, { requireJwtSecret: false }).database);
  const progress = terminalProgress();
  try {
    await orm.migrator.up();
    const stats = values.file || statSync(target).isFile() ? [await importFile(orm, target, progress)] : await importFolder(orm, target, progress);
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

runCli(main);
