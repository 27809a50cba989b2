import type { ApolloServerPlugin } from '@apollo/server';
import { getNamedType, getNullableType, GraphQLError, isLeafType, isListType, type GraphQLSchema } from 'graphql';
import { createRequire } from 'node:module';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import type { Context } from '../../context.js';
import { MAX_ROWS, DEFAULT_ROWS } from '../../modules/analytics/report.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../connection.js';

// Its CommonJS build: the ESM build imports graphql/index.mjs, a second copy of graphql next to the
// CommonJS one that TypeGraphQL and Apollo use, and schema objects from one fail checks in the other.
const { getComplexity } = createRequire(import.meta.url)('graphql-query-complexity') as typeof import('graphql-query-complexity');

/** Items assumed for a list with no size argument (a product's countries, an order's items, translations). */
export const ASSUMED_LIST_SIZE = 10;

function clamp(value: unknown, fallback: number, max: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? Math.min(value, max) : fallback;
}

/**
 * The cost model: every object a response may contain costs 1, scalars are free, and a field
 * returning many objects multiplies the cost of one by how many it may return — a connection
 * by `first`/`last` (20 by default, at most 100), `nodes(ids:)` by its ids, a report by `first`
 * (100 by default, at most 1000), any other list by 10. `nodes` and `edges` of a connection are
 * the page itself and do not multiply again. So cost bounds the objects a response can hold and,
 * through them, the rows the database reads.
 */
export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  // Introspection reads the schema, not the database: bounded by the schema's size, and off in production.
  if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
  const returned = getNamedType(field.type);
  if (isLeafType(returned)) return 0;
  let many = 1;
  if (returned.name.endsWith('Connection')) many = clamp(args.first ?? args.last, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  else if (isListType(getNullableType(field.type)) && !type.name.endsWith('Connection')) {
    if (Array.isArray(args.ids)) many = args.ids.length;
    else if ('first' in args) many = clamp(args.first, DEFAULT_ROWS, MAX_ROWS);
    else many = ASSUMED_LIST_SIZE;
  }
  return 1 + many * childComplexity;
};

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
