import { HeaderMap, type HTTPGraphQLHead } from '@apollo/server';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../errors.js';

export type Format = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Errors formatted as Apollo formats those of the operations it executes itself, for the plugins
 * that answer an operation in its place (request-transaction.ts, compiled-queries.ts); Apollo's
 * own function for this is not exported. Each error's `extensions.http` (graphql-jit's errors may
 * have no extensions at all) goes into the answer's status (the last asked wins) and headers,
 * then the service's formatError masks any error without a client code; a formatter that throws
 * gives a bare internal error.
 */
export function formatLikeApollo(errors: readonly GraphQLError[], format: Format): { errors: GraphQLFormattedError[]; http: HTTPGraphQLHead } {
  const http: HTTPGraphQLHead = { status: undefined, headers: new HeaderMap() };
  const formatted = errors.map((error) => {
    const { http: asked, ...extensions } = (error.extensions ?? {}) as Record<string, unknown> & { http?: { status?: number; headers?: Map<string, string> } };
    if (typeof asked?.status === 'number') http.status = asked.status;
    for (const [name, value] of asked?.headers ?? []) http.headers.set(name, value);
    try {
      return format({ ...error.toJSON(), extensions }, error);
    } catch {
      return { message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
  });
  return { errors: formatted, http };
}
