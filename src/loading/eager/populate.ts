import type { ResolveTree } from 'graphql-parse-resolve-info';
import type { FieldPlans, NestedConnectionDef } from '../definitions.js';
import type { EmbeddedAt, EmbeddedConnectionSpec } from './selection.js';

/** A selection's fields by response key (graphql-parse-resolve-info). */
export type Fields = Record<string, ResolveTree>;

/** The fields selected under `typeName` (none when the tree has none, or there is no tree). */
export const fieldsOf = (tree: ResolveTree | undefined, typeName: string): Fields => (tree?.fieldsByTypeName[typeName] as Fields | undefined) ?? {};

/** Plans a nested connection into its parents' statement, or undefined to preload it with its own. */
export type EmbedConnection = (field: ResolveTree, def: NestedConnectionDef) => EmbeddedConnectionSpec | undefined;

/** What a selection populates, and how. */
export interface PopulateOptions {
  /**
   * To-one relations only: joining a to-many into a page (LIMIT) makes MikroORM paginate by
   * `id in (select … group by id order by min(…) limit n)`, which scans and groups the whole
   * table. To-many relations are then embedded (`embedLists`) or preloaded.
   */
  toOneOnly?: boolean;
  /** The lazy computed columns selected too (a row statement and em.find take them; a nested connection's own query does not). */
  columns?: boolean;
  /** To-many relations read as embedded lists in the parents' statement (rows), with the to-one relations below them. */
  embedLists?: boolean;
  /** Nested connections, at the root and under to-one relations, embedded in the parents' statement. */
  embed?: EmbedConnection;
}

/** The relation paths and embedded connections of a selection under `typeName`. */
export function planPopulate(plans: FieldPlans, typeName: string, fields: Fields, options: PopulateOptions = {}): { paths: string[]; connections: EmbeddedAt[] } {
  const paths: string[] = [];
  const connections: EmbeddedAt[] = [];
  walk(plans, typeName, fields, options, '', paths, connections);
  return { paths, connections };
}

/** The relation paths of a selection under `typeName` (no connections embedded). */
export function populatePaths(plans: FieldPlans, typeName: string, fields: Fields, options: Omit<PopulateOptions, 'embed'> = {}): string[] {
  return planPopulate(plans, typeName, fields, options).paths;
}

function walk(plans: FieldPlans, typeName: string, fields: Fields, options: PopulateOptions, prefix: string, paths: string[], connections: EmbeddedAt[]): void {
  const add = (path: string) => {
    if (!paths.includes(path)) paths.push(path);
  };
  for (const field of Object.values(fields)) {
    const plan = plans[typeName]?.[field.name];
    if (plan?.kind === 'connection' && options.embed) {
      const spec = options.embed(field, plan.def);
      if (spec) connections.push({ path: prefix.slice(0, -1), alias: field.alias, spec });
      continue;
    }
    if (plan?.kind === 'column') {
      // A lazy column rides along in the SELECT that loads its entity.
      if (options.columns) add(prefix + plan.prop);
      continue;
    }
    if (plan?.kind !== 'relation' || plan.joinable === false) continue;
    const path = prefix + plan.prop;
    if (plan.list && options.embedLists) {
      // An embedded list brings the to-one relations below it; anything deeper is preloaded for its rows.
      add(path);
      walk(plans, plan.targetType, fieldsOf(field, plan.targetType), { toOneOnly: true }, `${path}.`, paths, connections);
      continue;
    }
    if (options.toOneOnly && plan.list) continue;
    add(path);
    walk(plans, plan.targetType, fieldsOf(field, plan.targetType), plan.list ? { ...options, embed: undefined } : options, `${path}.`, paths, connections);
  }
}
