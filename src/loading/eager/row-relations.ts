import { ReferenceKind, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { looseQueryBuilder } from '../../db/loose-query-builder.js';
import { valueAt } from '../keys.js';
import { queryRows } from './map-rows.js';
import { pathsOnly, rowSelection } from './selection.js';
import { applySelection } from './statements.js';
import { isRowLoaded, type RowStore } from './rows.js';
import { isRow, rowKey, rowMeta } from './row-shape.js';

type Row = Record<string, unknown>;

/** Whether a row's relation is in memory: a loaded target row, null, or a to-many array. */
export function rowRelationLoaded(row: object, prop: string): boolean {
  const value = (row as Row)[prop];
  if (value === null || Array.isArray(value)) return true;
  return isRow(value) && isRowLoaded(value);
}

const unique = (keys: unknown[]): unknown[] => [...new Map(keys.map((k) => [JSON.stringify(k), k])).values()];

const toMany = (prop: EntityProperty) => prop.kind === ReferenceKind.ONE_TO_MANY || prop.kind === ReferenceKind.MANY_TO_MANY;

/** `{ pk: { $in: keys } }`, or one condition per key for composite keys. */
function keyIn(meta: EntityMetadata, keys: unknown[]): object {
  if (meta.primaryKeys.length === 1) return { [meta.primaryKeys[0]!]: { $in: keys } };
  return { $or: keys.map((k) => Object.fromEntries(meta.primaryKeys.map((pk, i) => [pk, (k as unknown[])[i]]))) };
}

/** A to-many relation's own order (its `orderBy`) under `alias`, then the target's key. */
function listOrder(prop: EntityProperty, target: EntityMetadata, alias: string): Record<string, string>[] {
  const own = Object.entries((prop.orderBy ?? {}) as Record<string, string>).map(([k, dir]) => ({ [`${alias}.${k}`]: dir }));
  return [...own, ...target.primaryKeys.map((pk) => ({ [`${alias}.${pk}`]: 'asc' }))];
}

/**
 * Loads a relation of many rows in one statement, with the to-one relations `below` it joined
 * (the same statement the entity loaders send): to-one targets by key, a one-to-many by its
 * foreign key, a many-to-many through its pivot table. Re-read every time it is asked, like the
 * entity loaders' `refresh`, so a request's statement count never depends on timing.
 */
export async function loadRowRelation(em: EntityManager, store: RowStore, parents: object[], prop: string, below: string[]): Promise<void> {
  if (!parents.length) return;
  const meta = rowMeta(parents[0]!);
  const relation = meta.properties[prop];
  if (!relation?.targetMeta) throw new Error(`${meta.className}.${prop} is not a relation`);
  const target = relation.targetMeta;
  const owningToOne = relation.kind === ReferenceKind.MANY_TO_ONE || (relation.kind === ReferenceKind.ONE_TO_ONE && relation.owner);

  if (owningToOne) {
    const keys = unique(parents.flatMap((p) => ((p as Row)[prop] == null ? [] : [rowKey((p as Row)[prop] as object)])));
    if (!keys.length) return;
    const selection = rowSelection(target, pathsOnly(below));
    const qb = looseQueryBuilder(em, target.class, 'e');
    applySelection(em, qb, target, selection);
    qb.where(keyIn(target, keys));
    // The parents already point to these rows (one row per key): reading them fills them.
    await queryRows(store, qb, target, selection);
    return;
  }

  const keys = unique(parents.map(rowKey));
  let children: { parentKey: unknown; child: object }[];
  if (relation.kind === ReferenceKind.MANY_TO_MANY) {
    const owner = relation.owner ? relation : target.properties[relation.mappedBy]!;
    const pivot = owner.pivotEntity ? em.getMetadata(owner.pivotEntity) : undefined;
    if (!pivot) throw new Error(`${meta.className}.${prop}: no pivot entity`);
    const sides = pivot.props.filter((p) => p.kind === ReferenceKind.MANY_TO_ONE);
    const parentSide = sides.find((p) => p.targetMeta?.class === meta.class);
    const childSide = sides.find((p) => p.targetMeta?.class === target.class && p !== parentSide);
    if (!parentSide || !childSide) throw new Error(`${meta.className}.${prop}: the pivot ${pivot.className} has no relation to both sides`);
    const selection = rowSelection(pivot, pathsOnly([childSide.name, ...below.map((b) => `${childSide.name}.${b}`)]));
    const qb = looseQueryBuilder(em, pivot.class, 'e');
    applySelection(em, qb, pivot, selection);
    qb.where({ [parentSide.name]: { $in: keys } }).orderBy(listOrder(relation, target, selection.joins[0]!.alias));
    const links = await queryRows(store, qb, pivot, selection);
    children = links.map((link) => ({ parentKey: valueAt(link, parentSide.name), child: (link as Row)[childSide.name] as object }));
  } else {
    // One-to-many, or the inverse side of a one-to-one: the target holds the foreign key.
    const selection = rowSelection(target, pathsOnly(below));
    const qb = looseQueryBuilder(em, target.class, 'e');
    applySelection(em, qb, target, selection);
    qb.where({ [relation.mappedBy]: { $in: keys } }).orderBy(listOrder(relation, target, 'e'));
    const rows = await queryRows(store, qb, target, selection);
    children = rows.map((child) => ({ parentKey: valueAt(child, relation.mappedBy), child }));
  }
  const byParent = new Map<string, object[]>();
  for (const { parentKey, child } of children) {
    const hash = JSON.stringify(parentKey);
    byParent.get(hash)?.push(child) ?? byParent.set(hash, [child]);
  }
  for (const parent of parents) {
    const found = byParent.get(JSON.stringify(rowKey(parent))) ?? [];
    (parent as Row)[prop] = toMany(relation) ? found : (found[0] ?? null);
  }
}
