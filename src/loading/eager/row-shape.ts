import { ReferenceKind, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';

/** What makes an object a read-only row (rows.ts), and which properties a row holds: known to paging and cursors without the row store. */
type Row = Record<string | symbol, unknown>;
export const META = Symbol('row meta');

/** Properties read with the row itself: scalars (not lazy) and the keys of owned to-one relations. */
export function isColumn(prop: EntityProperty): boolean {
  if (prop.persist === false || prop.lazy || prop.formula || prop.embedded) return false;
  return prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner);
}

export function isRow(value: unknown): value is object {
  return typeof value === 'object' && value !== null && META in value;
}

export function rowMeta(row: object): EntityMetadata {
  return (row as Row)[META] as EntityMetadata;
}

/** A row's primary key the way MikroORM gives an entity's: the value, or an array for composite keys. */
export function rowKey(row: object): unknown {
  const meta = rowMeta(row);
  const parts = meta.primaryKeys.map((pk) => {
    const value = (row as Row)[pk];
    return isRow(value) ? rowKey(value) : value;
  });
  return parts.length === 1 ? parts[0] : parts;
}

const columns = new WeakMap<EntityMetadata, { props: EntityProperty[]; names: string[] }>();

function columnsOf(meta: EntityMetadata): { props: EntityProperty[]; names: string[] } {
  let found = columns.get(meta);
  if (!found) {
    const props = meta.props.filter(isColumn);
    columns.set(meta, (found = { props, names: props.map((p) => p.name) }));
  }
  return found;
}

/** The properties a row is read with: scalars (not lazy) and the keys of owned to-one relations. */
export const columnProps = (meta: EntityMetadata): EntityProperty[] => columnsOf(meta).props;

/** The properties a row is selected with (property names, for the query builder). */
export const rowColumns = (meta: EntityMetadata): string[] => columnsOf(meta).names;
