import type { EntityMetadata, EntityProperty } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { entities } from '../../db/entities.js';

export const DUMP_FORMAT = 'retrofun-export';
export const DUMP_VERSION = 1;

/** A stored column of a table and the property that maps it. */
export interface DumpColumn {
  column: string;
  prop: EntityProperty;
}

export interface DumpTable {
  meta: EntityMetadata;
  columns: DumpColumn[];
  /** Columns referring to the same table (written in a second pass on restore). */
  selfReferences: DumpColumn[];
  /**
   * A table-per-type subtype's own table (engineers, managers): restored with plain INSERTs,
   * because the ORM's inserts for the subtype would write its parent's row (employees) again.
   */
  subtypeTable: boolean;
}

/**
 * Columns a dump leaves out. Token stamps: a restored database starts with every access token
 * revoked, and two dumps of the same data stay byte-identical although stamps are random.
 */
const NOT_DUMPED = new Set(['User.tokenStamp']);

/** Every table in an order that satisfies foreign keys, with its stored columns. */
export function dumpTables(em: EntityManager): DumpTable[] {
  return entities.map((entity) => {
    const meta = em.getMetadata(entity) as EntityMetadata;
    const subtypeTable = meta.inheritanceType === 'tpt' && meta.tptParent !== undefined;
    // A subtype's table holds its key and its own columns; the inherited ones are its parent's.
    const props = subtypeTable
      ? [...meta.getPrimaryProps(), ...(meta.ownProps ?? []).filter((p) => !p.primary)]
      : Object.values(meta.properties as Record<string, EntityProperty>);
    // Generated columns (an order line's total) are the database's to compute: never written, so never dumped.
    const columns = props
      .filter((p) => !NOT_DUMPED.has(`${meta.className}.${p.name}`) && p.persist !== false && !p.formula && !p.generated && p.fieldNames?.length === 1 && (p.kind === 'scalar' || p.kind === 'm:1' || (p.kind === '1:1' && p.owner)))
      .map((prop) => ({ column: prop.fieldNames[0]!, prop }));
    const selfReferences = columns.filter((c) => c.prop.kind !== 'scalar' && c.prop.targetMeta?.class === meta.class);
    return { meta, columns, selfReferences, subtypeTable };
  });
}

const isDate = (prop: EntityProperty) => prop.runtimeType === 'Date' || prop.type === 'Date';
const isDecimal = (prop: EntityProperty) => (prop.columnTypes?.[0] ?? '').startsWith('numeric') || prop.type === 'DecimalType';

/** A database value as portable JSON: timestamps as ISO strings, numbers as numbers. */
export function toJsonValue(prop: EntityProperty, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (isDate(prop)) return new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number | Date)).toISOString();
  if (isDecimal(prop) || typeof value === 'bigint') return Number(value);
  return value;
}

/** The JSON value back as a property value for insertMany. */
export function fromJsonValue(prop: EntityProperty, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return isDate(prop) ? new Date(value as string) : value;
}
