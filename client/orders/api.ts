import type { TypedDocumentString } from '../generated/graphql.js';

/** A GraphQL error as the service sends it: a message and a stable code. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** Runs a generated, typed document against this service's /graphql, with the signed-in token if any. */
export async function execute<R, V>(document: TypedDocumentString<R, V>, variables: V, token?: string | null): Promise<R> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch {
    throw new ApiError('The service cannot be reached: check your connection and try again.', 'NETWORK');
  }
  let body: { data?: R | null; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new ApiError(`The service answered HTTP ${res.status} without GraphQL JSON.`, 'BAD_RESPONSE');
  }
  const error = body.errors?.[0];
  if (error || !body.data) throw new ApiError(error?.message ?? `HTTP ${res.status}`, error?.extensions?.code ?? 'UNKNOWN');
  return body.data;
}
