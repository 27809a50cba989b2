import { primaryKey } from '../seams/mikro-orm.js';
import { isRow, rowKey } from './eager/row-shape.js';

/**
 * The primary key of what a strategy loaded, a MikroORM entity or an eager row alike: the value,
 * or an array for a composite key.
 */
export function primaryKeyOf(value: object): unknown {
  return isRow(value) ? rowKey(value) : primaryKey(value);
}

/** The value of a property path on a loaded object; a relation yields its primary key. */
export function valueAt(loaded: object, path: string): unknown {
  let value: unknown = loaded;
  for (const part of path.split('.')) value = (value as Record<string, unknown> | null)?.[part];
  if (value && typeof value === 'object' && !(value instanceof Date)) return primaryKeyOf(value);
  return value;
}
