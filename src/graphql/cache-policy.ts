import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { declaredRules } from '../seams/type-graphql.js';
import type { CacheHint } from './cache-hints.js';
import { blogCacheHints } from '../modules/blog/blog.cache.js';
import { catalogCacheHints } from '../modules/catalog/catalog.cache.js';
import { reviewCacheHints } from '../modules/reviews/review.cache.js';
import { salesCacheHints } from '../modules/sales/sales.cache.js';
import { wikiCacheHints } from '../modules/wiki/wiki.cache.js';
import { mergeHints } from './cache-hints.js';

/** Every module's hints. */
export const CACHE_HINTS = mergeHints(catalogCacheHints, reviewCacheHints, salesCacheHints, blogCacheHints, wikiCacheHints);

/** What an operation's answers may be: kept publicly for maxAge seconds, reading `tables`; or never kept, and why. */
export type CachePolicy = { cacheable: true; maxAge: number; tables: readonly string[] } | { cacheable: false; viewer: boolean; reason: string };

const viewerRules = new WeakMap<GraphQLSchema, Map<string, boolean>>();

/** Whether TypeGraphQL checks a rule (an @Authorized role, a middleware) on the field: its value may depend on the viewer. */
function hasRules(schema: GraphQLSchema, typeName: string, fieldName: string): boolean {
  let memo = viewerRules.get(schema);
  if (!memo) viewerRules.set(schema, (memo = new Map()));
  const key = `${typeName}.${fieldName}`;
  let ruled = memo.get(key);
  if (ruled === undefined) {
    const rules = declaredRules(schema, typeName, fieldName);
    memo.set(key, (ruled = rules.roles.length > 0 || rules.middleware));
  }
  return ruled;
}

/** Pages of a connection carry what their nodes are: no bound or table of their own. */
function isCarrier(name: string): boolean {
  return name === 'PageInfo' || name.endsWith('Connection') || name.endsWith('Edge');
}

/**
 * The policy of one operation of a parsed document, from its selections alone (computed once per
 * document, before anything runs, so that a 304 needs no execution):
 * - a mutation or subscription, a field with an @Authorized rule or a middleware, or a field hinted
 *   `viewer`: never kept (`viewer` for the ones that depend on who asks);
 * - every object an answer may hold (each possible type of an interface or union) needs its type's
 *   hint; a type without one, or a table without a version, makes it uncacheable;
 * - maxAge is the shortest of the types' and fields' hints; a root field with neither: 0, not cached
 *   (Apollo's default); a scalar field inherits its parent's;
 * - tables are the union of the types' and fields' tables.
 * Fragments count wherever they are declared in the document (a superset: never fewer tables).
 */
export function cachePolicy(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, versioned: ReadonlySet<string>, hints = CACHE_HINTS): CachePolicy {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName === undefined ? (operations.length === 1 ? operations[0] : undefined) : operations.find((o) => o.name?.value === operationName);
  if (!operation) return { cacheable: false, viewer: false, reason: 'no single operation' };
  if (operation.operation !== 'query') return { cacheable: false, viewer: false, reason: `a ${operation.operation}` };
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  let maxAge = Number.POSITIVE_INFINITY;
  const tables = new Set<string>();
  let refusal: { viewer: boolean; reason: string } | undefined;
  const apply = (hint: CacheHint | undefined) => {
    if (hint?.maxAge !== undefined) maxAge = Math.min(maxAge, hint.maxAge);
    for (const table of hint?.tables ?? []) tables.add(table);
  };
  const typeInfo = new TypeInfo(schema);
  const queryType = schema.getQueryType();
  visit(
    { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] },
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (refusal || node.name.value.startsWith('__')) return;
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) {
          refusal = { viewer: false, reason: `unknown field ${node.name.value}` };
          return;
        }
        const key = `${parent.name}.${field.name}`;
        const fieldHint = hints.fields[key];
        if (fieldHint?.viewer || hasRules(schema, parent.name, field.name)) {
          refusal = { viewer: true, reason: `${key} depends on the viewer` };
          return;
        }
        apply(fieldHint);
        const named = getNamedType(field.type);
        if (isCompositeType(named)) {
          const types: readonly GraphQLNamedType[] = isAbstractType(named) ? schema.getPossibleTypes(named) : [named];
          for (const type of types) {
            if (isCarrier(type.name)) continue;
            const hint = hints.types[type.name];
            if (!hint) {
              refusal = { viewer: false, reason: `no cache hint for ${type.name}` };
              return;
            }
            apply(hint);
          }
        } else if (parent === queryType && fieldHint?.maxAge === undefined) {
          maxAge = 0;
        }
      },
    }),
  );
  if (refusal) return { cacheable: false, ...refusal };
  const unversioned = [...tables].filter((t) => !versioned.has(t));
  if (unversioned.length) return { cacheable: false, viewer: false, reason: `no version for ${unversioned.join(', ')}` };
  if (!Number.isFinite(maxAge) || maxAge <= 0 || tables.size === 0) return { cacheable: false, viewer: false, reason: 'no maxAge' };
  return { cacheable: true, maxAge, tables: [...tables].sort() };
}
