import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { DeletePayload, payload, runMutation } from '../../graphql/mutation.js';
import { CreatePageInput, DeletePageInput, MovePageInput, UpdatePageInput } from './page.inputs.js';
import { Page } from './page.entity.js';
import { pageWrites } from './pages.writes.js';
import { Role, type User } from './user.entity.js';

const CreatePagePayload = payload('CreatePagePayload', 'page', Page);
const UpdatePagePayload = payload('UpdatePagePayload', 'page', Page);
const MovePagePayload = payload('MovePagePayload', 'page', Page);

@Resolver()
export class PageMutations {
  @Authorized(Role.BASIC)
  @Mutation(() => CreatePagePayload)
  async createPage(@Arg('input', () => CreatePageInput) input: CreatePageInput, @Ctx() ctx: Context) {
    const viewer = (await ctx.viewer()) as User;
    return { page: await runMutation(ctx, (tx) => pageWrites.create(tx, viewer, input)) };
  }

  @Authorized(Role.BASIC)
  @Mutation(() => UpdatePagePayload, { description: 'Its creator, or an editor, may update a page.' })
  async updatePage(@Arg('input', () => UpdatePageInput) input: UpdatePageInput, @Ctx() ctx: Context) {
    const viewer = (await ctx.viewer()) as User;
    return { page: await runMutation(ctx, (tx) => pageWrites.update(tx, viewer, input)) };
  }

  @Authorized(Role.BASIC)
  @Mutation(() => DeletePayload, { description: 'Its creator, or an editor, may delete a page; its children become top-level.' })
  async deletePage(@Arg('input', () => DeletePageInput) input: DeletePageInput, @Ctx() ctx: Context): Promise<DeletePayload> {
    const viewer = (await ctx.viewer()) as User;
    return { deletedId: await runMutation(ctx, (tx) => pageWrites.remove(tx, viewer, input)) };
  }

  @Authorized(Role.BASIC)
  @Mutation(() => MovePagePayload, { description: 'Changes the parent of a page (never into its own subtree).' })
  async movePage(@Arg('input', () => MovePageInput) input: MovePageInput, @Ctx() ctx: Context) {
    const viewer = (await ctx.viewer()) as User;
    return { page: await runMutation(ctx, (tx) => pageWrites.move(tx, viewer, input)) };
  }
}
