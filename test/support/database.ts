import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/config.js';
import { testDialect, testPostgresUrl } from './target.js';

export interface TestDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty database of the selected dialect: a temp SQLite file or a fresh PostgreSQL database. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  if (testDialect() === 'sqlite') {
    const file = path.join(os.tmpdir(), `retrofun_test_${suffix}.sqlite`);
    return {
      config: { dialect: 'sqlite', url: file },
      drop: async () => {
        for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
      },
    };
  }
  const name = `retrofun_test_${suffix}`;
  await adminQuery(`create database "${name}"`);
  const url = new URL(testPostgresUrl());
  url.pathname = `/${name}`;
  return {
    // PgBouncer before 1.21 in transaction mode cannot keep prepared statements (.ci/run sets 0).
    config: { dialect: 'postgresql', url: url.toString(), ...(process.env.TEST_DATABASE_PREPARED_STATEMENTS ? { preparedStatements: Number(process.env.TEST_DATABASE_PREPARED_STATEMENTS) } : {}) },
    drop: () => adminQuery(`drop database if exists "${name}" with (force)`),
  };
}
