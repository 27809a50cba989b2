import { isAbstractType, isObjectType, type FieldNode, type GraphQLFieldExtensions, type GraphQLFieldResolver, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { MetadataStorage } from '@mikro-orm/core';
import { buildSchema, getMetadataStorage, type BuildSchemaOptions } from 'type-graphql';
import { authChecker } from './auth.js';
import { capturingArguments, validateArguments, type CapturedArguments } from './validate-args.js';
import { READS } from '../loading/eager/columns.js';
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

/** Every resolver of the service; the schema is built from these alone. */
export const resolvers = [
  NodeResolver,
  ProductResolver, ManufacturerResolver, CountryResolver,
  CustomerResolver, OrderResolver, OrderItemResolver,
  ProductReviewResolver, ProductReviewsResolver, CustomerReviewsResolver,
  BlogArticleResolver, BlogAuthorResolver, LanguageResolver, ...AnalyticsResolvers,
  PageResolver, UserResolver,
  EmployeeResolver, EngineerResolver, ManagerResolver,
  AuthResolver, PageMutations, FollowMutations, CatalogMutations, SalesMutations, ReviewMutations, BlogMutations, StaffMutations,
  ...ReportResolvers,
] as const;

/** What every relation, connection and aggregate field loads, merged across modules (for look-ahead). */
export const fieldPlans: FieldPlans = [catalogPlans, salesPlans, reviewPlans, blogArticlePlans, analyticsPlans, wikiPlans, staffPlans].reduce<FieldPlans>(
  (all, plans) => {
    for (const [type, fields] of Object.entries(plans)) all[type] = { ...all[type], ...fields };
    return all;
  },
  {},
);

export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...resolvers],
    // @Authorized(role) is enforced by one checker; it throws coded errors itself.
    authChecker: authChecker as BuildSchemaOptions['authChecker'],
    authMode: 'error',
    // class-validator checks inputs at the edge (lengths, ranges); failures are BAD_USER_INPUT.
    validateFn: validateArguments,
    emitSchemaFile: false,
  });
  return describeSchema(nullableMutations(guardAbstractFields(synchronousTypeResolvers(directFieldResolvers(plainPropertyFields(schema))))));
}

/** The schema's object types with their class and the classes that declare their fields: the class, the classes it extends and the interfaces it implements. */
function* declaredTypes(schema: GraphQLSchema): Generator<{ type: GraphQLObjectType; target: Function; declaring: Set<Function> }> {
  const storage = getMetadataStorage();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const objectType = storage.objectTypes.find((o) => o.name === type.name);
    if (!objectType) continue;
    const declaring = new Set<Function>(objectType.interfaceClasses ?? []);
    for (let cls: Function | null = objectType.target; cls && cls !== Function.prototype; cls = Object.getPrototypeOf(cls) as Function | null) declaring.add(cls);
    yield { type, target: objectType.target, declaring };
  }
}

/** Whether a role (@Authorized) or a middleware (@UseMiddleware) is declared on `name` by a class `declaredBy` accepts. */
function guarded(declaredBy: (target: Function) => boolean, name: string): boolean {
  const storage = getMetadataStorage();
  const on = (entry: { target: Function; fieldName: string }) => entry.fieldName === name && declaredBy(entry.target);
  return storage.authorizedFields.some(on) || storage.middlewares.some(on);
}

/**
 * A field that only reads its object's property, with no role and no middleware, reads it without
 * TypeGraphQL's resolver, which builds a resolver-data object and runs an empty middleware chain
 * for every value of every answer. On an entity (whose properties are plain values) the field gets
 * no resolver at all: graphql-js's default reads the property, and a compiled query
 * (compiled-queries.ts) inlines the read. Elsewhere (connections, whose totalCount is a promise
 * that graphql-jit would not await without a resolver) it gets a one-line resolver. Fields with
 * roles, middlewares or a resolver method (@FieldResolver) keep TypeGraphQL's.
 */
function plainPropertyFields(schema: GraphQLSchema): GraphQLSchema {
  // TypeGraphQL's decorator metadata, as declared (buildSchema works on a copy of it): every check
  // below errs towards keeping TypeGraphQL's resolver.
  const storage = getMetadataStorage();
  const entities = new Set(Object.values(MetadataStorage.getMetadata()).map((m) => m.class as Function));
  for (const { type, target, declaring } of declaredTypes(schema)) {
    for (const field of Object.values(type.getFields())) {
      if (!field.resolve || field.args.length) continue;
      const declared = storage.fields.filter((f) => f.schemaName === field.name && declaring.has(f.target));
      if (declared.length !== 1) continue;
      const property = declared[0]!.name;
      if (guarded((t) => declaring.has(t), property)) continue;
      // A resolver method of that name anywhere, for this type or one not yet known: kept.
      if (storage.fieldResolvers.some((r) => (r.schemaName === field.name || r.methodName === property) && (!r.getObjectType || declaring.has(r.getObjectType() as Function)))) continue;
      field.resolve = property === field.name && entities.has(target) ? undefined : (source: Record<string, unknown>) => source[property];
      // What the field reads, for the eager statement's column list (loading/columns.ts).
      (field as { extensions: GraphQLFieldExtensions<unknown, unknown> }).extensions = { ...field.extensions, [READS]: property };
    }
  }
  return schema;
}

/** Marks a field whose resolver method is called directly (directFieldResolvers), with the method's name. */
export const DIRECT = 'retrofunDirect';

/**
 * A resolver method (@FieldResolver) that takes only its parent, the context and the info, with no
 * role and no middleware, is called directly. TypeGraphQL calls it through a generic handler that,
 * on every call, builds a resolver-data object, looks up the resolver instance, sorts the method's
 * parameter list (an allocation each time: 15 % of all the bytes the orders page allocated, one
 * call per order's customer and items and per item's product) and maps it to an array. The
 * direct call passes the same values in the same order to the same method of one instance of the
 * resolver class (TypeGraphQL's default container also makes one, on first use).
 *
 * A method that also takes one @Args object (a nested connection's page arguments) is called
 * through TypeGraphQL once per field of the query and request, which converts and validates the
 * arguments; its siblings (the same field under the other 74 manufacturers of a page) get that
 * same converted object once it has passed: the arguments of one field node in one request are
 * the same for every parent (graphql-js computes them from the node and the variables alone), and
 * no resolver writes to its arguments. Anything else (@Arg parameters; a @Root('property') or a
 * typed root, which TypeGraphQL converts; a role or a middleware, which it runs) keeps
 * TypeGraphQL's resolver.
 */
function directFieldResolvers(schema: GraphQLSchema): GraphQLSchema {
  const storage = getMetadataStorage();
  const instances = new Map<Function, Record<string, (...params: unknown[]) => unknown>>();
  for (const { type, declaring } of declaredTypes(schema)) {
    for (const field of Object.values(type.getFields())) {
      if (!field.resolve) continue;
      const methods = storage.fieldResolvers.filter((r) => r.schemaName === field.name && r.getObjectType && declaring.has(r.getObjectType() as Function));
      if (methods.length !== 1) continue;
      const method = methods[0]!;
      if (method.kind !== 'external' || method.target.length > 0 || guarded((t) => t === method.target, method.methodName)) continue;
      // A role or middleware on the object type's own field of that name also keeps TypeGraphQL's.
      if (storage.fields.some((f) => f.schemaName === field.name && declaring.has(f.target) && guarded((t) => t === f.target, f.name))) continue;
      if (!method.params) continue;
      const params = [...method.params].sort((a, b) => a.index - b.index);
      const plain = params.every((p) =>
        p.kind === 'info' || p.kind === 'args' || ((p.kind === 'root' || p.kind === 'context') && !p.propertyName && !(p.kind === 'root' && p.getType)),
      );
      const argsParams = params.filter((p) => p.kind === 'args').length;
      if (!plain || argsParams > 1 || (field.args.length > 0) !== (argsParams === 1)) continue;
      let instance = instances.get(method.target);
      if (!instance) instances.set(method.target, (instance = new (method.target as new () => Record<string, (...params: unknown[]) => unknown>)()));
      const fn = instance[method.methodName]!;
      const self = instance;
      // (parent, context) is most such methods' signature: called without an array per call.
      const direct: Resolve =
        params.map((p) => p.kind).join(',') === 'root,context'
          ? (root, _args, context) => fn.call(self, root, context)
          : (root, args, context, info) => fn.apply(self, params.map((p) => (p.kind === 'root' ? root : p.kind === 'args' ? args : p.kind === 'context' ? context : info)));
      field.resolve = argsParams ? argumentsOnce(field.resolve, direct) : direct;
      (field as { extensions: GraphQLFieldExtensions<unknown, unknown> }).extensions = { ...field.extensions, [DIRECT]: method.methodName };
    }
  }
  return schema;
}

type Resolve = GraphQLFieldResolver<unknown, unknown, Record<string, unknown>>;

let conversions = 0;
/** How many times argumentsOnce had TypeGraphQL convert a field's arguments (for tests). */
export const argumentConversions = (): number => conversions;
type Converted = CapturedArguments & { passed?: boolean };
// Per request (its context object) and field node: the arguments TypeGraphQL converted for the first call.
const convertedArguments = new WeakMap<object, Map<FieldNode, Converted>>();

/**
 * The first call of a field node in a request goes through TypeGraphQL's resolver (`typeGraphQL`),
 * recording the arguments it converted; later calls pass those to `direct` once they have passed
 * validation (or share its rejection). Falls back to TypeGraphQL's resolver when nothing was recorded.
 */
function argumentsOnce(typeGraphQL: Resolve, direct: Resolve): Resolve {
  return (root, args, context, info) => {
    if (typeof context !== 'object' || context === null) return typeGraphQL(root, args, context, info);
    const node = info.fieldNodes[0]!;
    let byNode = convertedArguments.get(context);
    if (!byNode) convertedArguments.set(context, (byNode = new Map()));
    // Only entries whose validation was recorded are kept.
    const known = byNode.get(node);
    if (known) {
      const converted = known.value as Record<string, unknown>;
      if (known.passed) return direct(root, converted, context, info);
      return known.validated!.then(() => direct(root, converted, context, info));
    }
    const entry: Converted = {};
    const result = capturingArguments(entry, () => typeGraphQL(root, args, context, info));
    if (entry.validated) {
      conversions++;
      byNode.set(node, entry);
      entry.validated.then(() => (entry.passed = true), () => undefined);
    }
    return result;
  };
}

/**
 * TypeGraphQL wraps every resolveType in an async function; compiled queries (graphql-jit, see
 * compiled-queries.ts) call it synchronously, so each abstract type gets the function itself. All
 * of this schema's abstract types resolve an object by its class's name (node.ts).
 */
function synchronousTypeResolvers(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) if (isAbstractType(type)) type.resolveType = typeNameOf;
  return schema;
}
