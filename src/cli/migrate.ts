import 'reflect-metadata';
import { loadConfig, type DatabaseConfig } from '../config.js';
import { createDatabaseIfMissing, openOrm } from '../db/orm.js';
import { CommandError, parseCommand, quote, UsageError } from './args.js';
import { runCli } from './run.js';

const usage = `usage: npm run db:migrate -- [up [--create-database] | down [--to NAME|0] | pending | create [NAME] | check]
  up       apply pending migrations to DATABASE_URL (default); --create-database first creates
           a PostgreSQL database that does not exist yet (nothing else ever creates one)
  down     undo the last migration; --to NAME undoes those after NAME, --to 0 undoes them all
  pending  list migrations not yet applied
  create   generate a migration from the entity changes, for SQLite and for PostgreSQL
           (PostgreSQL is read from DATABASE_URL_PG, or DATABASE_URL when it is PostgreSQL)
  check    exit 1 when the entities differ from either dialect's migrations`;

/** The other dialect's connection, for commands that must cover both migration sets. */
function bothDialects(): DatabaseConfig[] {
  const { database: primary, migrationsPostgresUrl } = loadConfig(process.env, { requireJwtSecret: false });
  const pgUrl = migrationsPostgresUrl ?? (primary.dialect === 'postgresql' ? primary.url : undefined);
  if (!pgUrl) throw new CommandError('set DATABASE_URL_PG to a PostgreSQL database: the PostgreSQL migration set is generated against it');
  return [
    { dialect: 'sqlite', url: ':memory:' },
    { dialect: 'postgresql', url: pgUrl },
  ];
}

/** Which options each subcommand takes, and how many names after it. */
const SUBCOMMANDS: Record<string, { options: string[]; names: number }> = {
  up: { options: ['create-database'], names: 0 },
  down: { options: ['to'], names: 0 },
  pending: { options: [], names: 0 },
  create: { options: [], names: 1 },
  check: { options: [], names: 0 },
};

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, { to: 'value', 'create-database': 'flag' }, { max: 2 });
  const [command = 'up', name] = positionals;
  const spec = SUBCOMMANDS[command];
  if (!spec) throw new UsageError(`unknown command ${quote(command)}`);
  if (positionals.length - 1 > spec.names) throw new UsageError(`unexpected argument ${quote(positionals[spec.names + 1]!)}`);
  const misplaced = Object.keys(values).find((option) => !spec.options.includes(option));
  if (misplaced) throw new UsageError(`--${misplaced} does not apply to ${command}`);
  if (command === 'down') {
    const to = values.to;
    const orm = await openOrm(loadConfig(process.env, { requireJwtSecret: false }).database);
    try {
      const executed = (await orm.migrator.getExecuted()).map((m) => m.name);
      if (to !== undefined && to !== '0' && !executed.includes(to)) {
        console.error(`error: "${to}" is not an applied migration (applied: ${executed.join(', ') || 'none'})`);
        return 1;
      }
      const undone = await orm.migrator.down(to === undefined ? undefined : { to: to === '0' ? 0 : to });
      console.log(undone.length ? `undid ${undone.length} migration(s): ${undone.map((m) => m.name).join(', ')}` : 'nothing to undo');
    } finally {
      await orm.close();
    }
    return 0;
  }
  if (command === 'up' || command === 'pending') {
    const create = values['create-database'] === true;
    const db = loadConfig(process.env, { requireJwtSecret: false }).database;
    if (create && db.dialect === 'postgresql' && (await createDatabaseIfMissing(db.url))) console.log(`created the database ${new URL(db.url).pathname.slice(1)}`);
    const orm = await openOrm(db);
    try {
      if (command === 'pending') {
        const pending = await orm.migrator.getPending();
        console.log(pending.length ? pending.map((m) => m.name).join('\n') : 'no pending migrations');
      } else {
        const done = await orm.migrator.up();
        console.log(done.length ? `applied ${done.length} migration(s): ${done.map((m) => m.name).join(', ')}` : 'database is up to date');
      }
    } finally {
      await orm.close();
    }
    return 0;
  }
  // create or check: both migration sets.
  let drift = false;
  for (const db of bothDialects()) {
    const orm = await openOrm(db);
    try {
      if (command === 'create') {
        const result = await orm.migrator.create(undefined, false, false, name);
        console.log(`${db.dialect}: ${result.fileName ? `created ${result.fileName}` : 'no changes'}`);
      } else if (await orm.migrator.checkSchema()) {
        drift = true;
        console.error(`${db.dialect}: the entities differ from migrations/${db.dialect}; run npm run db:migrate -- create`);
      } else {
        console.log(`${db.dialect}: migrations match the entities`);
      }
    } finally {
      await orm.close();
    }
  }
  return drift ? 1 : 0;
}

runCli({ usage, main });
