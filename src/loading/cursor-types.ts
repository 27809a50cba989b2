import type { EntityMetadata, EntityProperty } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import type { PageRequest } from './paging/page.js';
import { badInput } from '../errors.js';

type Kind = 'number' | 'string' | 'boolean' | 'date' | 'unknown';

function kindOf(prop: EntityProperty): Kind {
  const runtime = String(prop.runtimeType ?? '').toLowerCase();
  const type = String(prop.type ?? '').toLowerCase();
  if (runtime === 'date' || type.includes('date') || type.includes('time')) return 'date';
  if (runtime === 'number' || ['integer', 'int', 'smallint', 'bigint', 'float', 'double'].includes(type)) return 'number';
  if (runtime === 'boolean' || type === 'boolean') return 'boolean';
  if (runtime === 'string' || ['string', 'uuid', 'text', 'character varying'].includes(type)) return 'string';
  return 'unknown';
}

/** The kind of value a sort path holds: a relation's path ends at its target's primary key. */
function kindAt(meta: EntityMetadata, path: string): Kind {
  let current: EntityMetadata | undefined = meta;
  let prop: EntityProperty | undefined;
  for (const part of path.split('.')) {
    prop = current?.properties[part as never] as EntityProperty | undefined;
    if (!prop) return 'unknown';
    current = prop.targetMeta;
  }
  while (prop && prop.kind !== 'scalar' && prop.targetMeta) prop = prop.targetMeta.getPrimaryProps()[0];
  return prop ? kindOf(prop) : 'unknown';
}

function matches(value: unknown, kind: Kind, nullable: boolean): boolean {
  if (value === null) return nullable;
  if (kind === 'unknown') return true;
  if (kind === 'date') return value instanceof Date && !Number.isNaN(value.getTime());
  return typeof value === kind;
}

/**
 * A cursor's values must be of the kinds its order's columns hold: a forged cursor (a string where
 * a number goes) is the client's mistake, answered BAD_USER_INPUT before it can become SQL.
 */
export function checkCursorKinds(em: EntityManager, entity: object, req: PageRequest): void {
  const meta = em.getMetadata().find(entity as never) as EntityMetadata | undefined;
  if (!meta) return;
  for (const argument of ['after', 'before'] as const) {
    const values = req[argument]?.values;
    if (!values) continue;
    req.order.keys.forEach((key, i) => {
      if (!matches(values[i], kindAt(meta, key.path), key.nullable === true)) throw badInput(argument, `Argument "${argument}" is not a cursor of this connection in this order`);
    });
  }
}
