import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/sql';
import type { Dialect } from '../config.js';

/** Which database an EntityManager talks to, for the few places where SQL differs. */
export function dialectOf(em: EntityManager): Dialect {
  return em.getPlatform() instanceof PostgreSqlPlatform ? 'postgresql' : 'sqlite';
}
