import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { classifyDatabaseError } from './db-errors.js';
import { ErrorCode } from '../errors.js';

/** Codes whose messages are written for clients and so pass through unmasked. */
const CLIENT_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR),
  // Raised by graphql-js and Apollo before any resolver runs: their messages are safe.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'SUBSCRIPTIONS_NOT_SUPPORTED',
  'PERSISTED_QUERY_REQUIRED',
]);

interface ValidationIssue {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationIssue[];
}

/** Flattens class-validator's tree into `{ field: "filter.yearFrom", messages: [...] }` entries. */
function flattenValidation(issues: ValidationIssue[], prefix = ''): { field: string; messages: string[] }[] {
  return issues.flatMap((issue) => {
    const field = prefix ? `${prefix}.${issue.property}` : issue.property;
    const own = issue.constraints ? [{ field, messages: Object.values(issue.constraints) }] : [];
    return [...own, ...flattenValidation(issue.children ?? [], field)];
  });
}

/**
 * Apollo's formatError: client errors pass through; anything else is an unexpected failure,
 * logged in full with an id and shown to the client only as that id.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      const { stacktrace: _omit, validationErrors, ...extensions } = formatted.extensions ?? {};
      if (Array.isArray(validationErrors)) {
        // TypeGraphQL's argument validation: name each offending field, never echo the input back.
        const fields = flattenValidation(validationErrors as ValidationIssue[]);
        const message = `Invalid input: ${fields.map((f) => `${f.field}: ${f.messages.join('; ')}`).join(', ')}`;
        return { ...formatted, message, extensions: { ...extensions, fields } };
      }
      return { ...formatted, extensions };
    }
    if (code === undefined && !formatted.path && formatted.message.startsWith('Variable "$')) {
      // A variable that does not coerce (a custom scalar's parseValue refused it, e.g. LocalDate's
      // 2023-02-30): graphql-js's message names the variable and the reason, and Apollo leaves it uncoded.
      return { ...formatted, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
    const failure = classifyDatabaseError(original);
    if (failure === 'unavailable') {
      logger.warn({ err: original, path: formatted.path }, 'database unavailable');
      return {
        message: 'The database is unavailable right now: retry shortly',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true },
      };
    }
    if (failure === 'bad-value') {
      return {
        message: 'A value in this request is not one the database can store or compare (check strings for control characters, numbers for their range and cursors for their origin)',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.BAD_USER_INPUT },
      };
    }
    const errorId = randomUUID();
    logger.error({ err: original, errorId, path: formatted.path }, 'unexpected error while resolving a request');
    return {
      message: `Internal server error (error id ${errorId})`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, errorId },
    };
  };
}
