import { createHash } from 'node:crypto';
import { badInput } from '../../errors.js';

/** Sort direction (registered as the GraphQL enum OrderDirection in graphql/ordering.ts). */
export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
/** One sortable column: an entity property path (`name`, `customer.name`, `total`). */
export interface SortField {
  path: string;
  /**
   * True when the column is non-null and stored on the row itself, so that a cursor can carry
   * its value (keyset pagination). Other orders page by position.
   */
  keyset: boolean;
  /** Nullable columns sort their nulls last in both directions, on both databases. */
  nullable?: boolean;
}

export interface OrderInput<F extends string> {
  field: F;
  direction: OrderDirection;
}

/** How a connection may be ordered: its sortable fields, default order and unique tie-breaker. */
export interface OrderSpec<F extends string> {
  fields: Record<F, SortField>;
  defaultOrder: OrderInput<F>[];
  /** Primary-key properties appended to every order so that it is total (deterministic). */
  tiebreaker: string[];
}

export interface SortKey {
  path: string;
  desc: boolean;
  nullable?: boolean;
}

export interface ResolvedOrder {
  keys: SortKey[];
  keyset: boolean;
  /** Short digest of the order, carried in cursors so that a cursor of another order is refused. */
  signature: string;
}

export const MAX_ORDER_FIELDS = 3;

export function resolveOrder<F extends string>(spec: OrderSpec<F>, orderBy: OrderInput<F>[] | null | undefined): ResolvedOrder {
  const requested = orderBy?.length ? orderBy : spec.defaultOrder;
  if (requested.length > MAX_ORDER_FIELDS) {
    throw badInput('orderBy', `Argument "orderBy" takes at most ${MAX_ORDER_FIELDS} fields, got ${requested.length}`);
  }
  const seen = new Set<string>();
  const keys: SortKey[] = [];
  let keyset = true;
  for (const { field, direction } of requested) {
    if (seen.has(field)) throw badInput('orderBy', `Argument "orderBy" names ${field} twice`);
    seen.add(field);
    const sort = spec.fields[field];
    keys.push({ path: sort.path, desc: direction === OrderDirection.DESC, nullable: sort.nullable });
    keyset &&= sort.keyset;
  }
  for (const path of spec.tiebreaker) {
    if (!keys.some((k) => k.path === path)) keys.push({ path, desc: false });
  }
  const text = keys.map((k) => `${k.path}:${k.desc ? 'd' : 'a'}`).join(',');
  return { keys, keyset, signature: createHash('sha1').update(text).digest('base64url').slice(0, 6) };
}

type OrderMap = Record<string, unknown>;

/** MikroORM orderBy for the keys, optionally reversed (for `last`). Nested paths become nested objects. */
export function toOrderBy(keys: SortKey[], reverse = false): OrderMap[] {
  return keys.map(({ path, desc, nullable }) => {
    // SQLite and PostgreSQL disagree on where nulls go unless told.
    const dir = (desc !== reverse ? 'desc' : 'asc') + (nullable ? (reverse ? ' nulls first' : ' nulls last') : '');
    return path
      .split('.')
      .reverse()
      .reduce<unknown>((inner, part) => ({ [part]: inner }), dir) as OrderMap;
  });
}
