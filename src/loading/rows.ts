import { ReferenceKind, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import type { EmbeddedConnectionSpec } from './row-queries.js';

/**
 * Read-only row objects: what the eager strategy hands to GraphQL instead of MikroORM entities.
 *
 * Creating an entity costs MikroORM an identity-map entry, a WrappedEntity, per-instance
 * change-tracking accessors (one Object.defineProperty per property), Collections and References:
 * 8.7 ms of CPU for a page of 50 products with their manufacturers and countries, where the same
 * two statements as plain rows cost 1.1 ms (scripts/bench-api/orm-vs-rows.ts). A query never
 * writes what it reads, so none of that buys anything on the read path.
 *
 * A row is an instance of the entity's class as far as GraphQL is concerned (its prototype chain
 * reaches the entity's prototype: `nodeId` and other getters work, `constructor.name` resolves
 * the Node interface), but every mapped property is a plain data property: the row prototype
 * shadows MikroORM's prototype accessors, so assignments never reach the unit of work.
 * Relations follow MikroORM's shape: a to-one relation is the target's row, only its key set
 * until it is loaded; a to-many relation is undefined until loaded, then an array.
 */
const META = Symbol('row meta');
const LOADED = Symbol('row loaded');
const EMBEDDED = Symbol('row embedded connections');

type Row = Record<string | symbol, unknown>;
type RowConstructor = new () => object;

interface Shape {
  meta: EntityMetadata;
  create: RowConstructor;
  /** Properties read with the row itself: scalars (not lazy) and the keys of owned to-one relations. */
  columns: EntityProperty[];
  names: string[];
}

const shapes = new WeakMap<EntityMetadata, Shape>();

function shapeOf(meta: EntityMetadata): Shape {
  let shape = shapes.get(meta);
  if (!shape) {
    const proto = Object.create(meta.prototype as object) as object;
    for (const prop of meta.props) {
      Object.defineProperty(proto, prop.name, { value: undefined, writable: true, enumerable: false, configurable: true });
    }
    Object.defineProperty(proto, META, { value: meta });
    // A row must never reach MikroORM as an entity (as a query parameter, in populate or flush):
    // fail loudly instead of letting it wrap the row and track it.
    Object.defineProperty(proto, '__helper', {
      get() {
        throw new Error(`a read-only ${meta.className} row was used as a MikroORM entity`);
      },
    });
    const create = function (this: object) {} as unknown as RowConstructor;
    create.prototype = proto;
    const columns = meta.props.filter(isColumn);
    shape = { meta, create, columns, names: columns.map((p) => p.name) };
    shapes.set(meta, shape);
  }
  return shape;
}

function isColumn(prop: EntityProperty): boolean {
  if (prop.persist === false || prop.lazy || prop.formula || prop.embedded) return false;
  return prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner);
}

/** Whether rows can stand for this entity: not for inheritance hierarchies (staff), which keep entities. */
export function rowsSupported(meta: EntityMetadata): boolean {
  return !meta.root.inheritanceType && !meta.root.discriminatorColumn;
}

export function isRow(value: unknown): value is object {
  return typeof value === 'object' && value !== null && META in value;
}

export function rowMeta(row: object): EntityMetadata {
  return (row as Row)[META] as EntityMetadata;
}

/** A nested connection its parent's statement embedded (row-queries.ts): the page's rows, and its total when selected. */
export interface EmbeddedPage {
  nodes: object[];
  totalCount?: number;
}

export function setEmbedded(row: object, marker: string, page: EmbeddedPage): void {
  const r = row as Row;
  ((r[EMBEDDED] ??= new Map<string, EmbeddedPage>()) as Map<string, EmbeddedPage>).set(marker, page);
}

export function embeddedPage(row: object, marker: string): EmbeddedPage | undefined {
  return ((row as Row)[EMBEDDED] as Map<string, EmbeddedPage> | undefined)?.get(marker);
}

export function isRowLoaded(row: object): boolean {
  return (row as Row)[LOADED] === true;
}

/** The properties a row is selected with (property names, for the query builder). */
export function rowColumns(meta: EntityMetadata): string[] {
  return shapeOf(meta).names;
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

const hashOf = (key: unknown): string => (Array.isArray(key) ? key.map(hashOf).join('~') : String(key));

/**
 * The rows of one request, one object per primary key (as MikroORM's identity map gives one
 * entity): a manufacturer shared by ten products is one row, loaded once, and a relation loaded
 * later fills the very object the parents already point to.
 */
export class RowStore {
  /** Nested connections the look-ahead asked parents' statements to embed, by marker (row-queries.ts). */
  readonly connections = new Map<string, EmbeddedConnectionSpec>();
  // By class name: a relation's targetMeta need not be the very object em.getMetadata() returns.
  private readonly byEntity = new Map<string, Map<string, object>>();

  constructor(private readonly em: EntityManager) {}

  clear(): void {
    this.byEntity.clear();
    this.connections.clear();
  }

  private slot(meta: EntityMetadata, key: unknown): object {
    let rows = this.byEntity.get(meta.className);
    if (!rows) this.byEntity.set(meta.className, (rows = new Map()));
    const hash = hashOf(key);
    let row = rows.get(hash);
    if (!row) {
      row = new (shapeOf(meta).create)();
      const parts = meta.primaryKeys.length === 1 ? [key] : (key as unknown[]);
      meta.primaryKeys.forEach((pk, i) => {
        const prop = meta.properties[pk]!;
        (row as Row)[pk] = prop.kind === ReferenceKind.SCALAR ? parts[i] : this.reference(prop.targetMeta!, parts[i]);
      });
      rows.set(hash, row);
    }
    return row;
  }

  /** The row of a relation's target known only by its key (loaded later, or never). */
  reference(meta: EntityMetadata, key: unknown): object {
    return this.slot(meta, key);
  }

  /**
   * A row from database columns (`prefix` for a joined table's aliased columns, `j0__`), or null
   * when a left join found nothing. Column values are converted the way MikroORM converts them for
   * an entity: its result mapper (column names to properties, dates), then custom types.
   */
  fromColumns(meta: EntityMetadata, raw: Record<string, unknown>, prefix = '', extra: EntityProperty[] = []): object | null {
    const shape = shapeOf(meta);
    const props = extra.length ? [...shape.columns, ...extra] : shape.columns;
    const columns: Record<string, unknown> = {};
    for (const prop of props) {
      for (const field of prop.fieldNames) {
        const value = raw[prefix + field];
        if (value !== undefined) columns[field] = value;
      }
    }
    const data = this.em.getComparator().mapResult(meta, columns) as Record<string, unknown>;
    const pk = meta.primaryKeys.map((k) => data[k]);
    if (pk.some((v) => v === null || v === undefined)) return null;
    const row = this.slot(meta, pk.length === 1 ? pk[0] : pk) as Row;
    const platform = this.em.getPlatform();
    for (const prop of props) {
      if (prop.primary) continue;
      const value = data[prop.name];
      if (value === undefined) continue;
      if (value === null) row[prop.name] = null;
      else if (prop.kind !== ReferenceKind.SCALAR) row[prop.name] = this.reference(prop.targetMeta!, value);
      else if (prop.customType) row[prop.name] = prop.customType.convertToJSValue(value, platform);
      else if (prop.runtimeType === 'boolean') row[prop.name] = !!value;
      else row[prop.name] = value;
    }
    row[LOADED] = true;
    return row;
  }
}
