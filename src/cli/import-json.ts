import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { openOrm } from '../db/orm.js';
import { DumpError, importJson } from '../modules/data/json-import.js';
import { parseCommand } from './args.js';
import { requireExisting } from './files.js';
import { terminalProgress } from './progress.js';
import { runCli } from './run.js';

const usage = `usage: npm run db:import-json -- <file.json>
  restores a db:export dump into an empty DATABASE_URL (migrating it first), in one transaction`;

/** npm run db:import-json -- <file.json>: restores a db:export dump into an empty DATABASE_URL. */
async function main(args: string[]): Promise<number> {
  const [file] = parseCommand(args, {}, { min: 1, max: 1 }).positionals as [string];
  requireExisting(file);
  const orm = await openOrm(loadConfig(process.env, { requireJwtSecret: false }).database);
  try {
    await orm.migrator.up();
    const started = performance.now();
    const counts = await importJson(orm, file, terminalProgress());
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(
      `restored ${total} rows from ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s — ${Object.entries(counts)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ')}`,
    );
    return 0;
  } catch (error) {
    if (error instanceof DumpError) {
      console.error(`restore failed, nothing was written — ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await orm.close();
  }
}

runCli({ usage, main });
