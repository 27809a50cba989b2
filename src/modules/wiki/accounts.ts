import { raw, type EntityManager } from '@mikro-orm/sql';
import { lastAdminMessage, wouldLeaveNoAdmin } from './admins.js';
import { Page } from './page.entity.js';
import type { PasswordHasher } from './passwords.js';
import { passwordProblem, type PasswordPolicy } from './password-policy.js';
import { newTokenStamp, Role, User, USER_NAME_PATTERN } from './user.entity.js';

/**
 * Account administration by name, for operators (npm run user): the Pyramid tutorial's
 * initialize script for real deployments. Each call is one transaction; failures are
 * AccountError with a message for the operator.
 */
export class AccountError extends Error {
  override name = 'AccountError';
}

export interface AccountSummary {
  name: string;
  role: Role;
  pages: number;
}

export interface AccountTools {
  passwords: PasswordHasher;
  policy: PasswordPolicy;
}

const ROLES = Object.values(Role) as string[];

export function parseRole(raw: string | undefined): Role {
  if (!raw || !ROLES.includes(raw)) throw new AccountError(`role must be one of ${ROLES.join(', ')}${raw ? `, got "${raw}"` : ''}`);
  return raw as Role;
}

function checkPassword(password: string, policy: PasswordPolicy): void {
  const problem = passwordProblem(password, policy);
  if (problem) throw new AccountError(problem);
}

async function mustExist(tx: EntityManager, name: string): Promise<User> {
  const user = await tx.findOne(User, { name });
  if (!user) throw new AccountError(`no user named "${name}" (npm run user -- list shows them)`);
  return user;
}

export const accounts = {
  async create(em: EntityManager, tools: AccountTools, name: string, role: Role, password: string): Promise<void> {
    if (!USER_NAME_PATTERN.test(name)) throw new AccountError(`"${name}" is not a valid user name: 3 to 64 letters, digits, dots, dashes or underscores`);
    checkPassword(password, tools.policy);
    const passwordHash = await tools.passwords.hash(password);
    await em.fork().transactional(async (tx) => {
      if (await tx.count(User, { name })) throw new AccountError(`a user named "${name}" already exists (set-password or set-role change it)`);
      tx.create(User, { name, role, passwordHash });
    });
  },

  async setRole(em: EntityManager, name: string, role: Role): Promise<Role> {
    return em.fork().transactional(async (tx) => {
      const user = await mustExist(tx, name);
      if (role !== Role.ADMIN && (await wouldLeaveNoAdmin(tx, user.id))) throw new AccountError(lastAdminMessage(name));
      const before = user.role;
      user.role = role;
      return before;
    });
  },

  /** Sets a new password and revokes every token issued before. */
  async setPassword(em: EntityManager, tools: AccountTools, name: string, password: string): Promise<void> {
    checkPassword(password, tools.policy);
    const passwordHash = await tools.passwords.hash(password);
    await em.fork().transactional(async (tx) => {
      const user = await mustExist(tx, name);
      user.passwordHash = passwordHash;
      user.tokenStamp = newTokenStamp();
    });
  },

  async list(em: EntityManager): Promise<AccountSummary[]> {
    const fork = em.fork();
    const users = await fork.find(User, {}, { orderBy: { name: 'asc' } });
    const counts = await fork
      .createQueryBuilder(Page)
      .select(['creator', raw('count(*) as n')])
      .groupBy('creator')
      // Mapped: unmapped rows name the column (creator_id), not the property, and every count read 0.
      .execute<{ creator: number; n: number | string }[]>('all');
    const pages = new Map(counts.map((row) => [Number(row.creator), Number(row.n)]));
    return users.map((u) => ({ name: u.name, role: u.role, pages: pages.get(u.id) ?? 0 }));
  },

  /** Deletes an account; its pages go to `heirName`, which is required when it created any. */
  async remove(em: EntityManager, name: string, heirName: string | undefined): Promise<number> {
    return em.fork().transactional(async (tx) => {
      const user = await mustExist(tx, name);
      if (await wouldLeaveNoAdmin(tx, user.id)) throw new AccountError(lastAdminMessage(name));
      const pages = await tx.count(Page, { creator: user });
      if (pages > 0) {
        if (!heirName) throw new AccountError(`${name} created ${pages} page(s): pass --reassign-pages-to NAME to hand them over`);
        if (heirName === name) throw new AccountError('pages cannot be handed to the user being deleted');
        const heir = await mustExist(tx, heirName);
        await tx.nativeUpdate(Page, { creator: user }, { creator: heir });
      }
      tx.remove(user);
      return pages;
    });
  },

  async adminCount(em: EntityManager): Promise<number> {
    return em.fork().count(User, { role: Role.ADMIN });
  },
};
