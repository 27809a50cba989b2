import { assertValidSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type BuildSchemaOptions, type NonEmptyArray } from 'type-graphql';
import { authChecker } from './auth.js';
import { validateArguments } from './validate-args.js';
import { directCountFields } from './count-fields.js';
import { directFieldResolvers, plainPropertyFields } from './fast-fields.js';
import { synchronousTypeResolvers } from '../seams/type-graphql.js';
import type { FieldPlans } from '../loading/definitions.js';
import { AnalyticsResolvers, analyticsPlans } from '../modules/blog/analytics.resolvers.js';
import { BlogArticleResolver, BlogAuthorResolver, blogArticlePlans, LanguageResolver } from '../modules/blog/blog.resolver.js';
import { catalogPlans } from '../modules/catalog/catalog.plans.js';
import { CountryResolver, ManufacturerResolver } from '../modules/catalog/manufacturer.resolver.js';
import { ProductResolver } from '../modules/catalog/product.resolver.js';
import { CustomerReviewsResolver, ProductReviewResolver, ProductReviewsResolver, reviewPlans } from '../modules/reviews/review.resolver.js';
import { CustomerResolver, OrderItemResolver, OrderResolver, salesPlans } from '../modules/sales/sales.resolver.js';
import { PageResolver, UserResolver, wikiPlans } from '../modules/wiki/wiki.resolver.js';
import { NodeResolver } from './node.resolver.js';
import { typeNameOf } from './node.js';
import { guardAbstractFields } from './read-rules.js';
import { describeSchema } from './descriptions.js';
import { withErrorCodes } from './error-codes.js';
import { nullableMutations } from './request-transaction.js';
import { AnalyticsResolvers as ReportResolvers } from '../modules/analytics/analytics.resolver.js';
import { CatalogMutations } from '../modules/catalog/catalog.mutations.js';
import { BlogMutations } from '../modules/blog/blog.mutations.js';
import { ReviewMutations } from '../modules/reviews/review.mutations.js';
import { SalesMutations } from '../modules/sales/sales.mutations.js';
import { AuthResolver } from '../modules/wiki/auth.resolver.js';
import { PageMutations } from '../modules/wiki/pages.mutations.js';
import { FollowMutations } from '../modules/wiki/follows.mutations.js';
import { EmployeeResolver, EngineerResolver, ManagerResolver, staffPlans } from '../modules/staff/staff.resolver.js';
import { StaffMutations } from '../modules/staff/staff.mutations.js';
import { LiveSubscriptions } from '../modules/live/live.resolver.js';

const noPubSub: NonNullable<BuildSchemaOptions['pubSub']> = {
  publish: () => undefined,
  subscribe: () => {
    throw new Error('subscriptions name their events with a LiveSource (src/modules/live)');
  },
};

/** Every resolver of the service; the schema is built from these alone. */
export const resolvers = [
  NodeResolver,
  ProductResolver,
  ManufacturerResolver,
  CountryResolver,
  CustomerResolver,
  OrderResolver,
  OrderItemResolver,
  ProductReviewResolver,
  ProductReviewsResolver,
  CustomerReviewsResolver,
  BlogArticleResolver,
  BlogAuthorResolver,
  LanguageResolver,
  ...AnalyticsResolvers,
  PageResolver,
  UserResolver,
  EmployeeResolver,
  EngineerResolver,
  ManagerResolver,
  AuthResolver,
  PageMutations,
  FollowMutations,
  CatalogMutations,
  SalesMutations,
  ReviewMutations,
  BlogMutations,
  StaffMutations,
  ...ReportResolvers,
  LiveSubscriptions,
] as const;

/** What every relation, connection and aggregate field loads, merged across modules (for look-ahead). */
export const fieldPlans: FieldPlans = [catalogPlans, salesPlans, reviewPlans, blogArticlePlans, analyticsPlans, wikiPlans, staffPlans].reduce<FieldPlans>((all, plans) => {
  for (const [type, fields] of Object.entries(plans)) all[type] = { ...all[type], ...fields };
  return all;
}, {});

export interface SchemaOptions {
  /** Resolver classes added to the service's own (tests: a rule the service does not declare yet). */
  extraResolvers?: readonly Function[];
}

export async function createSchema(options: SchemaOptions = {}): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...resolvers, ...(options.extraResolvers ?? [])] as NonEmptyArray<Function>,
    // @Authorized(role) is enforced by one checker; it throws coded errors itself.
    authChecker: authChecker as BuildSchemaOptions['authChecker'],
    authMode: 'error',
    // class-validator checks inputs at the edge (lengths, ranges); failures are BAD_USER_INPUT.
    validateFn: validateArguments,
    // No globalMiddlewares and no container: the fast paths (fast-fields.ts) would skip them.
    emitSchemaFile: false,
    // Every subscription names its events itself (LiveSource); TypeGraphQL asks for a PubSub regardless.
    pubSub: noPubSub,
    // TypeGraphQL would run an introspection query over its schema to find errors (a tenth of the
    // start-up); graphql-js's own validation of the final schema, below, finds them without one.
    skipCheck: true,
  });
  const final = describeSchema(nullableMutations(guardAbstractFields(synchronousTypeResolvers(directCountFields(directFieldResolvers(plainPropertyFields(withErrorCodes(schema)))), typeNameOf))));
  // An invalid schema stops the start here, not at the first request or document it validates.
  assertValidSchema(final);
  return final;
}
