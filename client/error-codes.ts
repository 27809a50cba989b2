// Generated from src/graphql/error-codes.ts by `npm run schema:emit`; do not edit by hand.

/**
 * The codes of `errors[].extensions.code` that clients branch on (messages are for people and may
 * change): the same list as `enum ErrorCode` in schema.graphql. A code is never renamed; new ones
 * may be added, so treat an unknown one (`errorCode` answers undefined) as unexpected.
 */
export const ErrorCode = {
  /** An argument or variable is invalid (format, range, length, an impossible date, a malformed global id); `extensions.argument` or `extensions.fields` names it. Fix the input; retrying it as is fails again. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** Nothing has the id asked for (or nothing is served at that HTTP path: the API is POST /graphql). */
  NOT_FOUND: 'NOT_FOUND',
  /** The write clashes with the data as it is (a name already taken, a record others still refer to, a reused idempotency key, the last administrator); `extensions.field`, and for some `extensions.reason`, says which. */
  CONFLICT: 'CONFLICT',
  /** Signed in, but the role does not allow this field or mutation. */
  FORBIDDEN: 'FORBIDDEN',
  /** Sign in first, or sign in again: no token where one is needed, or a bad, expired or revoked one (then the whole request is refused with HTTP 401). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** Too many attempts: wait `extensions.retryAfterSeconds` before trying again. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The operation would cost more than the limit (`extensions.cost`, `extensions.limit`): ask for smaller pages or fewer nested connections. */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** The request needed more SQL statements than allowed and was stopped: ask for less. */
  STATEMENT_LIMIT_EXCEEDED: 'STATEMENT_LIMIT_EXCEEDED',
  /** The request ran out of time and was stopped: ask for less. */
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  /** The database is unavailable right now (`extensions.retryable` is true): retry shortly. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** Another mutation field of the same operation failed, so nothing of the operation was saved (`extensions.failedField` names it). */
  ROLLED_BACK: 'ROLLED_BACK',
  /** The X-Consistency-Token header is not a consistency token (HTTP 400): send back, unchanged, the value a mutation's answer carried in that header or in `extensions.consistencyToken`. */
  CONSISTENCY_TOKEN_INVALID: 'CONSISTENCY_TOKEN_INVALID',
  /** An unexpected failure, logged by the service with `extensions.errorId`: quote that id when reporting it. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** The document is not valid GraphQL syntax. */
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  /** The document does not validate against the schema, or exceeds a document limit (depth, aliases, fields). */
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  /** The HTTP request is not a GraphQL request this service accepts (unreadable JSON, no query, a mutation over GET). */
  BAD_REQUEST: 'BAD_REQUEST',
  /** The operation to run cannot be chosen: `operationName` names none in the document, or several operations and no name. */
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  /** A persisted document id the service does not know (not in any trusted manifest), or an automatic persisted query whose hash it has not seen: send it again with its text (APQ) or regenerate your manifest. */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /** A documentId (or doc_id, id) that is not an id: `sha256:<64 hex>` or 32, 40 or 64 hex digits. */
  PERSISTED_QUERY_ID_INVALID: 'PERSISTED_QUERY_ID_INVALID',
  /** TRUSTED_DOCUMENTS=require: send a persisted document id (documentId) instead of the query text. */
  PERSISTED_QUERY_REQUIRED: 'PERSISTED_QUERY_REQUIRED',
  /** Persisted document ids are not accepted (TRUSTED_DOCUMENTS=off): send the query text. */
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  /** A persisted query's sha256Hash is not the SHA-256 of the query text sent with it. */
  PERSISTED_QUERY_HASH_MISMATCH: 'PERSISTED_QUERY_HASH_MISMATCH',
  /** Only version 1 of automatic persisted queries is supported. */
  PERSISTED_QUERY_VERSION_NOT_SUPPORTED: 'PERSISTED_QUERY_VERSION_NOT_SUPPORTED',
  /** A subscription sent as a plain HTTP request: subscribe over WebSocket (graphql-ws) or Server-Sent Events (graphql-sse) on /graphql. */
  SUBSCRIPTIONS_NOT_SUPPORTED: 'SUBSCRIPTIONS_NOT_SUPPORTED',
  /** A query or mutation sent over WebSocket or an event stream: those carry subscriptions; send queries and mutations as HTTP POST /graphql. */
  SUBSCRIPTIONS_ONLY: 'SUBSCRIPTIONS_ONLY',
  /** A subscription's `after` cursor is too old to resume from (events are kept 24 hours, at most 1,000 are replayed): subscribe without it and read what you missed with a query. */
  CURSOR_EXPIRED: 'CURSOR_EXPIRED',
  /** Too many subscriptions open on this connection or from this address: complete some first. */
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
  /** The request body is larger than the service accepts (HTTP 413). */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** The body is in a charset or content encoding the service does not read (HTTP 415): send UTF-8 JSON, identity, gzip or deflate. */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** The JSON body, variables or extensions nest arrays and objects deeper than allowed. */
  JSON_TOO_DEEP: 'JSON_TOO_DEEP',
  /** The document nests selections, lists, objects and arguments deeper than allowed. */
  DOCUMENT_TOO_DEEP: 'DOCUMENT_TOO_DEEP',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const CODES: ReadonlySet<unknown> = new Set(Object.values(ErrorCode));

/** Whether `value` is one of the published codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return CODES.has(value);
}

/**
 * The published code of a GraphQL error (an entry of a response's `errors`, or any value with
 * `extensions.code`), or undefined when it has none or one this list does not know.
 */
export function errorCode(error: unknown): ErrorCode | undefined {
  const extensions = typeof error === 'object' && error !== null ? (error as { extensions?: unknown }).extensions : undefined;
  const code = typeof extensions === 'object' && extensions !== null ? (extensions as { code?: unknown }).code : undefined;
  return isErrorCode(code) ? code : undefined;
}
