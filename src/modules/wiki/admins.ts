import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { Role, User } from './user.entity.js';

/**
 * Whether taking the admin role from `userId` (demoting or deleting the account) would leave no
 * admin. Call it inside the write's transaction, before the write: it locks every admin row
 * (SELECT … FOR UPDATE, in id order, so that two such transactions queue rather than deadlock),
 * so concurrent demotions and deletions are decided one after the other. Under PostgreSQL's READ
 * COMMITTED the second re-reads each locked row that the first changed once it commits, and no
 * longer counts an admin the first demoted or deleted. SQLite has no row locks and needs none: one
 * writer at a time, and a transaction whose snapshot is stale cannot write (SQLITE_BUSY, retried).
 */
export async function wouldLeaveNoAdmin(tx: EntityManager, userId: number): Promise<boolean> {
  const admins = await tx.createQueryBuilder(User, 'u').select('id').where({ role: Role.ADMIN }).orderBy({ id: 'asc' }).setLockMode(LockMode.PESSIMISTIC_WRITE).execute<{ id: number }[]>('all', false);
  const ids = admins.map((a) => Number(a.id));
  return ids.includes(userId) && ids.length === 1;
}

/** The refusal's wording, shared by the API and the CLI. */
export const lastAdminMessage = (name: string): string => `${name} is the last admin: give another account the admin role first, so that one always remains`;
