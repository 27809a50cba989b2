import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { Connection, type ConnectionShape } from '../../graphql/connection.js';
import { nested, relation, rootObject, rootPage } from '../../graphql/root.js';
import type { FieldPlans } from '../../loading/definitions.js';
import { Page } from './page.entity.js';
import { User } from './user.entity.js';
import * as connections from './wiki.connections.js';
import { PagesArgs } from './wiki.inputs.js';

@ObjectType('PageConnection', { description: 'A page of wiki pages (a Relay connection): nodes or edges, pageInfo, and totalCount across all pages.' })
export class PageConnection extends Connection(Page, 'Page') {}

@Resolver(() => Page)
export class PageResolver {
  @Query(() => PageConnection, { description: 'Wiki pages.' })
  pages(@Args(() => PagesArgs) args: PagesArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<ConnectionShape<Page>> {
    return rootPage(ctx, info, connections.pages, 'Page', args);
  }

  @Query(() => Page, { nullable: true, description: 'A wiki page by its unique name; null when there is none.' })
  page(@Arg('name', () => String) name: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Page | null> {
    return rootObject(ctx, info, Page, 'Page', { name });
  }

  @FieldResolver(() => User)
  creator(@Root() page: Page, @Ctx() ctx: Context): Promise<User> {
    return ctx.loaders.relation(page, 'creator');
  }

  @FieldResolver(() => Page, { nullable: true })
  parent(@Root() page: Page, @Ctx() ctx: Context): Promise<Page | null> {
    return ctx.loaders.relation(page, 'parent');
  }

  @FieldResolver(() => PageConnection, { description: 'Child pages.' })
  children(@Root() page: Page, @Args(() => PagesArgs) args: PagesArgs, @Ctx() ctx: Context): Promise<ConnectionShape<object>> {
    return ctx.loaders.connection(connections.pageChildren, page, args);
  }
}

@Resolver(() => User)
export class UserResolver {
  @FieldResolver(() => PageConnection, { description: 'Pages this user created.' })
  pages(@Root() user: User, @Args(() => PagesArgs) args: PagesArgs, @Ctx() ctx: Context): Promise<ConnectionShape<object>> {
    return ctx.loaders.connection(connections.userPages, user, args);
  }
}

export const wikiPlans: FieldPlans = {
  Page: { creator: relation('creator', 'User'), parent: relation('parent', 'Page'), children: nested(connections.pageChildren) },
  User: { pages: nested(connections.userPages) },
};
