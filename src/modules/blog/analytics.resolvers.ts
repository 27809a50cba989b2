import type { GraphQLResolveInfo } from 'graphql';
import { Args, Authorized, Ctx, FieldResolver, Info, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, PageArgs } from '../../graphql/connection.js';
import type { ConnectionShape } from '../../loading/paging/page.js';
import * as connections from './blog.connections.js';
import { BlogViewsArgs, RootBlogViewsArgs } from './blog.inputs.js';
import { BlogViewConnection } from './blog.resolver.js';
import type { Context } from '../../context.js';
import type { MaybePromise, Read } from '../../loading/read.js';
import { nested, relation } from '../../loading/definitions.js';
import type { FieldPlans } from '../../loading/definitions.js';
import { Customer } from '../sales/customer.entity.js';
import { Role } from '../wiki/user.entity.js';
import { BlogArticle } from './blog-article.entity.js';
import { BlogSession } from './blog-session.entity.js';
import { BlogUser } from './blog-user.entity.js';
import { BlogView } from './blog-view.entity.js';

@Resolver(() => BlogView)
export class BlogViewResolver {
  @Authorized(Role.EDITOR)
  @Query(() => BlogViewConnection, {
    nullable: true,
    description: 'Every page view, newest first by default, for page-numbered grids as well as cursors (editors only, since they reveal readers: null with an error for others).',
  })
  blogViews(@Args(() => RootBlogViewsArgs) args: RootBlogViewsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<ConnectionShape<Read<BlogView>>> {
    return ctx.loaders.rootPage(info, connections.views, 'BlogView', args);
  }

  @FieldResolver(() => BlogArticle)
  article(@Root() view: Read<BlogView>, @Ctx() ctx: Context): MaybePromise<Read<BlogArticle>> {
    return ctx.loaders.relation(view, 'article');
  }

  @FieldResolver(() => BlogSession)
  session(@Root() view: Read<BlogView>, @Ctx() ctx: Context): MaybePromise<Read<BlogSession>> {
    return ctx.loaders.relation(view, 'session');
  }
}

@ObjectType('BlogSessionConnection', { description: 'A page of reading sessions (a Relay connection): nodes or edges, pageInfo, and totalCount across all pages.' })
export class BlogSessionConnection extends Connection(BlogSession, 'BlogSession') {}

@ObjectType('BlogUserConnection', { description: 'A page of blog readers (a Relay connection): nodes or edges, pageInfo, and totalCount across all pages.' })
export class BlogUserConnection extends Connection(BlogUser, 'BlogUser') {}

@Resolver(() => BlogSession)
export class BlogSessionResolver {
  @Authorized(Role.EDITOR)
  @FieldResolver(() => BlogViewConnection, { nullable: true, description: 'The page views of this session, newest first by default (editors only: null with an error for others).' })
  views(@Root() session: Read<BlogSession>, @Args(() => BlogViewsArgs) args: BlogViewsArgs, @Ctx() ctx: Context): Promise<ConnectionShape<object>> {
    return ctx.loaders.connection(connections.sessionViews, session, args);
  }

  @FieldResolver(() => BlogUser)
  user(@Root() session: Read<BlogSession>, @Ctx() ctx: Context): MaybePromise<Read<BlogUser>> {
    return ctx.loaders.relation(session, 'user');
  }
}

@Resolver(() => BlogUser)
export class BlogUserResolver {
  @Authorized(Role.EDITOR)
  @FieldResolver(() => BlogSessionConnection, { nullable: true, description: "This reader's sessions (editors only: null with an error for others)." })
  sessions(@Root() user: Read<BlogUser>, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context): Promise<ConnectionShape<object>> {
    return ctx.loaders.connection(connections.userSessions, user, args);
  }

  @Authorized(Role.EDITOR)
  @FieldResolver(() => Customer, { nullable: true, description: 'The customer behind this reader, when known (editors only: null with an error for others).' })
  customer(@Root() user: Read<BlogUser>, @Ctx() ctx: Context): MaybePromise<Read<Customer> | null> {
    return ctx.loaders.relation(user, 'customer');
  }
}

export const analyticsPlans: FieldPlans = {
  BlogView: { article: relation('article', 'BlogArticle'), session: relation('session', 'BlogSession') },
  BlogSession: { user: relation('user', 'BlogUser'), views: nested(connections.sessionViews) },
  BlogUser: { customer: relation('customer', 'Customer'), sessions: nested(connections.userSessions) },
};

export const AnalyticsResolvers = [BlogViewResolver, BlogSessionResolver, BlogUserResolver] as const;
