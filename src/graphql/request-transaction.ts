import type { ApolloServerPlugin } from '@apollo/server';
import { execute, getNullableType, Kind, GraphQLError, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { Context } from '../context.js';
import { formatLikeApollo, type Format } from './apollo-errors.js';
import { ErrorCode } from '../errors.js';
import { isTransient, MAX_ATTEMPTS } from './mutation.js';

/** Every mutation field is nullable, so that a rolled-back operation can answer null per field. */
export function nullableMutations(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) field.type = getNullableType(field.type);
  return schema;
}

function transient(result: ExecutionResult): boolean {
  return (result.errors ?? []).some((e) => isTransient(e.originalError));
}

/**
 * The mutation fields that failed: null, with an error of their own. An error deeper in a payload
 * (a private field the caller may not read) leaves the write done: partial data, not a failure.
 */
function failedFields(result: ExecutionResult): string[] {
  const data = result.data as Record<string, unknown> | null | undefined;
  if (!data) return result.errors?.length ? ['(operation)'] : [];
  return (result.errors ?? []).map((e) => e.path?.[0]).filter((f): f is string => typeof f === 'string' && data[f] === null);
}

/**
 * One transaction per request (pyramid_tm; PostGraphile and Hasura do the same): all the mutation
 * fields of an operation run in one transaction on the request's unit of work, each field in a
 * savepoint of it (an operation of one field needs none: its failure is the transaction's). If any field fails, none is committed: every mutation field answers null, the
 * failed one with its own error and the others with ROLLED_BACK naming the field that failed
 * first. A serialization failure or deadlock retries the whole operation.
 */
export function requestTransactionPlugin(format: Format): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ operation, schema, document, contextValue: ctx, request }) {
          if (operation?.operation !== 'mutation') return null;
          let result: ExecutionResult;
          for (let attempt = 1; ; attempt++) {
            try {
              // Inside the try: a database that cannot even begin is an answer (503), not a crash.
              await ctx.em.begin();
              ctx.inRequestTransaction = true;
              ctx.soleMutationField = operation.selectionSet.selections.length === 1 && operation.selectionSet.selections[0]!.kind === Kind.FIELD;
              result = await execute({ schema, document, contextValue: ctx, variableValues: request.variables, operationName: request.operationName });
              if (!failedFields(result).length) {
                await ctx.em.commit();
                ctx.committed = true;
                ctx.services.live?.committed();
              }
            } catch (error) {
              result = { errors: [error instanceof GraphQLError ? error : new GraphQLError((error as Error).message, { originalError: error as Error })] };
            } finally {
              ctx.inRequestTransaction = false;
            }
            if (!failedFields(result).length) break;
            await ctx.em.rollback().catch(() => undefined);
            ctx.em.clear();
            ctx.loaders.clear();
            if (!transient(result) || attempt >= MAX_ATTEMPTS) break;
            ctx.logger.warn({ attempt }, 'transient database conflict, retrying the whole operation');
            await new Promise((r) => setTimeout(r, 20 * 2 ** attempt + Math.random() * 20));
          }
          return answer(result, format);
        },
      };
    },
  };
}

/**
 * The result as sent: on failure every field null, the failed ones with their errors, the others
 * rolled back; the status an error asks for (401 for a bad token), as Apollo would, and 400 when
 * nothing ran.
 */
function answer(result: ExecutionResult, format: Format) {
  const errors = [...(result.errors ?? [])];
  const data = result.data as Record<string, unknown> | null | undefined;
  const failedList = failedFields(result);
  if (failedList.length && data) {
    const failed = failedList[0];
    for (const [field, value] of Object.entries(data)) {
      if (value !== null) {
        errors.push(
          new GraphQLError(`Rolled back: ${String(failed ?? 'another field')} failed, so nothing of this operation was saved`, {
            path: [field],
            extensions: { code: ErrorCode.ROLLED_BACK, failedField: failed ?? null },
          }),
        );
      }
      data[field] = null;
    }
  }
  const { errors: formatted, http } = formatLikeApollo(errors, format);
  if (http.status === undefined && errors.length && result.data === undefined) http.status = 400;
  return { http, body: { kind: 'single' as const, singleResult: { data, errors: formatted.length ? formatted : undefined } } };
}
