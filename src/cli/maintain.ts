import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { maintainViewPartitions, MONTHS_AHEAD } from '../modules/blog/view-partitions.js';
import { parseCommand, wholeNumber } from './args.js';
import { openMigrated } from './migrated.js';
import { runCli } from './run.js';

const usage = `usage: npm run db:maintain [-- --ahead N]
  PostgreSQL: creates page views' monthly partitions for this month and the next N (0 to 120, default ${MONTHS_AHEAD}),
  and gives every month with rows in the default partition its own partition, moving those rows.
  Safe to run at any time and as often as wanted (cron); the service does the first part at start-up.`;

async function main(args: string[]): Promise<number> {
  const { values } = parseCommand(args, { ahead: 'value' });
  const ahead = wholeNumber('ahead', values.ahead, MONTHS_AHEAD, { min: 0, max: 120 });
  const db = loadConfig(process.env, { requireJwtSecret: false }).database;
  if (db.dialect !== 'postgresql') {
    console.log('SQLite keeps page views in one table: nothing to maintain');
    return 0;
  }
  const orm = await openMigrated(db);
  try {
    const started = performance.now();
    const { created, moved, partitions } = await maintainViewPartitions(orm.em, { monthsAhead: ahead, splitDefault: true });
    for (const name of created) console.log(`created ${name}`);
    console.log(
      `page views: ${created.length} partition(s) created, ${moved} row(s) moved out of the default partition, ${partitions} partition(s) in all (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    return 0;
  } finally {
    await orm.close();
  }
}

runCli({ usage, main });
