import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { openOrm } from '../db/orm.js';
import { exportJson } from '../modules/data/json-export.js';
import { terminalProgress } from './progress.js';
import { runCli } from './run.js';

/** npm run db:export -- <file.json>: every table of DATABASE_URL as one streamed JSON document. */
async function main(args: string[]): Promise<number> {
  if (args.length !== 1) {
    console.error('usage: npm run db:export -- <file.json>');
    return 2;
  }
  const orm = await openOrm(loadConfig(process.env, { requireJwtSecret: false }).database);
  try {
    const started = performance.now();
    const counts = await exportJson(orm, args[0]!, terminalProgress());
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`exported ${total} rows to ${args[0]} in ${((performance.now() - started) / 1000).toFixed(1)} s — ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);
    return 0;
  } finally {
    await orm.close();
  }
}

runCli(main);
