import { ReferenceKind, type EntityMetadata } from '@mikro-orm/core';
import { getNamedType, isAbstractType, isObjectType, Kind, type FragmentDefinitionNode, type GraphQLNamedType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { objectTypeClasses } from '../../seams/type-graphql.js';
import type { FieldPlans } from '../definitions.js';
import { rowColumns } from './row-shape.js';

/**
 * Which columns the rows of each entity are read with in one operation: the eager statement then
 * selects the columns the answer uses, as PostGraphile does, not every column of every joined
 * table (the orders page's statement built 10 values per order item where the answer shows 3).
 *
 * The set is the union over the whole operation, per entity: every row of an entity that a
 * request reads through a pruned statement has every column any selection of its type reads.
 * Rows are shared per request (rows.ts), so a row reached by two paths (an order's product and
 * the products page) must satisfy both; a union over the operation makes that hold whatever
 * order the statements run in. Anything this cannot see through reads every column: a field
 * with a resolver of its own, a getter, an entity no selection names.
 */
export interface ColumnNeeds {
  /** Property names read per entity class, or 'all'. */
  readonly byClass: ReadonlyMap<Function, ReadonlySet<string> | 'all'>;
  /** A stable text of the above: part of a compiled statement's key. */
  readonly key: string;
}

/** Getters that read only primary-key columns (always selected): every entity's Node id. */
const KEY_GETTERS = new Set(['nodeId']);

/** What a schema field reads of its object, as schema.ts records it for plain property fields. */
export const READS = 'retrofunReads';

const needsByOperation = new WeakMap<OperationDefinitionNode, ColumnNeeds>();
let classByType: ReadonlyMap<string, Function> | undefined;

function classOf(typeName: string): Function | undefined {
  classByType ??= objectTypeClasses();
  return classByType.get(typeName);
}

/** The operation's column needs, worked out once per parsed operation (a document is cached and reused). */
export function columnNeeds(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, plans: FieldPlans): ColumnNeeds {
  let needs = needsByOperation.get(operation);
  if (!needs) {
    const byClass = new Map<Function, Set<string> | 'all'>();
    const note = (cls: Function, prop: string | 'all') => {
      const known = byClass.get(cls);
      if (known === 'all') return;
      if (prop === 'all') byClass.set(cls, 'all');
      else if (known) known.add(prop);
      else byClass.set(cls, new Set([prop]));
    };
    const walk = (type: GraphQLNamedType | undefined, set: SelectionSetNode) => {
      if (!type) return;
      for (const selection of set.selections) {
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          walk(selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type, selection.selectionSet);
          continue;
        }
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const fragment = fragments[selection.name.value];
          if (fragment) walk(schema.getType(fragment.typeCondition.name.value), fragment.selectionSet);
          continue;
        }
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        // A field asked of an interface or union is asked of each type that can stand there.
        const targets = isAbstractType(type) ? schema.getPossibleTypes(type) : isObjectType(type) ? [type] : [];
        for (const target of targets) {
          const field = target.getFields()[name];
          if (!field) continue;
          const cls = classOf(target.name);
          if (cls && !plans[target.name]?.[name]) {
            // Relations, connections and aggregates (plans) need keys only, which are always read.
            const reads = field.extensions[READS];
            if (typeof reads !== 'string') note(cls, 'all');
            else if (!KEY_GETTERS.has(reads)) note(cls, reads);
          }
          if (selection.selectionSet) walk(getNamedType(field.type), selection.selectionSet);
        }
      }
    };
    const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    walk(root ?? undefined, operation.selectionSet);
    const key = [...byClass]
      .map(([cls, props]) => `${cls.name}:${props === 'all' ? '*' : [...props].sort().join(',')}`)
      .sort()
      .join(';');
    needs = { byClass, key };
    needsByOperation.set(operation, needs);
  }
  return needs;
}

/**
 * The properties rows of `meta` are selected with under `needs`: the keys and foreign keys, the
 * properties the operation reads and `required` ones (a page's order, for its cursors); every
 * column when the needs say nothing precise about the entity.
 */
export function neededColumns(meta: EntityMetadata, needs: ColumnNeeds | undefined, required: readonly string[] = []): string[] {
  const all = rowColumns(meta);
  const wanted = needs?.byClass.get(meta.class);
  if (!wanted || wanted === 'all') return all;
  // A property that is not a column here (a getter, a lazy column) is something this cannot see through.
  for (const name of wanted) {
    const prop = meta.properties[name];
    if (!prop || (prop.kind === ReferenceKind.SCALAR && !all.includes(name))) return all;
  }
  return all.filter((name) => {
    const prop = meta.properties[name]!;
    return prop.primary || prop.kind !== ReferenceKind.SCALAR || wanted.has(name) || required.includes(name);
  });
}
