// Reads that see your writes, for Apollo Client, urql and fetch (docs/frontend.md quotes this file;
// test/clients/consistency-clients.test.ts runs it against the service with the real packages).
import { ApolloLink } from '@apollo/client';
import { map } from 'rxjs';

/** The header a mutation's answer carries its token in, and a later request sends it back in. */
export const CONSISTENCY_HEADER = 'x-consistency-token';

/**
 * The newest consistency token one client has received: keep one per signed-in session (a tab).
 * It is opaque: store it and send it back, never parse it. SQLite deployments send none.
 */
export class ConsistencyToken {
  value: string | undefined;

  /** Keeps the token an answer's headers carry, if any. */
  remember(headers: Pick<Headers, 'get'> | undefined): void {
    const token = headers?.get(CONSISTENCY_HEADER);
    if (token) this.value = token;
  }

  /** The header to send with the next request: none until a mutation has answered one. */
  headers(): Record<string, string> {
    return this.value ? { [CONSISTENCY_HEADER]: this.value } : {};
  }
}

/** Apollo Client: put it before the HttpLink, `ApolloLink.from([consistencyLink(token), httpLink])`. */
export function consistencyLink(token: ConsistencyToken): ApolloLink {
  return new ApolloLink((operation, forward) => {
    operation.setContext(({ headers }: { headers?: Record<string, string> }) => ({ headers: { ...headers, ...token.headers() } }));
    return forward(operation).pipe(
      map((result) => {
        // HttpLink puts the fetch Response in the operation's context.
        token.remember((operation.getContext() as { response?: Response }).response?.headers);
        return result;
      }),
    );
  });
}

type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** urql (`new Client({ fetch: consistentFetch(token), … })`) and plain fetch: sends the token, keeps the newest. */
export function consistentFetch(token: ConsistencyToken, fetchImpl: Fetch = fetch): Fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    for (const [name, value] of Object.entries(token.headers())) headers.set(name, value);
    const response = await fetchImpl(input, { ...init, headers });
    token.remember(response.headers);
    return response;
  };
}
