import { GraphQLError } from 'graphql';

/** The stable error codes clients may switch on (`extensions.code`). */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  RATE_LIMITED: 'RATE_LIMITED',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  STATEMENT_LIMIT_EXCEEDED: 'STATEMENT_LIMIT_EXCEEDED',
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  ROLLED_BACK: 'ROLLED_BACK',
  /** A subscription's `after` cursor is older than the replay window (24 hours, 1,000 events). */
  CURSOR_EXPIRED: 'CURSOR_EXPIRED',
  /** A query or mutation sent over a live transport (WebSocket, event stream): those go by HTTP POST. */
  SUBSCRIPTIONS_ONLY: 'SUBSCRIPTIONS_ONLY',
  /** Over the cap of open subscriptions per connection or per client address. */
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
  /** The X-Consistency-Token request header is not a token a mutation's answer carried. */
  CONSISTENCY_TOKEN_INVALID: 'CONSISTENCY_TOKEN_INVALID',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A coded error meant for the client; `extensions` adds detail such as the offending argument. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export function badInput(argument: string, message: string): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, message, { argument });
}

const SIGN_IN = 'Sign in first: send Authorization: Bearer <token> from the login mutation';

/** The request's credentials are unusable (bad, expired or revoked token): the whole request is refused with 401. */
export function unauthenticated(message = SIGN_IN): AppError {
  return new AppError(ErrorCode.UNAUTHENTICATED, message, { http: { status: 401 } });
}

/**
 * An anonymous request asked for a field that needs a signed-in user: that field is null with
 * this error and the rest of the answer stands, with HTTP 200 (GraphQL over HTTP).
 */
export function signInRequired(message = SIGN_IN): AppError {
  return new AppError(ErrorCode.UNAUTHENTICATED, message);
}
