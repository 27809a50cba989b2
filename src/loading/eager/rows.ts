import { ReferenceKind, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { LRUCache } from 'lru-cache';
import { WRAPPER_KEY } from '../../seams/mikro-orm.js';
import type { ColumnNeeds } from './columns.js';
import { columnProps, META } from './row-shape.js';

/**
 * Read-only row objects: what the eager strategy hands to GraphQL instead of MikroORM entities.
 *
 * Creating an entity costs MikroORM an identity-map entry, a WrappedEntity, per-instance
 * change-tracking accessors (one Object.defineProperty per property), Collections and References,
 * several times what the same statements cost as plain rows (scripts/bench-api/orm-vs-rows.ts;
 * docs/benchmarks). A query never writes what it reads, so none of that buys anything on the read
 * path.
 *
 * A row is an instance of the entity's class as far as GraphQL is concerned (its prototype chain
 * reaches the entity's prototype: `nodeId` and other getters work, `constructor.name` resolves
 * the Node interface), but every mapped property is a plain data property: the row prototype
 * shadows MikroORM's prototype accessors, so assignments never reach the unit of work.
 * Relations follow MikroORM's shape: a to-one relation is the target's row, only its key set
 * until it is loaded; a to-many relation is undefined until loaded, then an array.
 */
const LOADED = Symbol('row loaded');
const EMBEDDED = Symbol('row embedded connections');

type Row = Record<string | symbol, unknown>;
type RowConstructor = new () => object;

interface Shape {
  meta: EntityMetadata;
  create: RowConstructor;
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
    Object.defineProperty(proto, WRAPPER_KEY, {
      get() {
        throw new Error(`a read-only ${meta.className} row was used as a MikroORM entity`);
      },
    });
    const create = function (this: object) {} as unknown as RowConstructor;
    create.prototype = proto;
    shape = { meta, create };
    shapes.set(meta, shape);
  }
  return shape;
}

/** Whether rows can stand for this entity: not for inheritance hierarchies (staff), which keep entities. */
export function rowsSupported(meta: EntityMetadata): boolean {
  return !meta.root.inheritanceType && !meta.root.discriminatorColumn;
}

/** A nested connection its parent's statement embedded (statements.ts, connectionSql): the page's rows, and its total when selected. */
export interface EmbeddedPage {
  nodes: object[];
  totalCount?: number;
}

export function setEmbedded(row: object, connection: object, page: EmbeddedPage): void {
  const r = row as Row;
  ((r[EMBEDDED] ??= new Map<object, EmbeddedPage>()) as Map<object, EmbeddedPage>).set(connection, page);
}

export function embeddedPage(row: object, connection: object): EmbeddedPage | undefined {
  return ((row as Row)[EMBEDDED] as Map<object, EmbeddedPage> | undefined)?.get(connection);
}

export function isRowLoaded(row: object): boolean {
  return (row as Row)[LOADED] === true;
}

const hashOf = (key: unknown): string => (Array.isArray(key) ? key.map(hashOf).join('~') : String(key));

/**
 * The rows of one request, one object per primary key (as MikroORM's identity map gives one
 * entity): a manufacturer shared by ten products is one row, loaded once, and a relation loaded
 * later fills the very object the parents already point to.
 */
export class RowStore {
  /** The columns the operation reads per entity (columns.ts), set by the look-ahead of its first root field. */
  needs: ColumnNeeds | undefined;
  // By class name: a relation's targetMeta need not be the very object em.getMetadata() returns.
  private readonly byEntity = new Map<string, Map<string, object>>();

  constructor(private readonly em: EntityManager) {}

  clear(): void {
    this.byEntity.clear();
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
   * How rows of `meta` are read under `prefix`: from result objects by column name, or, given a
   * layout (the column names of an embedded JSON array, in order), from such arrays by position,
   * so that an embedded row needs no object of its own before it becomes a row.
   */
  reader(meta: EntityMetadata, prefix = '', extra: EntityProperty[] = [], layout?: Layout): Reader {
    return readerOf(this.em, meta, prefix, extra, layout);
  }

  /**
   * The row a reader reads from one result row or embedded array, or null when its key is null (a
   * left join found nothing). Values are converted the way MikroORM converts them for an entity
   * (readerOf): booleans, dates by its result mapper, custom types.
   */
  fromReader(meta: EntityMetadata, reader: Reader, raw: RawRow): object | null {
    let key: unknown;
    if (reader.keys.length === 1) {
      key = reader.keys[0]!.read(raw);
      if (key === null || key === undefined) return null;
    } else {
      const parts: unknown[] = [];
      for (const step of reader.keys) {
        const value = step.read(raw);
        if (value === null || value === undefined) return null;
        parts.push(value);
      }
      key = parts;
    }
    const row = this.slot(meta, key) as Row;
    for (const step of reader.values) {
      const value = step.read(raw);
      if (value === undefined) continue;
      row[step.name] = value === null ? null : step.ref ? this.reference(step.ref, value) : value;
    }
    row[LOADED] = true;
    return row;
  }
}

/** A result row by column name, or an embedded JSON array read by position (see Layout). */
export type RawRow = Record<string, unknown> | readonly unknown[];

/** The column names of embedded JSON arrays, in order, and an id for them (computed once per list, not per row). */
export interface Layout {
  keys: readonly string[];
  id: string;
}

export const layoutOf = (keys: readonly string[]): Layout => ({ keys, id: keys.join('\u0001') });

/** Where a result column is: its name, or its position in the layout (-1, never there, when the layout lacks it). */
export const columnAt = (layout: Layout | undefined, name: string): string | number => (layout ? layout.keys.indexOf(name) : name);

/** The value of a column located by columnAt. */
export const cellAt = (raw: RawRow, at: string | number): unknown => (raw as Record<string | number, unknown>)[at];

/** How one property is read from a result row: its value converted, or undefined when the row lacks the column. */
interface ReadStep {
  name: string;
  /** A relation's target: the value is its key, the row's property its row. */
  ref?: EntityMetadata;
  read(raw: RawRow): unknown;
}

export interface Reader {
  keys: ReadStep[];
  values: ReadStep[];
}

/**
 * Per entity, its readers by prefix, extra columns and layout: bounded, since the layouts follow
 * the selections clients send.
 */
const readers = new WeakMap<EntityMetadata, LRUCache<string, Reader>>();
const READERS_PER_ENTITY = 500;

/**
 * The steps that read an entity's row from result columns under a prefix, built once per entity,
 * prefix and extra (formula) columns: the per-row work is then one pass over the properties, with
 * no intermediate objects, where MikroORM's generic result mapper maps column names to properties
 * for every column, then passes over whatever the row held.
 * Its conversions are kept: composite keys as arrays, booleans, custom types, and dates through
 * the mapper itself, so that a date string means what it means to an entity.
 */
function readerOf(em: EntityManager, meta: EntityMetadata, prefix: string, extra: EntityProperty[], layout?: Layout): Reader {
  let byPrefix = readers.get(meta);
  if (!byPrefix) readers.set(meta, (byPrefix = new LRUCache({ max: READERS_PER_ENTITY })));
  let id = extra.length ? `${prefix}\u0000${extra.map((p) => p.name).join(',')}` : prefix;
  if (layout) id += `\u0002${layout.id}`;
  let reader = byPrefix.get(id);
  if (!reader) {
    const props = [...columnProps(meta), ...extra];
    const at = (name: string) => columnAt(layout, name);
    // The ORM's platform and result mapper, not the request's fork: a reader outlives its request.
    const orm = { platform: em.getPlatform(), comparator: em.getComparator() };
    reader = { keys: meta.primaryKeys.map((pk) => stepOf(orm, meta, meta.properties[pk]!, prefix, at)), values: props.filter((p) => !p.primary).map((p) => stepOf(orm, meta, p, prefix, at)) };
    byPrefix.set(id, reader);
  }
  return reader;
}

interface Orm {
  platform: ReturnType<EntityManager['getPlatform']>;
  comparator: ReturnType<EntityManager['getComparator']>;
}

function stepOf({ platform, comparator }: Orm, meta: EntityMetadata, prop: EntityProperty, prefix: string, at: (name: string) => string | number): ReadStep {
  const keys = prop.fieldNames.map((f) => at(prefix + f));
  const ref = prop.kind === ReferenceKind.SCALAR ? undefined : prop.targetMeta!;
  if (keys.length > 1) {
    // A composite foreign key: all its columns or none, as MikroORM maps it.
    return { name: prop.name, ref, read: (raw) => (keys.some((k) => cellAt(raw, k) === undefined) ? undefined : keys.some((k) => cellAt(raw, k) == null) ? null : keys.map((k) => cellAt(raw, k))) };
  }
  const key = keys[0]!;
  const field = prop.fieldNames[0]!;
  const date = prop.runtimeType === 'Date' ? (value: unknown) => (comparator.mapResult(meta, { [field]: value }) as Record<string, unknown>)[prop.name] : undefined;
  const custom = prop.customType;
  if (ref || (!custom && !date && prop.runtimeType !== 'boolean')) return { name: prop.name, ref, read: (raw) => cellAt(raw, key) };
  return {
    name: prop.name,
    read(raw) {
      let value = cellAt(raw, key);
      if (value === undefined || value === null) return value;
      if (prop.runtimeType === 'boolean') return !!value;
      if (date) value = date(value);
      return custom ? custom.convertToJSValue(value, platform) : value;
    },
  };
}
