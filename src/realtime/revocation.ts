import type { EntityManager } from '@mikro-orm/sql';
import type { ExecutionResult, GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { unauthenticated } from '../errors.js';
import { User } from '../modules/wiki/user.entity.js';
import type { Group } from './group.js';

/** WebSocket close code for a connection whose token was revoked (graphql-ws's Forbidden). */
export const REVOKED = 4403;

export interface RevocationOptions {
  /** The groups of signed-in viewers now. */
  groups(): Group[];
  /** A fresh unit of work for the check's one statement. */
  em(): EntityManager;
  formatErrors(errors: readonly GraphQLError[]): ExecutionResult['errors'];
  logger: Logger;
}

/**
 * Ends the subscriptions of tokens revoked since they opened (password changed, account deleted:
 * UNAUTHENTICATED, and their connections closed) and of accounts whose role no longer allows
 * them (the field's rule asked again: FORBIDDEN). One statement for every signed-in viewer of
 * the process.
 */
export async function revoke(options: RevocationOptions): Promise<void> {
  const groups = options.groups();
  if (!groups.length) return;
  const ids = [...new Set(groups.map((g) => g.auth!.userId))];
  const rows = await options.em().find(User, { id: { $in: ids } }, { fields: ['id', 'tokenStamp', 'role'], connectionType: 'write', disableIdentityMap: true });
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const group of groups) {
    const row = byId.get(group.auth!.userId);
    if (!row || row.tokenStamp !== group.auth!.stamp) {
      const clients = group.clients();
      group.end({
        errors: options.formatErrors([unauthenticated(row ? 'This access token was revoked when the password changed: log in again' : 'The account behind this token no longer exists')]),
      });
      // After the last message has gone out (the transport sends it on its next turn).
      setTimeout(() => {
        for (const client of clients) client.close(REVOKED, 'the access token was revoked');
      }, 100).unref();
    } else if (row.role !== group.role) {
      group.role = row.role;
      const refused = await group.reauthorize();
      if (refused) group.end({ errors: options.formatErrors(refused) });
    }
  }
}

/** Runs revoke() every half second: a revoked token's subscriptions end within a second. Returns the timer. */
export function startRevocation(options: RevocationOptions): NodeJS.Timeout {
  return setInterval(() => void revoke(options).catch((error: unknown) => options.logger.warn({ err: error }, 'live: the revocation check failed')), 500).unref();
}
