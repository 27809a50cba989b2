import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrm } from '../../src/db/orm.js';
import { accounts } from '../../src/modules/wiki/accounts.js';
import { PasswordHasher } from '../../src/modules/wiki/passwords.js';
import { passwordPolicy } from '../../src/modules/wiki/password-policy.js';
import { Role } from '../../src/modules/wiki/user.entity.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { openMigratedOrm, type TestOrm } from '../support/orm.js';
import { runEntry } from '../support/process.js';

const ONE_LINE_MIGRATE_FIRST = /^error: .*: run npm run db:migrate first\n$/;

/**
 * `npm run db:export` as an operator runs it: the dump holds password hashes, so only its owner
 * may read it, and the command says so; a database db:migrate never saw is one line, no stack.
 */
describe('npm run db:export', () => {
  let dir: string;
  let migrated: TestOrm;
  let empty: TestDatabase;
  const exportTo = (file: string, url: string) => runEntry('src/cli/export', [file], { DATABASE_URL: url, LOG_LEVEL: 'silent' });
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'retrofun-export-'));
    migrated = await openMigratedOrm();
    const tools = { passwords: new PasswordHasher(4), policy: passwordPolicy(false) };
    await accounts.create(migrated.orm.em.fork(), tools, 'keeper', Role.ADMIN, 'a long enough password');
    empty = await createTestDatabase();
  });
  afterAll(async () => {
    await migrated?.close();
    await empty?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the dump with mode 0600, also over a file anyone could read, and says so', async () => {
    const fresh = path.join(dir, 'fresh.json');
    const old = path.join(dir, 'old.json');
    writeFileSync(old, 'an older dump');
    chmodSync(old, 0o644);
    for (const file of [fresh, old]) {
      const run = await exportTo(file, migrated.db.config.url);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^exported \\d+ rows to ${file} \\(mode 0600: it holds password hashes, keep it secret\\) in `));
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8')).toMatch(/"\$2[aby]\$04\$/);
    }
  }, 60_000);

  it('refuses a database that was never migrated in one line, writing no file', async () => {
    const file = path.join(dir, 'never.json');
    // SQLite: a file that is not there is not created; an empty one, like PostgreSQL's empty database, was never migrated.
    const urls = empty.config.dialect === 'sqlite' ? [path.join(dir, 'missing.sqlite'), empty.config.url] : [empty.config.url];
    if (empty.config.dialect === 'sqlite') writeFileSync(empty.config.url, '');
    for (const url of urls) {
      const run = await exportTo(file, url);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(ONE_LINE_MIGRATE_FIRST);
    }
    expect(existsSync(file)).toBe(false);
    expect(existsSync(path.join(dir, 'missing.sqlite'))).toBe(false);
    const maintain = await runEntry('src/cli/maintain', [], { DATABASE_URL: empty.config.url, LOG_LEVEL: 'silent' });
    if (empty.config.dialect === 'postgresql') {
      expect(maintain.code).toBe(1);
      expect(maintain.stderr).toMatch(/^error: the database at .* was never migrated: run npm run db:migrate first\n$/);
    } else {
      // SQLite has no partitions to maintain, migrated or not.
      expect(maintain.stdout).toBe('SQLite keeps page views in one table: nothing to maintain\n');
    }
  }, 60_000);

  it('refuses a database with migrations still to apply', async () => {
    const orm = await openOrm(empty.config);
    try {
      await orm.migrator.up();
      await orm.migrator.down();
    } finally {
      await orm.close();
    }
    const run = await exportTo(path.join(dir, 'behind.json'), empty.config.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: the database at .* has 1 migration\(s\) to apply: run npm run db:migrate first\n$/);
  }, 60_000);
});
