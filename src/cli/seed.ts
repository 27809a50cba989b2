import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { SeedRefusedError, seedScaled } from '../../seeders/scaled/seed.js';
import { loadConfig } from '../config.js';
import { openOrm, redactUrl } from '../db/orm.js';
import { terminalProgress } from './progress.js';
import { runCli } from './run.js';

const usage = 'usage: npm run db:seed -- [--scale N] [--seed N] [--fresh] [--with-demo-accounts]';

/** Migrates DATABASE_URL and loads the deterministic scalable dataset into it. */
async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { scale: { type: 'string', default: '1' }, seed: { type: 'string', default: '1' }, fresh: { type: 'boolean', default: false }, 'with-demo-accounts': { type: 'boolean', default: false } } });
  const scale = Number(values.scale);
  const seed = Number(values.seed);
  if (!Number.isInteger(scale) || scale < 1 || scale > 100 || !Number.isInteger(seed)) {
    console.error(`${usage}\n  --scale must be an integer from 1 to 100, --seed an integer`);
    return 2;
  }
  const config = loadConfig(process.env, { requireJwtSecret: false });
  if (values['with-demo-accounts'] && config.production) {
    console.error('error: --with-demo-accounts creates accounts whose passwords are their names: never in production (npm run user -- create makes real ones)');
    return 1;
  }
  const orm = await openOrm(config.database);
  try {
    await orm.migrator.up();
    const started = performance.now();
    const rows = await seedScaled(orm, { scale, seed, fresh: values.fresh, progress: terminalProgress(), demoAccounts: values['with-demo-accounts'] ? { bcryptRounds: config.bcryptRounds } : undefined });
    const seconds = (performance.now() - started) / 1000;
    const total = Object.values(rows).reduce((a, b) => a + b, 0);
    const detail = Object.entries(rows).map(([t, n]) => `${t} ${n}`).join(', ');
    console.log(`seeded scale ${scale} (seed ${seed}) into ${config.database.dialect} ${redactUrl(config.database.url)}: ${total} rows in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} rows/s) — ${detail}`);
    return 0;
  } finally {
    await orm.close();
  }
}

runCli(main, [SeedRefusedError]);
