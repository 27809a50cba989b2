import type { AuthCheckerFn } from 'type-graphql';
import type { Context } from '../context.js';
import type { TokenService } from '../modules/wiki/tokens.js';
import { Role } from '../modules/wiki/user.entity.js';
import { AppError, ErrorCode, signInRequired, unauthenticated } from '../errors.js';

const RANK: Record<Role, number> = { [Role.BASIC]: 1, [Role.EDITOR]: 2, [Role.ADMIN]: 3 };

export function hasRole(role: Role, atLeast: Role): boolean {
  return RANK[role] >= RANK[atLeast];
}

/**
 * TypeGraphQL's auth checker for @Authorized(role): roles are ranked basic < editor < admin and
 * checked against the user's current role in the database, not the one in the token.
 */
export const authChecker: AuthCheckerFn<Context, Role> = async ({ context }, roles) => {
  const viewer = await context.account();
  if (!viewer) throw context.auth ? unauthenticated('The account behind this token no longer exists') : signInRequired();
  const needed = roles.reduce<Role>((min, r) => (RANK[r] < RANK[min] ? r : min), Role.ADMIN);
  if (roles.length && !hasRole(viewer.role, needed)) {
    throw new AppError(ErrorCode.FORBIDDEN, `This needs the ${needed} role; you are ${viewer.role}`, { requiredRole: needed });
  }
  return true;
};

/** Reads the Authorization header: no header is anonymous, a bad token is refused outright. */
export async function authenticate(header: string | undefined, tokens: TokenService) {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>"');
  try {
    return await tokens.verify(match[1]!);
  } catch (error) {
    throw unauthenticated((error as Error).message);
  }
}
