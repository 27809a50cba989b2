import type { EntityMetadata, EntityProperty } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { dataEntities } from '../entities.js';
import { newTokenStamp } from '../wiki/user.entity.js';
import { columnCheck, type ValueCheck } from './dump-values.js';

export const DUMP_FORMAT = 'retrofun-export';
export const DUMP_VERSION = 1;

/** A dump that cannot be restored; the message says why in one line, never quoting a value. */
export class DumpError extends Error {
  override name = 'DumpError';
}

/** A stored column of a table and the property that maps it. */
export interface DumpColumn {
  column: string;
  prop: EntityProperty;
  /** Whether a dump's value fits the column, checked before any row is written. */
  check: ValueCheck;
}

/** A column a restore fills with a fresh value rather than from the dump. */
export interface RenewedColumn {
  prop: EntityProperty;
  value: () => unknown;
}

export interface DumpTable {
  meta: EntityMetadata;
  columns: DumpColumn[];
  /** Columns referring to the same table (written in a second pass on restore). */
  selfReferences: DumpColumn[];
  renewed: RenewedColumn[];
  /**
   * A table-per-type subtype's own table (engineers, managers): restored with plain INSERTs,
   * because the ORM's inserts for the subtype would write its parent's row (employees) again.
   */
  subtypeTable: boolean;
}

/**
 * Columns a dump leaves out and a restore fills afresh. Token stamps: every restored account gets
 * a new random stamp, so every access token issued before the restore is refused (an empty stamp
 * would match the tokens of accounts from before stamps existed, even those a password change had
 * revoked); and two dumps of the same data stay byte-identical although stamps are random.
 */
const RENEWED: Readonly<Record<string, () => unknown>> = { 'User.tokenStamp': newTokenStamp };

/** Every table in an order that satisfies foreign keys, with its stored columns. */
export function dumpTables(em: EntityManager): DumpTable[] {
  return dataEntities.map((entity) => {
    const meta = em.getMetadata(entity) as EntityMetadata;
    const subtypeTable = meta.inheritanceType === 'tpt' && meta.tptParent !== undefined;
    // A subtype's table holds its key and its own columns; the inherited ones are its parent's.
    const props = subtypeTable ? [...meta.getPrimaryProps(), ...(meta.ownProps ?? []).filter((p) => !p.primary)] : Object.values(meta.properties as Record<string, EntityProperty>);
    // Generated columns (an order line's total) are the database's to compute: never written, so never dumped.
    const stored = props.filter((p) => p.persist !== false && !p.formula && !p.generated && p.fieldNames?.length === 1 && (p.kind === 'scalar' || p.kind === 'm:1' || (p.kind === '1:1' && p.owner)));
    const renewed = stored.flatMap((prop) => {
      const value = RENEWED[`${meta.className}.${prop.name}`];
      return value ? [{ prop, value }] : [];
    });
    const columns = stored.filter((p) => !RENEWED[`${meta.className}.${p.name}`]).map((prop) => ({ column: prop.fieldNames[0]!, prop, check: columnCheck(prop) }));
    const selfReferences = columns.filter((c) => c.prop.kind !== 'scalar' && c.prop.targetMeta?.class === meta.class);
    return { meta, columns, selfReferences, renewed, subtypeTable };
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
