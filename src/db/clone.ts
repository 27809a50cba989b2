import type { EntityClass, EntityMetadata, EntityProperty } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';

/**
 * A new, unsaved entity with the source's columns, to-one references and owned many-to-many
 * links, but not its primary key (the notes' clone helper): the copy gets a key of its own when
 * flushed. To-many collections the source is the inverse side of (a product's reviews and order
 * lines) stay with the source. Many-to-many links are copied into a new collection, never shared.
 * `overrides` set what must differ, such as a unique name.
 */
export async function cloneWithoutKey<T extends object>(em: EntityManager, source: T, overrides: Partial<Record<keyof T, unknown>>): Promise<T> {
  const meta = em.getMetadata((source as object).constructor as EntityClass<T>) as EntityMetadata<T>;
  const props = Object.values(meta.properties) as EntityProperty<T>[];
  const links = props.filter((p) => p.kind === 'm:n' && p.owner);
  if (links.length) await em.populate(source, links.map((p) => p.name) as never[]);
  const data: Record<string, unknown> = {};
  for (const prop of props) {
    if (prop.primary || prop.persist === false || prop.formula || prop.version) continue;
    const value = (source as Record<string, unknown>)[prop.name];
    if (prop.kind === 'scalar' || prop.kind === 'm:1' || (prop.kind === '1:1' && prop.owner)) data[prop.name] = value;
    else if (prop.kind === 'm:n' && prop.owner) data[prop.name] = (value as { getItems(): unknown[] }).getItems();
  }
  return em.create(meta.class, { ...data, ...overrides } as never) as T;
}
