import { Writable } from 'node:stream';
import type { MikroORM } from '@mikro-orm/sql';
import pino, { type Logger } from 'pino';

/**
 * Runs `work` and returns the statements the ORM sent meanwhile, values inlined (ready for
 * EXPLAIN), through the ORM's own `onQuery` hook, which is restored afterwards.
 */
export async function capturedStatements(orm: MikroORM, work: () => Promise<unknown>): Promise<string[]> {
  const statements: string[] = [];
  const config = orm.config;
  const onQuery = config.get('onQuery');
  config.set('onQuery', (sql: string, params: readonly unknown[]) => {
    statements.push(orm.em.getPlatform().formatQuery(sql, params as unknown[]));
    return onQuery(sql, params);
  });
  try {
    await work();
  } finally {
    config.set('onQuery', onQuery);
  }
  return statements;
}

/**
 * A logger at debug that pushes every statement of the service's SQL echo (src/db/sql-log.ts)
 * into `into`: unlike `onQuery`, it also sees what the driver sends itself (savepoints, releases).
 */
export function sqlEchoLogger(into: string[]): Logger {
  const sink = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      const line = JSON.parse(chunk.toString()) as { msg?: string; sql?: string };
      if (line.msg === 'sql' && line.sql) into.push(line.sql);
      done();
    },
  });
  return pino({ level: 'debug' }, sink);
}
