import type { EntityManager } from '@mikro-orm/sql';
import { dialectOf } from '../db/dialect.js';
import { checkCursorKinds } from './cursor-types.js';
import type { ConnectionArgsInput, ConnectionDef } from './definitions.js';
import { resolveOrder } from './paging/order.js';
import { pageQuery, pageRequest, type PageQuery, type PageRequest } from './paging/page.js';

type Where = Record<string, unknown>;

export function baseWhere(em: EntityManager, def: ConnectionDef, args: ConnectionArgsInput): Where {
  if (!def.filter || !args.filter) return {};
  return def.filter(args.filter as never, { dialect: dialectOf(em) }) as Where;
}

/** A connection's page as its arguments ask for it: the validated request, the query that reads it, and the filter alone (what totalCount counts). */
export function prepare(em: EntityManager, def: ConnectionDef, args: ConnectionArgsInput): { req: PageRequest; q: PageQuery; base: Where } {
  const req = pageRequest(args, resolveOrder(def.order, args.orderBy));
  checkCursorKinds(em, def.entity, req);
  return { req, q: pageQuery(req), base: baseWhere(em, def, args) };
}
