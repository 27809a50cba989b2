import { getOperationAST, GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { QueryLimits } from '../config.js';
import { ErrorCode } from '../errors.js';
import { documentLimitsRule } from '../graphql/limits/document-limits.js';

/** What a live transport runs: a parsed, validated subscription. */
export interface Prepared {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: Record<string, unknown> | null;
}

function coded(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, code } });
}

/**
 * Parses and validates a live transport's operation with the limits HTTP requests have (tokens,
 * depth, aliases, directives, fields); refuses anything but a subscription: queries and mutations
 * go by HTTP, where their transaction, retries and caching live.
 */
export function prepareLive(schema: GraphQLSchema, limits: QueryLimits & { depth: number }, payload: { query?: unknown; operationName?: unknown; variables?: unknown }): Prepared | GraphQLError[] {
  if (typeof payload.query !== 'string' || payload.query.trim() === '') return [new GraphQLError('The subscription has no query text', { extensions: { code: 'BAD_REQUEST' } })];
  if (payload.operationName != null && typeof payload.operationName !== 'string') return [new GraphQLError('operationName must be a string', { extensions: { code: 'BAD_REQUEST' } })];
  const variables = payload.variables ?? {};
  if (typeof variables !== 'object' || Array.isArray(variables)) return [new GraphQLError('variables must be an object', { extensions: { code: 'BAD_REQUEST' } })];
  let document: DocumentNode;
  try {
    document = parse(payload.query, { maxTokens: limits.tokens });
  } catch (error) {
    if (error instanceof GraphQLError) return [coded(error, 'GRAPHQL_PARSE_FAILED')];
    throw error;
  }
  const invalid = validate(schema, document, [...specifiedRules, documentLimitsRule(limits)]);
  if (invalid.length) return invalid.map((error) => (error.extensions.code ? error : coded(error, 'GRAPHQL_VALIDATION_FAILED')));
  const operation = getOperationAST(document, payload.operationName ?? undefined);
  if (!operation) return [new GraphQLError('Name the operation to run (operationName): the document holds several, or none', { extensions: { code: 'BAD_REQUEST' } })];
  if (operation.operation !== 'subscription') {
    return [
      new GraphQLError(`A ${operation.operation} is sent as an HTTP POST to /graphql; WebSockets and event streams carry subscriptions`, {
        extensions: { code: ErrorCode.SUBSCRIPTIONS_ONLY },
      }),
    ];
  }
  return { schema, document, operationName: payload.operationName ?? null, variableValues: variables as Record<string, unknown> };
}
