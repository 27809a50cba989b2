import type { ApolloServerPlugin } from '@apollo/server';
import type { EntityManager } from '@mikro-orm/sql';
import { GraphQLError } from 'graphql';
import type { Context } from '../context.js';
import { dialectOf } from '../db/dialect.js';
import { parseLsn } from '../db/replica-lag.js';
import type { ReplicaSet } from '../db/replicas.js';
import { ErrorCode } from '../errors.js';

/**
 * Reads that see your writes. A mutation that commits on PostgreSQL answers a consistency token,
 * its commit's WAL position, in this response header and in `extensions.consistencyToken`; a later
 * request that sends it back in the same header reads only from replicas that have replayed past
 * that position, or from the primary. SQLite has no replicas: it issues none, and ignores any
 * well-formed token (a malformed one is refused on both, so a client's bug shows in development).
 */
export const CONSISTENCY_HEADER = 'x-consistency-token';

const PREFIX = 'pg:';
const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/;
const BASE64URL = /^[A-Za-z0-9_-]{1,64}$/;

/** The token for a WAL position as PostgreSQL prints it (`16/B374D848`): opaque to clients, stable across versions of the service. */
export function encodeToken(lsn: string): string {
  return Buffer.from(`${PREFIX}${lsn.toUpperCase()}`).toString('base64url');
}

/** The WAL position a token names, or undefined when it is not a token this service issues. */
export function decodeToken(token: string): bigint | undefined {
  if (!BASE64URL.test(token)) return undefined;
  const text = Buffer.from(token, 'base64url').toString('latin1');
  // Node's decoder skips what it cannot read: only the canonical spelling of a token is one.
  if (!text.startsWith(PREFIX) || !LSN.test(text.slice(PREFIX.length)) || encodeToken(text.slice(PREFIX.length)) !== token) return undefined;
  return parseLsn(text.slice(PREFIX.length));
}

/**
 * Where the WAL was inserting after the request's commit returned: at or past the end of its commit
 * record, whichever session wrote the records in between. Not the written or flushed position: with
 * synchronous_commit=off a commit returns before its record is written.
 */
async function positionAfterCommit(em: EntityManager): Promise<string> {
  const rows = await em.getConnection('write').execute<{ lsn: string }[]>('select pg_current_wal_insert_lsn()::text as lsn');
  const lsn = rows[0]?.lsn;
  if (!lsn || !LSN.test(lsn)) throw new Error(`unexpected WAL position: ${String(lsn)}`);
  return lsn;
}

function invalidToken(): GraphQLError {
  return new GraphQLError(`The ${CONSISTENCY_HEADER} header is not a consistency token: send back the value a mutation's answer carried, unchanged`, {
    extensions: { code: ErrorCode.CONSISTENCY_TOKEN_INVALID, http: { status: 400 } },
  });
}

/**
 * Checks the request's token, routes a query's reads (a replica only where `replicas` are
 * configured, and then only one past the token) and adds a committed mutation's token to its
 * answer. The routing is decided once, before any resolver runs, and holds for every read.
 */
export function consistencyPlugin(replicas: ReplicaSet | undefined): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request }) {
      const sent = request.http?.headers.get(CONSISTENCY_HEADER) ?? undefined;
      return {
        async didResolveOperation({ operation, contextValue }) {
          const floor = sent === undefined || sent === '' ? undefined : decodeToken(sent);
          if (sent && floor === undefined) throw invalidToken();
          // Not an answer HTTP caching keeps (sql.tables set): its versions are the primary's, a replica may lag them.
          if (!replicas || operation?.operation !== 'query' || contextValue.sql.tables) return;
          // Queries may read a replica; a mutation reads the primary to the end, so that its
          // payload shows its own writes (a replica may not have replayed them yet).
          contextValue.sql.replicaReads = floor === undefined || (await replicas.reached(floor));
          if (floor !== undefined) contextValue.sql.replicaFloor = floor;
        },
        async willSendResponse({ contextValue: ctx, response }) {
          if (!ctx.committed || response.body.kind !== 'single' || dialectOf(ctx.em) !== 'postgresql') return;
          let token: string;
          try {
            token = encodeToken(await positionAfterCommit(ctx.em));
          } catch (error) {
            // The write stands: without a token the client's next reads may only be older.
            ctx.logger.warn({ err: error }, 'could not read the WAL position after a commit: the answer carries no consistency token');
            return;
          }
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, consistencyToken: token };
          response.http.headers.set(CONSISTENCY_HEADER, token);
        },
      };
    },
  };
}
