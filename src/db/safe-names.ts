import type { EntityManager } from '@mikro-orm/sql';
import { dialectOf } from './dialect.js';

/**
 * A name MikroORM's schema introspection (7.2.1, and the entity generator 7.1.11 on it) can be
 * given: letters, digits and underscores. It puts names into SQL text unescaped (SQLite's
 * `pragma table_xinfo('<table>')`) and into regular expressions (SQLite's column definitions,
 * the generator's property names), so a quote breaks the statement and `(a+)+x` backtracks for
 * seconds per character. Checked with this fixed pattern; names are never compiled.
 */
const SAFE_NAME = /^[\p{L}\p{N}_]+$/u;

/** A name in the database that introspection must not be given. */
export class UnsafeNameError extends Error {
  override name = 'UnsafeNameError';
}

interface Named {
  /** table, view, index, column, constraint, … */
  kind: string;
  name: string;
  /** The table or view a column (or a reference) belongs to. */
  of?: string;
}

/** A name for a message: quoted, control characters escaped, at most 64 characters. */
const shown = (name: string) => JSON.stringify(name.length > 64 ? `${name.slice(0, 64)}…` : name);

/** Every name of SQLite's schema, read with bound parameters only. */
async function sqliteNames(em: EntityManager): Promise<Named[]> {
  const sql = em.getConnection();
  const objects = await sql.execute<{ type: string; name: string }[]>(
    "select type, name from sqlite_master where type in ('table', 'view', 'index', 'trigger') and name not like 'sqlite\\_%' escape '\\'",
  );
  const names: Named[] = objects.map((o) => ({ kind: o.type, name: o.name }));
  for (const { name: table } of objects.filter((o) => o.type === 'table' || o.type === 'view')) {
    const columns = await sql.execute<{ name: string }[]>('select name from pragma_table_xinfo(?)', [table]);
    names.push(...columns.map((c) => ({ kind: 'column', name: c.name, of: table })));
    const keys = await sql.execute<{ table: string; to: string | null }[]>('select "table", "to" from pragma_foreign_key_list(?)', [table]);
    for (const k of keys) names.push({ kind: 'referenced table', name: k.table, of: table }, ...(k.to ? [{ kind: 'referenced column', name: k.to, of: table }] : []));
  }
  return names;
}

/** Every name outside PostgreSQL's own schemas: namespaces, relations, columns, constraints, types. */
async function postgresNames(em: EntityManager): Promise<Named[]> {
  const own = "n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'";
  return em.getConnection().execute<Named[]>(`
    select 'schema' as kind, n.nspname as name, null as "of" from pg_namespace n where ${own}
    union all select case when c.relkind in ('r', 'p') then 'table' when c.relkind in ('v', 'm') then 'view' when c.relkind in ('i', 'I') then 'index'
      when c.relkind = 'S' then 'sequence' else 'relation' end, c.relname, null from pg_class c join pg_namespace n on n.oid = c.relnamespace where ${own}
    union all select 'column', a.attname, c.relname from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where ${own} and a.attnum > 0 and not a.attisdropped
    union all select 'constraint', o.conname, null from pg_constraint o join pg_namespace n on n.oid = o.connamespace where ${own}
    union all select 'type', t.typname, null from pg_type t join pg_namespace n on n.oid = t.typnamespace where ${own} and t.typtype in ('e', 'd', 'c')`);
}

/**
 * Refuses a database holding any name introspection cannot be given safely, naming the first
 * (and how many more), so that nothing of it reaches SQL text or a regular expression.
 */
export async function assertSafeNames(em: EntityManager): Promise<void> {
  const names = dialectOf(em) === 'postgresql' ? await postgresNames(em) : await sqliteNames(em);
  const unsafe = names.filter((n) => !SAFE_NAME.test(n.name));
  if (!unsafe.length) return;
  const { kind, name, of } = unsafe[0]!;
  const more = unsafe.length > 1 ? ` (and ${unsafe.length - 1} more)` : '';
  throw new UnsafeNameError(`${kind} ${shown(name)}${of ? ` of ${shown(of)}` : ''}${more}: introspection reads names of letters, digits and _ only; rename it, or introspect a copy without it`);
}
