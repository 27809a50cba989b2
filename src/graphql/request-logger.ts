import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context.js';

/** One structured log line per operation: name, outcome and duration (never variables: they may hold secrets). */
export function requestLoggerPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, errors }) {
          contextValue.logger.info(
            {
              operationName: operationName ?? null,
              durationMs: Math.round((performance.now() - started) * 10) / 10,
              errorCodes: errors?.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
            },
            'graphql request',
          );
        },
      };
    },
  };
}
