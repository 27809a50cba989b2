import { DateTimeISO } from '../../graphql/scalars.js';
import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { unauthenticated } from '../../errors.js';
import { DeletePayload, payload, runMutation } from '../../graphql/mutation.js';
import { ChangePasswordInput, CreateUserInput, DeleteUserInput, LoginInput, SetUserRoleInput } from './auth.inputs.js';
import { Role, User } from './user.entity.js';
import { userWrites } from './users.writes.js';

@ObjectType('LoginPayload')
export class LoginPayload {
  @Field(() => String, { description: 'Send as "Authorization: Bearer <token>".' })
  token!: string;

  @Field(() => DateTimeISO)
  expiresAt!: Date;

  @Field(() => User)
  user!: User;
}

const CreateUserPayload = payload('CreateUserPayload', 'user', User);
const SetUserRolePayload = payload('SetUserRolePayload', 'user', User);

@ObjectType('ChangePasswordPayload', { description: 'Every token issued before the change is revoked; use the new one.' })
export class ChangePasswordPayload {
  @Field(() => User)
  user!: User;

  @Field(() => String, { description: 'A new access token: the one this request was sent with no longer works.' })
  token!: string;

  @Field(() => DateTimeISO, { description: 'When the new token expires.' })
  expiresAt!: Date;
}

@Resolver()
export class AuthResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user; null when anonymous.' })
  me(@Ctx() ctx: Context): Promise<User | null> {
    return ctx.viewer();
  }

  @Mutation(() => LoginPayload, { description: 'Exchanges a user name and password for an access token.' })
  async login(@Arg('input', () => LoginInput) input: LoginInput, @Ctx() ctx: Context): Promise<LoginPayload> {
    const { limiter, passwords, tokens } = ctx.services;
    // The attempt is counted before the password is checked, so concurrent guesses cannot overrun the limit.
    const attempt = await limiter.attempt(input.name, ctx.clientAddress);
    const user = await ctx.em.findOne(User, { name: input.name }, { populate: ['passwordHash'] });
    // Unknown users are checked against a decoy hash: both failures take the same time and read the same.
    if (!(await passwords.verify(input.password, user?.passwordHash))) {
      ctx.logger.info({ name: input.name }, 'failed login');
      throw unauthenticated('Wrong user name or password');
    }
    await attempt.succeeded();
    const claims = { userId: user!.id, role: user!.role, stamp: user!.tokenStamp };
    const { token, expiresAt } = await tokens.issue(claims);
    ctx.signIn(claims);
    return { token, expiresAt, user: user! };
  }

  @Authorized()
  @Mutation(() => ChangePasswordPayload, { description: 'Changes your own password (the old one is required) and revokes every access token issued before.' })
  async changePassword(@Arg('input', () => ChangePasswordInput) input: ChangePasswordInput, @Ctx() ctx: Context): Promise<ChangePasswordPayload> {
    const user = await runMutation(ctx, (tx) => userWrites.changePassword(tx, ctx.services, ctx.auth!.userId, input));
    const { token, expiresAt } = await ctx.services.tokens.issue({ userId: user.id, role: user.role, stamp: user.tokenStamp });
    return { user, token, expiresAt };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreateUserPayload)
  async createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: Context) {
    return { user: await runMutation(ctx, (tx) => userWrites.create(tx, ctx.services, input)) };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => SetUserRolePayload)
  async setUserRole(@Arg('input', () => SetUserRoleInput) input: SetUserRoleInput, @Ctx() ctx: Context) {
    return { user: await runMutation(ctx, (tx) => userWrites.setRole(tx, input)) };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => DeletePayload, { description: 'Deletes an account; its pages go to reassignPagesTo.' })
  async deleteUser(@Arg('input', () => DeleteUserInput) input: DeleteUserInput, @Ctx() ctx: Context): Promise<DeletePayload> {
    return { deletedId: await runMutation(ctx, (tx) => userWrites.remove(tx, ctx.auth!.userId, input)) };
  }
}
