import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/sql';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOrm } from '../../src/db/orm.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { finished, ROOT } from '../support/process.js';

/** Long enough for `(a+)+x` compiled into a pattern to backtrack for minutes against it. */
const RUN_OF_A = 'a'.repeat(40);

/**
 * npm run db:introspect on a database whose names are hostile (issue 26, point 7): a quote in a
 * table's name crashed it with a stack, a column named `(a+)+x` was compiled into a regular
 * expression that backtracks for seconds per character. Both are refused at once, in one line.
 */
describe('npm run db:introspect on hostile names', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  const out = mkdtempSync(path.join(os.tmpdir(), 'retrofun-introspect-'));
  beforeEach(async () => {
    db = await createTestDatabase();
    orm = await openOrm(db.config);
  });
  afterEach(async () => {
    await orm?.close(true);
    await db?.drop();
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  /** The command, killed after 20 s: a backtracking pattern would take far longer. */
  const introspect = async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/launch.mjs'), 'src/cli/introspect', '--out', out], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db.config.url, LOG_LEVEL: 'silent' },
      timeout: 20_000,
    });
    return finished(child);
  };

  it.each([
    [
      "a quote in a table's name",
      `create table "it'""s" (id integer primary key)`,
      'error: table "it\'\\"s": introspection reads names of letters, digits and _ only; rename it, or introspect a copy without it',
    ],
    [
      "a pattern for a column's name",
      `create table t (id integer primary key, ${RUN_OF_A} text, "(a+)+x" text)`,
      'error: column "(a+)+x" of "t": introspection reads names of letters, digits and _ only; rename it, or introspect a copy without it',
    ],
  ])(
    'refuses %s in one line, at once, writing nothing',
    async (_, ddl, message) => {
      await orm.em.getConnection().execute(ddl);
      const run = await introspect();
      expect(run.signal).toBeNull();
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().replace(/ \(and \d+ more\)/, '')).toBe(message);
      expect(readdirSync(out)).toEqual([]);
    },
    40_000,
  );
});
