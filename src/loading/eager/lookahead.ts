import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';
import { columnNeeds } from './columns.js';
import { policyFor, policyKey, type CountMode, type CountPolicy } from '../counting.js';
import type { AggregateDef, ConnectionArgsInput, FieldPlans, NestedConnectionDef } from '../definitions.js';
import type { RowStore } from './rows.js';
import { cachedPlan, type LookaheadPlan } from './plan-cache.js';
import { type EmbedConnection, type Fields, fieldsOf, planPopulate, populatePaths } from './populate.js';
import { pathsOnly, populateBelow, type EmbeddedConnectionSpec, type Populate } from './selection.js';

/** The fields selected on a connection's nodes, through `nodes` and through `edges { node }`. */
export function nodeFields(tree: ResolveTree, connectionType: string, nodeType: string): Fields {
  const merged: Fields = {};
  for (const field of Object.values(fieldsOf(tree, connectionType))) {
    if (field.name === 'nodes') Object.assign(merged, fieldsOf(field, nodeType));
    if (field.name === 'edges') {
      for (const edgeField of Object.values(fieldsOf(field, `${nodeType}Edge`))) {
        if (edgeField.name === 'node') Object.assign(merged, fieldsOf(edgeField, nodeType));
      }
    }
  }
  return merged;
}

/** The count fields of a connection: totalCount and totalCountIsExact, which take the same mode. */
const COUNT_FIELDS = new Set(['totalCount', 'totalCountIsExact']);

/**
 * The policy a connection field's selection counts under, when it reads totalCount (then its
 * statement counts too): the first count field's mode, else the default. A second mode selected
 * through an alias is counted on its own statement when read.
 */
export function selectedCount(tree: ResolveTree, connectionType: string, defaults: CountPolicy): CountPolicy | undefined {
  const field = Object.values(fieldsOf(tree, connectionType)).find((f) => COUNT_FIELDS.has(f.name));
  if (!field) return undefined;
  return policyFor((field.args as { mode?: CountMode | null }).mode, defaults);
}

/** What the look-ahead asks of the eager strategy (strategies/eager.ts): its plans, its rows, and loading for many parents at once. */
export interface Preloading {
  readonly plans: FieldPlans;
  readonly counts: CountPolicy;
  readonly rows: RowStore;
  preloadRelation(parents: object[], prop: string, below: string[]): Promise<void>;
  preloadConnection(def: NestedConnectionDef, parents: object[], args: ConnectionArgsInput, populate: string[]): Promise<object[]>;
  embedConnection(def: NestedConnectionDef, args: ConnectionArgsInput, nodePopulate: string[], withCount: CountPolicy | undefined): EmbeddedConnectionSpec | undefined;
  primeEmbedded(spec: EmbeddedConnectionSpec, parents: object[]): object[];
  preloadAggregate(def: AggregateDef, parents: object[]): Promise<void>;
}

/**
 * For a root query read as rows: nested connections directly under it (or under its to-one
 * relations) are embedded, with their nodes' to-one relations and lists; deeper ones are
 * preloaded, one statement per level.
 */
function embedder(eager: Preloading): EmbedConnection {
  return (field, def) => {
    const selected = nodeFields(field, `${def.nodeType}Connection`, def.nodeType);
    const nodePopulate = populatePaths(eager.plans, def.nodeType, selected, { toOneOnly: true, embedLists: true });
    return eager.embedConnection(def, field.args as ConnectionArgsInput, nodePopulate, selectedCount(field, `${def.nodeType}Connection`, eager.counts));
  };
}

/**
 * Loads everything the selection needs below `parents` (relations, nested connections,
 * aggregates), one statement per relation per level at most, priming the request's loaders so
 * that field resolvers find it all in memory.
 */
export async function preload(eager: Preloading, typeName: string, parents: object[], fields: Fields, populated: Populate = pathsOnly([])): Promise<void> {
  if (!parents.length) return;
  for (const field of Object.values(fields)) {
    const plan = eager.plans[typeName]?.[field.name];
    if (!plan) continue;
    if (plan.kind === 'relation') {
      // Relations the parents' own query joined are there; the others are loaded now, for all
      // parents, with the to-one relations selected below them joined in.
      let below = populateBelow(populated, plan.prop);
      if (!populated.paths.includes(plan.prop)) {
        const paths = populatePaths(eager.plans, plan.targetType, fieldsOf(field, plan.targetType), { toOneOnly: true, embedLists: true });
        await eager.preloadRelation(parents, plan.prop, paths);
        below = pathsOnly(paths);
      }
      const children = parents.flatMap((p) => {
        const value = (p as Record<string, unknown>)[plan.prop];
        if (value == null) return [];
        if (!plan.list) return [value as object];
        // Rows hold a loaded list as an array, entities as a Collection.
        return Array.isArray(value) ? (value as object[]) : (value as { getItems(): object[] }).getItems();
      });
      await preload(eager, plan.targetType, [...new Set(children)], fieldsOf(field, plan.targetType), below);
    } else if (plan.kind === 'connection') {
      const nodeType = plan.def.nodeType;
      const selected = nodeFields(field, `${nodeType}Connection`, nodeType);
      const embedded = populated.connections.find((c) => c.path === '' && c.alias === field.alias);
      if (embedded) {
        // The parents' own statement brought the pages (statements.ts, connectionSql).
        const nodes = eager.primeEmbedded(embedded.spec, parents);
        await preload(eager, nodeType, nodes, selected, pathsOnly(embedded.spec.nodePopulate));
        continue;
      }
      const joined = populatePaths(eager.plans, nodeType, selected, { toOneOnly: true, embedLists: true });
      const nodes = await eager.preloadConnection(plan.def, parents, field.args, joined);
      await preload(eager, nodeType, nodes, selected, pathsOnly(joined));
    } else if (plan.kind === 'column') {
      if (!populated.paths.includes(plan.prop)) await eager.preloadAggregate(plan.fallback, parents);
    } else {
      await eager.preloadAggregate(plan.def, parents);
    }
  }
}

/** Rows of this operation are read with the columns it uses (columns.ts). */
function noteColumnNeeds(eager: Preloading, info: GraphQLResolveInfo): void {
  eager.rows.needs ??= columnNeeds(info.schema, info.operation, info.fragments, eager.plans);
}

/** What a root field's look-ahead gives its resolver: the plan (eager only) and the preloading below the root rows. */
export interface Lookahead {
  populate: Populate;
  /** The policy totalCount is counted under in the page's statement, when it is selected. */
  withCount: CountPolicy | undefined;
  /** The cached plan, for values made once per plan (plan-cache.ts). */
  plan: LookaheadPlan;
  preload(nodes: object[]): Promise<void>;
}

/**
 * For a root connection field: the populate paths to join into the root query and a function
 * that preloads the rest for the page's nodes.
 */
export function rootLookahead(eager: Preloading, info: GraphQLResolveInfo, connectionType: string, nodeType: string): Lookahead {
  noteColumnNeeds(eager, info);
  // The default count policy is part of the key: it decides what the statement counts.
  const plan = cachedPlan(info, `page:${connectionType}:${policyKey(eager.counts)}`, () => {
    const tree = parseResolveInfo(info) as ResolveTree;
    const selected = nodeFields(tree, connectionType, nodeType);
    // To-one relations only: joining a to-many into a page (LIMIT) makes MikroORM paginate by
    // `id in (select … group by id order by min(…) limit n)`, which scans and groups the whole
    // table. To-many relations are embedded or preloaded for the page's nodes instead.
    const populate = planPopulate(eager.plans, nodeType, selected, { toOneOnly: true, columns: true, embedLists: true, embed: embedder(eager) });
    return { selected, populate, withCount: selectedCount(tree, connectionType, eager.counts) };
  });
  return { populate: plan.populate, withCount: plan.withCount, plan, preload: (nodes) => preload(eager, nodeType, nodes, plan.selected, plan.populate) };
}

/** For a root field returning one object (product(id:)): what to preload below it. */
export function objectLookahead(eager: Preloading, info: GraphQLResolveInfo, typeName: string): Lookahead {
  noteColumnNeeds(eager, info);
  const plan = cachedPlan(info, `object:${typeName}:${policyKey(eager.counts)}`, () => {
    const selected = fieldsOf(parseResolveInfo(info) as ResolveTree, typeName);
    return { selected, populate: planPopulate(eager.plans, typeName, selected, { toOneOnly: true, columns: true, embedLists: true, embed: embedder(eager) }), withCount: undefined };
  });
  return { populate: plan.populate, withCount: undefined, plan, preload: (nodes) => preload(eager, typeName, nodes, plan.selected, plan.populate) };
}
