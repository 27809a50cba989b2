import { createClient } from 'graphql-sse';
import { OrdersPageLiveDocument } from '../generated/graphql.js';

/**
 * Follows orderPlaced over GraphQL over Server-Sent Events (graphql-sse, which sends the
 * Authorization header as a fetch does; an EventSource could not) and calls `onOrder` with each
 * new order's id. Reconnects by itself; returns what stops it.
 */
export function watchNewOrders(token: string, onOrder: (id: string) => void, onState: (live: boolean) => void): () => void {
  const client = createClient({
    url: '/graphql',
    headers: { authorization: `Bearer ${token}` },
    retryAttempts: 1_000,
  });
  const stop = client.subscribe<{ orderPlaced: { id: string } }>(
    { query: OrdersPageLiveDocument.toString() },
    {
      next: (result) => {
        if (result.data) onOrder(result.data.orderPlaced.id);
      },
      error: () => onState(false),
      complete: () => onState(false),
    },
    { connected: () => onState(true) },
  );
  return () => {
    stop();
    client.dispose();
  };
}
