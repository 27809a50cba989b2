import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/sql';
import type { Logger } from 'pino';

/** Everything a resolver may use during one request; built fresh for each request. */
export interface Context {
  requestId: string;
  /** This request's unit of work: a fork, so identity maps never leak between requests. */
  em: EntityManager;
  logger: Logger;
}

export function createContext(orm: MikroORM, logger: Logger): Context {
  const requestId = randomUUID();
  return {
    requestId,
    em: orm.em.fork(),
    logger: logger.child({ requestId }),
  };
}
