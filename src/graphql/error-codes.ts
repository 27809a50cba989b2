import { GraphQLEnumType, GraphQLSchema } from 'graphql';
import type { ErrorCode } from '../errors.js';

/**
 * Every code a client can find in `errors[].extensions.code`, with what it means: the resolvers'
 * own (ErrorCode, src/errors.ts: the type requires each of them here), the ones graphql-js and
 * Apollo raise before a resolver runs, and the ones the HTTP layer answers before GraphQL
 * (src/http). Published twice from this list: as `enum ErrorCode` in the schema and, for client
 * code, as client/error-codes.ts; test/clients/error-codes.test.ts fails when the source throws a
 * code missing here or when the two copies drift. Codes are stable: add, never rename.
 */
export const PUBLISHED_ERROR_CODES = {
  BAD_USER_INPUT:
    'An argument or variable is invalid (format, range, length, an impossible date, a malformed global id); `extensions.argument` or `extensions.fields` names it. Fix the input; retrying it as is fails again.',
  NOT_FOUND: 'Nothing has the id asked for (or nothing is served at that HTTP path: the API is POST /graphql).',
  CONFLICT:
    'The write clashes with the data as it is (a name already taken, a record others still refer to, a reused idempotency key, the last administrator); `extensions.field`, and for some `extensions.reason`, says which.',
  FORBIDDEN: 'Signed in, but the role does not allow this field or mutation.',
  UNAUTHENTICATED: 'Sign in first, or sign in again: no token where one is needed, or a bad, expired or revoked one (then the whole request is refused with HTTP 401).',
  RATE_LIMITED: 'Too many attempts: wait `extensions.retryAfterSeconds` before trying again.',
  QUERY_TOO_COMPLEX: 'The operation would cost more than the limit (`extensions.cost`, `extensions.limit`): ask for smaller pages or fewer nested connections.',
  STATEMENT_LIMIT_EXCEEDED: 'The request needed more SQL statements than allowed and was stopped: ask for less.',
  REQUEST_TIMEOUT: 'The request ran out of time and was stopped: ask for less.',
  SERVICE_UNAVAILABLE: 'The database is unavailable right now (`extensions.retryable` is true): retry shortly.',
  ROLLED_BACK: 'Another mutation field of the same operation failed, so nothing of the operation was saved (`extensions.failedField` names it).',
  CONSISTENCY_TOKEN_INVALID:
    "The X-Consistency-Token header is not a consistency token (HTTP 400): send back, unchanged, the value a mutation's answer carried in that header or in `extensions.consistencyToken`.",
  INTERNAL_SERVER_ERROR: 'An unexpected failure, logged by the service with `extensions.errorId`: quote that id when reporting it.',
  GRAPHQL_PARSE_FAILED: 'The document is not valid GraphQL syntax.',
  GRAPHQL_VALIDATION_FAILED: 'The document does not validate against the schema, or exceeds a document limit (depth, aliases, fields).',
  BAD_REQUEST: 'The HTTP request is not a GraphQL request this service accepts (unreadable JSON, no query, a mutation over GET).',
  OPERATION_RESOLUTION_FAILURE: 'The operation to run cannot be chosen: `operationName` names none in the document, or several operations and no name.',
  PERSISTED_QUERY_NOT_FOUND:
    'A persisted document id the service does not know (not in any trusted manifest), or an automatic persisted query whose hash it has not seen: send it again with its text (APQ) or regenerate your manifest.',
  PERSISTED_QUERY_ID_INVALID: 'A documentId (or doc_id, id) that is not an id: `sha256:<64 hex>` or 32, 40 or 64 hex digits.',
  PERSISTED_QUERY_REQUIRED: 'TRUSTED_DOCUMENTS=require: send a persisted document id (documentId) instead of the query text.',
  PERSISTED_QUERY_NOT_SUPPORTED: 'Persisted document ids are not accepted (TRUSTED_DOCUMENTS=off): send the query text.',
  PERSISTED_QUERY_HASH_MISMATCH: "A persisted query's sha256Hash is not the SHA-256 of the query text sent with it.",
  PERSISTED_QUERY_VERSION_NOT_SUPPORTED: 'Only version 1 of automatic persisted queries is supported.',
  SUBSCRIPTIONS_NOT_SUPPORTED: 'A subscription sent as a plain HTTP request: subscribe over WebSocket (graphql-ws) or Server-Sent Events (graphql-sse) on /graphql.',
  SUBSCRIPTIONS_ONLY: 'A query or mutation sent over WebSocket or an event stream: those carry subscriptions; send queries and mutations as HTTP POST /graphql.',
  CURSOR_EXPIRED: "A subscription's `after` cursor is too old to resume from (events are kept 24 hours, at most 1,000 are replayed): subscribe without it and read what you missed with a query.",
  TOO_MANY_SUBSCRIPTIONS: 'Too many subscriptions open on this connection or from this address: complete some first.',
  PAYLOAD_TOO_LARGE: 'The request body is larger than the service accepts (HTTP 413).',
  UNSUPPORTED_MEDIA_TYPE: 'The body is in a charset or content encoding the service does not read (HTTP 415): send UTF-8 JSON, identity, gzip or deflate.',
  JSON_TOO_DEEP: 'The JSON body, variables or extensions nest arrays and objects deeper than allowed.',
  DOCUMENT_TOO_DEEP: 'The document nests selections, lists, objects and arguments deeper than allowed.',
} as const satisfies Record<ErrorCode, string> & Record<string, string>;

export type PublishedErrorCode = keyof typeof PUBLISHED_ERROR_CODES;

/**
 * `schema` with the list as `enum ErrorCode` among its types. No field returns it: it is there for
 * clients and their tools to read (TypeGraphQL's orphanedTypes takes classes, not enums).
 */
export function withErrorCodes(schema: GraphQLSchema): GraphQLSchema {
  const errorCode = new GraphQLEnumType({
    name: 'ErrorCode',
    description:
      'The codes of `errors[].extensions.code`, which clients branch on (messages are for people and may change). No field returns this enum: it publishes the list. A code is never renamed; new ones may be added, so treat an unknown one as unexpected.',
    values: Object.fromEntries(Object.entries(PUBLISHED_ERROR_CODES).map(([code, description]) => [code, { value: code, description }])),
  });
  const config = schema.toConfig();
  return new GraphQLSchema({ ...config, types: [...config.types, errorCode] });
}

/** The list as a TypeScript module for client code (client/error-codes.ts, written by `npm run schema:emit`). */
export function renderClientErrorCodes(): string {
  const entries = Object.entries(PUBLISHED_ERROR_CODES).map(([code, description]) => `  /** ${description} */\n  ${code}: '${code}',`);
  return `// Generated from src/graphql/error-codes.ts by \`npm run schema:emit\`; do not edit by hand.

/**
 * The codes of \`errors[].extensions.code\` that clients branch on (messages are for people and may
 * change): the same list as \`enum ErrorCode\` in schema.graphql. A code is never renamed; new ones
 * may be added, so treat an unknown one (\`errorCode\` answers undefined) as unexpected.
 */
export const ErrorCode = {
${entries.join('\n')}
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const CODES: ReadonlySet<unknown> = new Set(Object.values(ErrorCode));

/** Whether \`value\` is one of the published codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return CODES.has(value);
}

/**
 * The published code of a GraphQL error (an entry of a response's \`errors\`, or any value with
 * \`extensions.code\`), or undefined when it has none or one this list does not know.
 */
export function errorCode(error: unknown): ErrorCode | undefined {
  const extensions = typeof error === 'object' && error !== null ? (error as { extensions?: unknown }).extensions : undefined;
  const code = typeof extensions === 'object' && extensions !== null ? (extensions as { code?: unknown }).code : undefined;
  return isErrorCode(code) ? code : undefined;
}
`;
}
