import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, Info, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import type { MaybePromise, Read } from '../../loading/read.js';
import { Connection } from '../../graphql/connection.js';
import type { ConnectionShape } from '../../loading/paging/page.js';
import { nested, relation } from '../../loading/definitions.js';
import type { FieldPlans } from '../../loading/definitions.js';
import { Page } from './page.entity.js';
import { User } from './user.entity.js';
import * as connections from './wiki.connections.js';
import { FeedArgs, PagesArgs, UsersArgs } from './wiki.inputs.js';
import { Follow } from './follow.entity.js';
import { AppError, ErrorCode } from '../../errors.js';
import { rootConnection } from '../../loading/connection-query.js';

@ObjectType('PageConnection', { description: 'A page of wiki pages (a Relay connection): nodes or edges, pageInfo, and totalCount across all pages.' })
export class PageConnection extends Connection(Page, 'Page') {}

@Resolver(() => Page)
export class PageResolver {
  @Query(() => PageConnection, { description: 'Wiki pages.' })
  pages(@Args(() => PagesArgs) args: PagesArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<ConnectionShape<Read<Page>>> {
    return ctx.loaders.rootPage(info, connections.pages, 'Page', args);
  }

  @Query(() => Page, { nullable: true, description: 'A wiki page by its unique name; null when there is none.' })
  page(@Arg('name', () => String) name: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Read<Page> | null> {
    return ctx.loaders.rootObject(info, Page, 'Page', { name });
  }

  @FieldResolver(() => User)
  creator(@Root() page: Read<Page>, @Ctx() ctx: Context): MaybePromise<Read<User>> {
    return ctx.loaders.relation(page, 'creator');
  }

  @FieldResolver(() => Page, { nullable: true })
  parent(@Root() page: Read<Page>, @Ctx() ctx: Context): MaybePromise<Read<Page> | null> {
    return ctx.loaders.relation(page, 'parent');
  }

  @FieldResolver(() => PageConnection, { description: 'Child pages.' })
  children(@Root() page: Read<Page>, @Args(() => PagesArgs) args: PagesArgs, @Ctx() ctx: Context): Promise<ConnectionShape<object>> {
    return ctx.loaders.connection(connections.pageChildren, page, args);
  }
}

@ObjectType('UserConnection', { description: 'A page of staff accounts (a Relay connection): nodes or edges, pageInfo, and totalCount across all pages.' })
export class UserConnection extends Connection(User, 'User') {}

@Resolver(() => User)
export class UserResolver {
  @FieldResolver(() => PageConnection, { description: 'Pages this user created.' })
  pages(@Root() user: Read<User>, @Args(() => PagesArgs) args: PagesArgs, @Ctx() ctx: Context): Promise<ConnectionShape<object>> {
    return ctx.loaders.connection(connections.userPages, user, args);
  }

  @Authorized()
  @FieldResolver(() => UserConnection, { nullable: true, description: 'The users who follow this one, by name (signed-in users only: null with an error for others).' })
  followers(@Root() user: Read<User>, @Args(() => UsersArgs) args: UsersArgs, @Ctx() ctx: Context): Promise<ConnectionShape<object>> {
    return ctx.loaders.connection(connections.userFollowers, user, args);
  }

  @Authorized()
  @FieldResolver(() => UserConnection, { nullable: true, description: 'The users this one follows, by name (signed-in users only: null with an error for others).' })
  following(@Root() user: Read<User>, @Args(() => UsersArgs) args: UsersArgs, @Ctx() ctx: Context): Promise<ConnectionShape<object>> {
    return ctx.loaders.connection(connections.userFollowing, user, args);
  }

  @Authorized()
  @FieldResolver(() => PageConnection, { nullable: true, description: 'The newest pages by the users you follow: readable on yourself only (me { feed }).' })
  async feed(@Root() user: Read<User>, @Args(() => FeedArgs) args: FeedArgs, @Ctx() ctx: Context): Promise<ConnectionShape<Read<Page>>> {
    if (ctx.auth?.userId !== user.id) throw new AppError(ErrorCode.FORBIDDEN, 'A feed is readable by its owner only: ask for me { feed }');
    const follows = await ctx.em.find(Follow, { follower: user.id });
    return rootConnection(ctx.em, connections.feedPages, { ...args, filter: { creatorIds: follows.map((f) => f.followed.id) } });
  }
}

export const wikiPlans: FieldPlans = {
  Page: { creator: relation('creator', 'User'), parent: relation('parent', 'Page'), children: nested(connections.pageChildren) },
  User: { pages: nested(connections.userPages), followers: nested(connections.userFollowers), following: nested(connections.userFollowing) },
};
