import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { relation } from '../../graphql/root.js';
import type { FieldPlans } from '../../loading/definitions.js';
import { Customer } from '../sales/customer.entity.js';
import { Role } from '../wiki/user.entity.js';
import { BlogArticle } from './blog-article.entity.js';
import { BlogSession } from './blog-session.entity.js';
import { BlogUser } from './blog-user.entity.js';
import { BlogView } from './blog-view.entity.js';

@Resolver(() => BlogView)
export class BlogViewResolver {
  @FieldResolver(() => BlogArticle)
  article(@Root() view: BlogView, @Ctx() ctx: Context): Promise<BlogArticle> {
    return ctx.loaders.relation(view, 'article');
  }

  @FieldResolver(() => BlogSession)
  session(@Root() view: BlogView, @Ctx() ctx: Context): Promise<BlogSession> {
    return ctx.loaders.relation(view, 'session');
  }
}

@Resolver(() => BlogSession)
export class BlogSessionResolver {
  @FieldResolver(() => BlogUser)
  user(@Root() session: BlogSession, @Ctx() ctx: Context): Promise<BlogUser> {
    return ctx.loaders.relation(session, 'user');
  }
}

@Resolver(() => BlogUser)
export class BlogUserResolver {
  @Authorized(Role.EDITOR)
  @FieldResolver(() => Customer, { nullable: true, description: 'The customer behind this reader, when known (editors only: null with an error for others).' })
  customer(@Root() user: BlogUser, @Ctx() ctx: Context): Promise<Customer | null> {
    return ctx.loaders.relation(user, 'customer');
  }
}

export const analyticsPlans: FieldPlans = {
  BlogView: { article: relation('article', 'BlogArticle'), session: relation('session', 'BlogSession') },
  BlogSession: { user: relation('user', 'BlogUser') },
  BlogUser: { customer: relation('customer', 'Customer') },
};

export const AnalyticsResolvers = [BlogViewResolver, BlogSessionResolver, BlogUserResolver] as const;
