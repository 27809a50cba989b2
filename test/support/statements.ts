import type { MikroORM } from '@mikro-orm/sql';

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
