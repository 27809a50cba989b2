import 'reflect-metadata';
import { SeedRefusedError, seedScaled } from '../../seeders/scaled/seed.js';
import { loadConfig } from '../config.js';
import { openOrm, redactUrl } from '../db/orm.js';
import { parseCommand, wholeNumber } from './args.js';
import { terminalProgress } from './progress.js';
import { runCli } from './run.js';

const usage = `usage: npm run db:seed -- [--scale N] [--seed N] [--fresh] [--with-demo-accounts]
  loads the deterministic scalable dataset into DATABASE_URL (migrating it first)
  --scale N               1 to 100 (default 1: about the book's dataset + 100,000 page views)
  --seed N                Faker's seed (default 1): the same scale and seed give the same rows and keys
  --fresh                 wipe every table first (a database holding data is refused otherwise)
  --with-demo-accounts    also editor/editor and basic/basic (CI and demos; refused in production)`;

/** Migrates DATABASE_URL and loads the deterministic scalable dataset into it. */
async function main(args: string[]): Promise<number> {
  const { values } = parseCommand(args, { scale: 'value', seed: 'value', fresh: 'flag', 'with-demo-accounts': 'flag' });
  const scale = wholeNumber('scale', values.scale, 1, { min: 1, max: 100 });
  const seed = wholeNumber('seed', values.seed, 1, { min: -(2 ** 31), max: 2 ** 31 - 1 });
  const config = loadConfig(process.env, { requireJwtSecret: false });
  if (values['with-demo-accounts'] && config.production) {
    console.error('error: --with-demo-accounts creates accounts whose passwords are their names: never in production (npm run user -- create makes real ones)');
    return 1;
  }
  const orm = await openOrm(config.database);
  try {
    await orm.migrator.up();
    const started = performance.now();
    const rows = await seedScaled(orm, {
      scale,
      seed,
      fresh: values.fresh ?? false,
      progress: terminalProgress(),
      demoAccounts: values['with-demo-accounts'] ? { bcryptRounds: config.bcryptRounds } : undefined,
    });
    const seconds = (performance.now() - started) / 1000;
    const total = Object.values(rows).reduce((a, b) => a + b, 0);
    const detail = Object.entries(rows)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ');
    console.log(
      `seeded scale ${scale} (seed ${seed}) into ${config.database.dialect} ${redactUrl(config.database.url)}: ${total} rows in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} rows/s) — ${detail}`,
    );
    return 0;
  } finally {
    await orm.close();
  }
}

runCli({ usage, main, expected: [SeedRefusedError] });
