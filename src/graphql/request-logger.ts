import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context.js';

/**
 * One structured log line per operation: name, outcome and duration (never variables: they may
 * hold secrets). Info when it went well, warn when the client erred (an unknown persisted query,
 * a subscription, a validation error, a refusal), error when the service did.
 */
export function requestLoggerPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, response }) {
          // The errors as the client sees them: coded by formatError (masked ones included).
          const sent = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const errorCodes = sent?.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          const level = !errorCodes?.length ? 'info' : errorCodes.includes('INTERNAL_SERVER_ERROR') ? 'error' : 'warn';
          const durationMs = Math.round((performance.now() - started) * 10) / 10;
          // The status as sent: later plugins may still set it (503 while the database is down).
          contextValue.whenSent((status) => contextValue.logger[level]({ operationName: operationName ?? null, durationMs, status, errorCodes }, 'graphql request'));
        },
      };
    },
  };
}
