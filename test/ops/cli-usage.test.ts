import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { ROOT, runEntry } from '../support/process.js';

/**
 * Every command of package.json: its entry point and arguments as the npm script passes them, the
 * first words of its usage, an unknown option, and a bad value with the line that names it.
 */
const COMMANDS: { script: string; entry: string; fixed?: string[]; usage: string; bad: string[]; says: RegExp; code?: 1 }[] = [
  { script: 'user', entry: 'src/cli/user', usage: 'usage: npm run user -- <command>', bad: ['create', 'bob', '--role', 'king'], says: /^error: role must be one of basic, editor, admin, got "king"$/ },
  { script: 'db:migrate', entry: 'src/cli/migrate', usage: 'usage: npm run db:migrate -- [up', bad: ['down', '--to'], says: /^error: --to needs a value$/ },
  { script: 'db:migrate:check', entry: 'src/cli/migrate', fixed: ['check'], usage: 'usage: npm run db:migrate -- [up', bad: ['--to', 'x'], says: /^error: --to does not apply to check$/ },
  { script: 'db:seed', entry: 'src/cli/seed', usage: 'usage: npm run db:seed -- [--scale N]', bad: ['--scale', '0'], says: /^error: --scale must be a whole number from 1 to 100, got "0"$/ },
  { script: 'db:import', entry: 'src/cli/import', usage: 'usage: npm run db:import -- <folder>', bad: ['--file', '--scale'], says: /^error: --file needs a value$/ },
  { script: 'db:export', entry: 'src/cli/export', usage: 'usage: npm run db:export -- <file.json>', bad: ['a.json', 'b.json'], says: /^error: unexpected argument "b.json"$/ },
  { script: 'db:import-json', entry: 'src/cli/import-json', usage: 'usage: npm run db:import-json -- <file.json>', bad: ['missing.json'], says: /^error: no file at missing.json$/, code: 1 },
  {
    script: 'db:maintain',
    entry: 'src/cli/maintain',
    usage: 'usage: npm run db:maintain [-- --ahead N]',
    bad: ['--ahead', '-1'],
    says: /^error: --ahead must be a whole number from 0 to 120, got "-1"$/,
  },
  {
    script: 'db:introspect',
    entry: 'src/cli/introspect',
    usage: 'usage: npm run db:introspect -- --out <dir>',
    bad: ['--out', 'x', '--url', 'mysql://h/db'],
    says: /^error: --url: DATABASE_URL scheme "mysql" is not supported/,
  },
  {
    script: 'db:adopt',
    entry: 'src/cli/adopt',
    usage: 'usage: npm run db:adopt -- --from',
    bad: ['--from', 'sqlite:///x.sqlite', '--max-temp-mb', '0'],
    says: /^error: --max-temp-mb must be a whole number from 1 to 1048576, got "0"$/,
  },
  { script: 'schema:emit', entry: 'src/cli/schema', usage: 'usage: npm run schema:emit', bad: ['schema.graphql'], says: /^error: unexpected argument "schema.graphql"$/ },
  { script: 'schema:check', entry: 'src/cli/schema', fixed: ['--check'], usage: 'usage: npm run schema:emit', bad: ['--check=yes'], says: /^error: --check takes no value$/ },
];

/** A Node stack frame, or the parser's own error codes: what an operator must never see. */
const STACK = /^\s+at |ERR_PARSE_ARGS|TypeError|Exception/m;

/**
 * The command lines an operator gets wrong, on every command as `npm run` starts it (its own
 * process through bin/launch.mjs): `--help` is the usage on stdout with exit 0; an unknown option
 * or a bad value is one line naming it, then the usage, on stderr with exit 2 (a file that is not
 * there: one line, exit 1); never a stack; and none of them touches the database or writes a file.
 */
describe('every command refuses what it does not understand', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());
  const run = (entry: string, args: string[]) => runEntry(entry, args, { DATABASE_URL: db.config.url, LOG_LEVEL: 'silent', NODE_ENV: 'development' });

  // Each run is a process (1–4 s on a busy machine): the three runs of a command go in parallel.
  it.each(COMMANDS)(
    'npm run $script: --help, an unknown option, a bad value',
    async ({ entry, fixed = [], usage, bad, says, code = 2 }) => {
      const [help, unknown, value] = await Promise.all([run(entry, [...fixed, '--help']), run(entry, [...fixed, '--frobnicate', 'x']), run(entry, [...fixed, ...bad])]);
      expect(help.code, help.stderr).toBe(0);
      expect(help.stdout.startsWith(usage)).toBe(true);
      expect(help.stderr).toBe('');
      for (const [refused, line, status] of [
        [unknown, /^error: unknown option "--frobnicate"$/, 2],
        [value, says, code],
      ] as const) {
        expect(refused.code, refused.stderr).toBe(status);
        expect(refused.stdout).toBe('');
        const [first, ...rest] = refused.stderr.trimEnd().split('\n');
        expect(first).toMatch(line);
        // A usage mistake shows the usage; a refusal of what the arguments name is one line.
        if (status === 2) expect(rest.join('\n').startsWith(usage)).toBe(true);
        else expect(rest).toEqual([]);
        expect(refused.stderr).not.toMatch(STACK);
      }
    },
    120_000,
  );

  it('takes -h anywhere for help, and a short option it does not know for an unknown option', async () => {
    const [help, short] = await Promise.all([run('src/cli/seed', ['--scale', '0', '--bogus', '-h']), run('src/cli/user', ['list', '-q'])]);
    expect(help.code).toBe(0);
    expect(help.stdout.startsWith('usage: npm run db:seed')).toBe(true);
    expect(short.code).toBe(2);
    expect(short.stderr.split('\n')[0]).toBe('error: unknown option "-q"');
  }, 60_000);

  it('never takes an option for a file name: db:export -- --help writes no file named --help', async () => {
    const refused = await run('src/cli/export', ['--', '--help']);
    expect(refused.code).toBe(2);
    expect(refused.stderr.split('\n')[0]).toBe('error: unknown option "--help"');
    expect(existsSync(path.join(ROOT, '--help'))).toBe(false);
  }, 60_000);

  it('left the database untouched and wrote no file', async () => {
    for (const name of ['--help', 'a.json', 'b.json', 'x', 'missing.json']) expect(existsSync(path.join(ROOT, name)), name).toBe(false);
    if (db.config.dialect === 'sqlite') {
      expect(existsSync(db.config.url)).toBe(false);
      return;
    }
    const client = new pg.Client({ connectionString: db.config.url });
    await client.connect();
    try {
      const { rows } = await client.query(`select table_name from information_schema.tables where table_schema = 'public'`);
      expect(rows).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
