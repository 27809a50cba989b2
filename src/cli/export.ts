import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { exportJson } from '../modules/data/json-export.js';
import { parseCommand } from './args.js';
import { requireWritableTarget } from './files.js';
import { openMigrated } from './migrated.js';
import { terminalProgress } from './progress.js';
import { runCli } from './run.js';

const usage = `usage: npm run db:export -- <file.json>
  every table of DATABASE_URL as one streamed JSON document; the file holds password hashes,
  so it is written readable by its owner only (mode 0600)`;

/** npm run db:export -- <file.json>: every table of DATABASE_URL as one streamed JSON document. */
async function main(args: string[]): Promise<number> {
  const [file] = parseCommand(args, {}, { min: 1, max: 1 }).positionals as [string];
  requireWritableTarget(file);
  const config = loadConfig(process.env, { requireJwtSecret: false }).database;
  const orm = await openMigrated(config);
  try {
    const started = performance.now();
    const counts = await exportJson(orm, file, terminalProgress());
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(
      `exported ${total} rows to ${file} (mode 0600: it holds password hashes, keep it secret) in ${((performance.now() - started) / 1000).toFixed(1)} s — ${Object.entries(counts)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ')}`,
    );
    return 0;
  } finally {
    await orm.close();
  }
}

runCli({ usage, main });
