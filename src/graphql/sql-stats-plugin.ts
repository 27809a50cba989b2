import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context.js';

/** Adds `extensions.sql = { statements, strategy }` to every response: the request's exact SQL cost. */
export function sqlStatsPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, sql: { statements: contextValue.sql.statements, strategy: contextValue.loaders.name } };
        },
      };
    },
  };
}
