import type { EntityManager } from '@mikro-orm/sql';
import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { AppError, ErrorCode } from '../../errors.js';
import { findByGlobalId, runMutation } from '../../graphql/mutation.js';
import { Follow } from './follow.entity.js';
import { User } from './user.entity.js';
import { FollowUserInput } from './wiki.inputs.js';

@ObjectType('FollowPayload', { description: 'What followUser and unfollowUser return.' })
export class FollowPayload {
  @Field(() => User, { description: 'The user followed or unfollowed.' })
  user!: User;

  @Field(() => Boolean, { description: 'Whether you follow that user now.' })
  following!: boolean;
}

async function target(tx: EntityManager, viewerId: number, input: FollowUserInput): Promise<User> {
  const user = await findByGlobalId(tx, User, input.userId, 'input.userId');
  if (user.id === viewerId) throw new AppError(ErrorCode.BAD_USER_INPUT, 'You cannot follow yourself', { field: 'input.userId' });
  return user;
}

/** Wiki users following each other. Both mutations are idempotent: repeating one changes nothing. */
@Resolver()
export class FollowMutations {
  @Authorized()
  @Mutation(() => FollowPayload, { description: 'Follows a user: their new pages appear in your feed (me { feed }). Following twice is the same as once.' })
  async followUser(@Arg('input', () => FollowUserInput) input: FollowUserInput, @Ctx() ctx: Context): Promise<FollowPayload> {
    const me = ctx.auth!.userId;
    const user = await runMutation(ctx, async (tx) => {
      const followed = await target(tx, me, input);
      if (!(await tx.count(Follow, { follower: me, followed }))) {
        tx.create(Follow, { follower: tx.getReference(User, me), followed });
        await tx.flush();
      }
      return followed;
    });
    return { user, following: true };
  }

  @Authorized()
  @Mutation(() => FollowPayload, { description: 'Stops following a user. Unfollowing someone you do not follow changes nothing.' })
  async unfollowUser(@Arg('input', () => FollowUserInput) input: FollowUserInput, @Ctx() ctx: Context): Promise<FollowPayload> {
    const me = ctx.auth!.userId;
    const user = await runMutation(ctx, async (tx) => {
      const followed = await target(tx, me, input);
      await tx.nativeDelete(Follow, { follower: me, followed });
      return followed;
    });
    return { user, following: false };
  }
}
