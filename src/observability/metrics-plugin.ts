import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode } from 'graphql';
import type { Context } from '../context.js';
import type { Metrics } from './metrics.js';

// Apollo's side of the metrics, apart from src/observability/metrics.ts so that prom-client loads
// only where METRICS=true (src/app/metrics.ts imports it then): ~20 ms of every start otherwise.

/** Codes of failures that are the service's, not the client's. */
const SERVER_CODES = new Set(['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE']);

function firstOperationName(document: DocumentNode | undefined): string | undefined {
  const op = document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return op?.kind === Kind.OPERATION_DEFINITION ? op.name?.value : undefined;
}

/** Records every GraphQL request Apollo answers, refused ones (cost, validation) included. */
export function metricsPlugin(metrics: Metrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, request, document, response, contextValue }) {
          // The errors as the client gets them: formatted, so every one carries its code.
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const codes = errors.map((e) => String(e.extensions?.code ?? ''));
          const outcome = !codes.length ? 'ok' : codes.some((c) => SERVER_CODES.has(c)) ? 'server_error' : 'client_error';
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          // A document that failed validation has no resolved operation: name it as the client did.
          const named = operationName ?? request.operationName ?? firstOperationName(document);
          metrics.record(metrics.operation(named), outcome, seconds, contextValue?.sql?.statements ?? 0);
        },
      };
    },
  };
}
