import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { registerEnumType } from 'type-graphql';
import type { Context } from '../context.js';
import { policyFor, type Count, type CountMode } from '../loading/counting.js';
import type { ConnectionShape } from '../loading/paging/page.js';

/** The GraphQL CountMode enum: each value stands for the configuration's name of the mode (COUNT_MODE). */
export const CountModeEnum = { EXACT: 'exact', CAPPED: 'capped', ESTIMATED: 'estimated' } as const satisfies Record<string, CountMode>;

registerEnumType(CountModeEnum, {
  name: 'CountMode',
  description: "How a connection's totalCount counts. Counts up to the server's cap (COUNT_CAP, 10,000 by default) are exact in every mode.",
  valuesConfig: {
    EXACT: { description: 'Count every matching item (a full count, priced in the cost model: see docs/api.md, "Counts").' },
    CAPPED: { description: 'Count up to the cap and stop: beyond it totalCount is the cap, a lower bound, and totalCountIsExact is false.' },
    ESTIMATED: {
      description: "Beyond the cap, PostgreSQL's planner estimate instead of the cap (totalCountIsExact false); SQLite has no estimate and answers the cap. Nested connections count as CAPPED.",
    },
  },
});

/** The description of a count field's `mode` argument. */
export const COUNT_MODE_ARGUMENT = "How to count; by default the server's COUNT_MODE (CAPPED unless configured otherwise).";

/** A connection's count under the mode a field asks for (the request's defaults when it names none). */
export function countOf(connection: ConnectionShape<object>, mode: CountMode | null | undefined, ctx: Context): Promise<Count> {
  return connection.count(policyFor(mode, ctx.loaders.counts));
}

type Resolve = GraphQLFieldResolver<ConnectionShape<object>, Context, { mode?: CountMode | null }>;

const RESOLVERS: Record<string, Resolve> = {
  totalCount: (connection, { mode }, ctx) => countOf(connection, mode, ctx).then((c) => c.value),
  totalCountIsExact: (connection, { mode }, ctx) => countOf(connection, mode, ctx).then((c) => c.exact),
};

/**
 * Every connection's totalCount and totalCountIsExact answer without TypeGraphQL's resolver, which
 * would copy the page into a new instance of its class (reading every getter: all the edges'
 * cursors) before calling the declared method. Same function, same arguments: countOf.
 */
export function directCountFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.name.endsWith('Connection')) continue;
    const fields = type.getFields();
    for (const [name, resolve] of Object.entries(RESOLVERS)) if (fields[name]) fields[name].resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
  }
  return schema;
}
