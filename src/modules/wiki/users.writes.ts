import type { EntityManager } from '@mikro-orm/sql';
import { AppError, ErrorCode, unauthenticated } from '../../errors.js';
import { assertNameFree, findByGlobalId } from '../../graphql/mutation.js';
import type { Services } from '../../context.js';
import type { ChangePasswordInput, CreateUserInput, DeleteUserInput, SetUserRoleInput } from './auth.inputs.js';
import { Page } from './page.entity.js';
import { lastAdminMessage, wouldLeaveNoAdmin } from './admins.js';
import { newTokenStamp, Role, User } from './user.entity.js';
import { assertPasswordPolicy } from './password-policy.js';

/** Refuses (CONFLICT, reason LAST_ADMIN) a demotion or deletion that would leave no admin. */
async function assertAdminRemains(tx: EntityManager, user: User): Promise<void> {
  if (await wouldLeaveNoAdmin(tx, user.id)) {
    throw new AppError(ErrorCode.CONFLICT, lastAdminMessage(user.name), { field: 'input.userId', reason: 'LAST_ADMIN' });
  }
}

/** Account writes. Each runs inside the mutation's transaction (`tx`). */
export const userWrites = {
  async create(tx: EntityManager, services: Services, input: CreateUserInput): Promise<User> {
    await assertNameFree(tx, User, input.name);
    assertPasswordPolicy(input.password, services.passwordPolicy, 'input.password');
    const user = tx.create(User, { name: input.name, role: input.role, passwordHash: await services.passwords.hash(input.password) });
    await tx.flush();
    return user;
  },

  async setRole(tx: EntityManager, input: SetUserRoleInput): Promise<User> {
    const user = await findByGlobalId(tx, User, input.userId, 'input.userId');
    if (input.role !== Role.ADMIN) await assertAdminRemains(tx, user);
    user.role = input.role;
    return user;
  },

  async remove(tx: EntityManager, viewerId: number, input: DeleteUserInput): Promise<string> {
    const user = await findByGlobalId(tx, User, input.userId, 'input.userId');
    if (user.id === viewerId) throw new AppError(ErrorCode.BAD_USER_INPUT, 'You cannot delete your own account', { field: 'input.userId' });
    await assertAdminRemains(tx, user);
    const pages = await tx.count(Page, { creator: user });
    if (pages > 0) {
      if (!input.reassignPagesTo) {
        throw new AppError(ErrorCode.CONFLICT, `${user.name} created ${pages} page(s): pass reassignPagesTo to hand them over`, { field: 'input.reassignPagesTo' });
      }
      const heir = await findByGlobalId(tx, User, input.reassignPagesTo, 'input.reassignPagesTo');
      if (heir.id === user.id) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Pages cannot be handed to the user being deleted', { field: 'input.reassignPagesTo' });
      await tx.nativeUpdate(Page, { creator: user }, { creator: heir });
    }
    const id = user.nodeId;
    tx.remove(user);
    return id;
  },

  async changePassword(tx: EntityManager, services: Services, userId: number, input: ChangePasswordInput): Promise<User> {
    const user = await tx.findOne(User, userId, { populate: ['passwordHash'] });
    if (!user) throw unauthenticated('The account behind this token no longer exists');
    if (!(await services.passwords.verify(input.oldPassword, user.passwordHash))) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'The old password is wrong', { field: 'input.oldPassword' });
    }
    assertPasswordPolicy(input.newPassword, services.passwordPolicy, 'input.newPassword');
    user.passwordHash = await services.passwords.hash(input.newPassword);
    user.tokenStamp = newTokenStamp();
    return user;
  },
};
