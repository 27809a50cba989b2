import type { ApolloServerPlugin } from '@apollo/server';
import { getNamedType, getNullableType, GraphQLError, isListType, Kind, type FieldNode, type GraphQLCompositeType, type GraphQLField, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import { createRequire } from 'node:module';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import type { Context } from '../../context.js';
import { MAX_ROWS, DEFAULT_ROWS } from '../../modules/analytics/report.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../loading/paging/page.js';
import { DEFAULT_COUNT_POLICY } from '../../loading/counting.js';

/** A connection's count fields, which take a `mode`. */
const COUNT_FIELDS = new Set(['totalCount', 'totalCountIsExact']);

// Its CommonJS build: the ESM build imports graphql/index.mjs, a second copy of graphql next to the
// CommonJS one that TypeGraphQL and Apollo use, and schema objects from one fail checks in the other.
const { getComplexity } = createRequire(import.meta.url)('graphql-query-complexity') as typeof import('graphql-query-complexity');

function clamp(value: unknown, fallback: number, max: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? Math.min(value, max) : fallback;
}

/**
 * How many objects a field may return when it returns a page of them, undefined when it does not:
 * a connection its `first`/`last` (20 when absent, at most 100), `nodes(ids:)` its ids, a report
 * (`salesStats`, …) its `first` (100 when absent, at most 1,000).
 */
function pageSize(parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number | undefined {
  const returned = getNamedType(field.type);
  if (returned.name.endsWith('Connection')) return clamp(args.first ?? args.last, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  if (parent.name !== 'Query' || !isListType(getNullableType(field.type))) return undefined;
  if (Array.isArray(args.ids)) return args.ids.length;
  return field.args.some((arg) => arg.name === 'first') ? clamp(args.first, DEFAULT_ROWS, MAX_ROWS) : undefined;
}

/**
 * What an exact count costs (totalCount or totalCountIsExact with `mode: EXACT`): the objects it
 * may read, taken as the default count cap (COUNT_CAP), past which a count stops unless exact.
 * Per parent like any field, so an exact count under a page of 100 parents costs 1,000,000
 * (above the default limit: count those capped); at the root, 10,000. A count in the server's
 * default mode is free, as totalCount always was: the operator chose that mode for every query.
 */
export const EXACT_COUNT_COST = DEFAULT_COUNT_POLICY.cap;

/**
 * The cost model is GitHub's node limit applied to this schema: an operation costs the most
 * objects its pages may hold, the sum over every field that returns a page (above) of the product
 * of the page sizes along its path. `manufacturers(first: 100) { nodes { products(first: 100) { … } } }`
 * costs 100 + 100 × 100. Everything else is free and multiplies nothing, as on GitHub: scalars,
 * single objects (at most one per object already counted), a connection's `nodes` and `edges`
 * (its page), and the plain lists (a product's countries, an order's items, an article's
 * translations), which the data bounds rather than the client: at most 50 countries per
 * product and 50 items per order by validation, one translation per language. An exact count asked
 * for by name costs EXACT_COUNT_COST. Calibrated on
 * measurement at scale 10 (docs/benchmarks/cost-model-2026-12-07.md).
 */
export const costEstimator: ComplexityEstimator = ({ type, field, node, args, childComplexity }) => {
  // Introspection reads the schema, not the database: bounded by the schema's size, and off in production.
  if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
  if (COUNT_FIELDS.has(field.name)) {
    const cost = args.mode === 'exact' ? EXACT_COUNT_COST : 0;
    countCosts.set(node, cost);
    return cost;
  }
  const page = pageSize(type, field, args);
  if (page === undefined) return childComplexity;
  // A connection's exact count is one per connection, not one per item of its page, and one
  // however many of its fields (totalCount, totalCountIsExact, aliases) read it.
  const counts = ownCounts(node.selectionSet);
  return page + page * (childComplexity - counts) + (counts > 0 ? EXACT_COUNT_COST : 0);
};

/**
 * What the count fields selected directly on a connection cost, as their estimator priced them
 * just before (children are estimated first). Through inline fragments; a count inside a named
 * fragment is left in the per-item part, which prices it higher, never lower.
 */
const countCosts = new WeakMap<FieldNode, number>();

function ownCounts(selections: SelectionSetNode | undefined): number {
  let total = 0;
  for (const selection of selections?.selections ?? []) {
    if (selection.kind === Kind.FIELD && COUNT_FIELDS.has(selection.name.value)) total += countCosts.get(selection) ?? 0;
    else if (selection.kind === Kind.INLINE_FRAGMENT) total += ownCounts(selection.selectionSet);
  }
  return total;
}

// Apollo hands back the same parsed document for the same query text (its document store), so a
// document's costs are kept per operation and variables: clients repeat the same operations, and
// walking the document with every field's estimator is a measurable share of a small request.
// A few variable sets per document, so that varying variables cannot grow it without bound.
const costs = new WeakMap<import('graphql').DocumentNode, Map<string, number | undefined>>();
const VARIABLE_SETS_PER_DOCUMENT = 32;

/** The cost of the operation a request will run; undefined when its variables do not coerce (execution reports that). */
export function operationCost(schema: GraphQLSchema, request: { document: import('graphql').DocumentNode; operationName?: string | null; variables?: Record<string, unknown> }): number | undefined {
  let known = costs.get(request.document);
  if (!known) costs.set(request.document, (known = new Map()));
  const key = JSON.stringify([request.operationName ?? null, request.variables ?? {}]);
  if (known.has(key)) return known.get(key);
  const cost = computeCost(schema, request);
  if (known.size >= VARIABLE_SETS_PER_DOCUMENT) known.delete(known.keys().next().value!);
  known.set(key, cost);
  return cost;
}

function computeCost(schema: GraphQLSchema, request: { document: import('graphql').DocumentNode; operationName?: string | null; variables?: Record<string, unknown> }): number | undefined {
  try {
    return getComplexity({
      schema,
      query: request.document,
      operationName: request.operationName ?? undefined,
      variables: request.variables ?? {},
      estimators: [costEstimator],
    });
  } catch (error) {
    if (error instanceof GraphQLError) return undefined;
    throw error;
  }
}

/**
 * Refuses an operation whose cost exceeds the limit with QUERY_TOO_COMPLEX (HTTP 400) before it
 * runs: no SQL, no resolver. The cost of every accepted operation goes to `extensions.cost`
 * when `report` is on.
 */
export function costLimitPlugin(limit: number, report: boolean): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let cost: number | undefined;
      return {
        async didResolveOperation({ schema, document, operationName, request }) {
          cost = operationCost(schema, { document, operationName, variables: request.variables });
          if (cost !== undefined && cost > limit) {
            throw new GraphQLError(`This operation would cost ${cost}, above the limit of ${limit}: ask for smaller pages (first/last), fewer nested connections or fewer aliases`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', cost, limit, http: { status: 400 } },
            });
          }
        },
        async willSendResponse({ response }) {
          if (!report || cost === undefined || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: { requested: cost, limit } };
        },
      };
    },
  };
}
