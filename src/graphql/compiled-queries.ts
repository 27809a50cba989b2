import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { getVariableValues, type DocumentNode, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Logger } from 'pino';
import type { Context } from '../context.js';
import { formatLikeApollo, type Format } from './apollo-errors.js';

interface Entry {
  /** Executions so far, the one under way included. */
  runs: number;
  /** Per operation name ('' for an anonymous one): the compiled operation, or null when it cannot be compiled. */
  compiled: Map<string, CompiledQuery | null>;
}

/**
 * Queries a client repeats run as compiled JavaScript (graphql-jit) instead of through
 * graphql-js's generic executor: the operation is turned once into a function that calls the
 * same resolvers in the same order, with the same context, and builds the answer directly (the
 * saving is measured in docs/benchmarks/throughput-2026-11-23.md):
 * graphql-js looks up, for every field of every object of every answer, its definition, its
 * arguments and its return type, and allocates a path and an info object for it.
 *
 * A document runs through graphql-js until its `compileAfter`-th execution, so a query sent once
 * (or a flood of distinct ones) never pays for compiling. A compiled form is kept with its
 * document, weakly, for as long as Apollo's document cache keeps the document (GRAPHQL_DOCUMENT_CACHE_MB,
 * document-cache.ts): held here by an LRU of its own, 500 documents of up to QUERY_TOKEN_LIMIT
 * tokens each outlived that cache's bound. Mutations keep their own executor (request-transaction.ts), variables that
 * do not coerce leave the request to graphql-js (Apollo's errors, its status), and the errors of a
 * compiled query are formatted as Apollo formats its own (apollo-errors.ts).
 */
export function compiledQueriesPlugin(compileAfter: number, format: Format, logger: Logger): ApolloServerPlugin<Context> {
  const cache = new WeakMap<DocumentNode, Entry>();
  /** `name` as the request gives it (none for a document's only operation), `label` the operation's own for the log. */
  const compiledFor = (schema: GraphQLSchema, document: DocumentNode, name: string | undefined, label: string | null): CompiledQuery | null => {
    let entry = cache.get(document);
    if (!entry) cache.set(document, (entry = { runs: 0, compiled: new Map() }));
    if (++entry.runs < compileAfter) return null;
    const key = name ?? '';
    let compiled = entry.compiled.get(key);
    if (compiled === undefined) {
      const result = compileQuery(schema, document, name);
      compiled = isCompiledQuery(result) ? result : null;
      if (compiled) logger.debug({ operationName: label }, 'query compiled');
      else logger.warn({ operationName: label, reason: 'errors' in result ? result.errors?.[0]?.message : undefined }, 'query could not be compiled: it runs through graphql-js');
      entry.compiled.set(key, compiled);
    }
    return compiled;
  };
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ operation, schema, document, contextValue, request }) {
          if (compileAfter <= 0 || operation?.operation !== 'query') return null;
          const name = request.operationName ?? undefined;
          const compiled = compiledFor(schema, document, name, operation.name?.value ?? null);
          if (!compiled) return null;
          const variables = request.variables ?? {};
          const result = await compiled.query(undefined, contextValue, variables);
          if (!('data' in result)) {
            // Variables refused before anything ran. graphql-js answers those with Apollo's own
            // errors and status; and where graphql-js accepts what graphql-jit refused (it skips
            // an input field's default when the field is non-null: `direction: OrderDirection! = ASC`),
            // the document stays with graphql-js from now on.
            if (operation.variableDefinitions?.length && !getVariableValues(schema, operation.variableDefinitions, variables).errors) cache.get(document)?.compiled.set(name ?? '', null);
            return null;
          }
          if (!result.errors?.length) return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: result.data } } };
          const { errors, http } = formatLikeApollo(result.errors, format);
          return { http, body: { kind: 'single', singleResult: { data: result.data, errors } } };
        },
      };
    },
  };
}
