/**
 * Seam: TypeGraphQL (checked on type-graphql 2.0.0-rc.4 with graphql 16).
 *
 * The only file that reads TypeGraphQL's decorator metadata (`getMetadataStorage()`, whose shapes
 * are internal and undocumented) or relies on how its resolvers behave. Contract tests:
 * test/seams/type-graphql.test.ts, one per assumption:
 *
 * 1. Metadata: `getMetadataStorage()` lists, as declared and still after `buildSchema` (which
 *    builds a copy), `objectTypes` {name, target, interfaceClasses}, `fields` {target, name,
 *    schemaName}, `fieldResolvers` {target, methodName, schemaName, kind, params, getObjectType
 *    once a schema was built}, `queries`/`mutations` {target, methodName, schemaName}, and the
 *    rules: `authorizedFields`/`middlewares` {target, fieldName} for a member, and
 *    `authorizedResolver`/`resolverMiddlewares` {target} for a class.
 * 2. Rules: a class-level @Authorized or @UseMiddleware covers every member the class declares
 *    (fields of an object type, methods of a resolver) that has none of its own.
 * 3. Resolver instances: with no `container` option, TypeGraphQL makes one instance of a resolver
 *    class with `new Target()` and calls its methods with (root, args, context, info) mapped by
 *    the parameters' `kind` in `index` order; a `root` parameter with a type or a property name,
 *    and `arg`, `custom` and `pubSub` parameters are converted, which a direct call would skip.
 * 4. Arguments: TypeGraphQL calls `validateFn` synchronously within the resolver call, with the
 *    arguments object it converted, and hands that same object to the method.
 * 5. Abstract types: TypeGraphQL wraps every `resolveType` in an async function.
 * 6. Validation defaults: without a validateFn, TypeGraphQL runs class-validator with
 *    `skipMissingProperties: true` and `forbidUnknownValues: false`.
 *
 * Why no public API: TypeGraphQL offers no hook to know a field's rules or to drop its resolver
 * wrapper (middlewares, `@Extensions` and directives all run inside it), and its resolver wrapper
 * is the cost the fast paths avoid (src/graphql/fast-fields.ts).
 */
import { isAbstractType, isObjectType, type FieldNode, type GraphQLFieldResolver, type GraphQLObjectType, type GraphQLSchema, type GraphQLTypeResolver } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/** TypeGraphQL's own class-validator settings (assumption 6), for a validateFn that keeps its behaviour. */
export const TYPEGRAPHQL_VALIDATOR_OPTIONS = { skipMissingProperties: true, forbidUnknownValues: false } as const;

/** An object type of a schema with its class and the classes that declare its fields: the class, the classes it extends and the interfaces it implements. */
export interface DeclaredType {
  readonly type: GraphQLObjectType;
  readonly target: Function;
  readonly declaring: ReadonlySet<Function>;
}

/** Each object type of `schema` that a TypeGraphQL class declares (assumption 1). */
export function declaredTypes(schema: GraphQLSchema): DeclaredType[] {
  const storage = getMetadataStorage();
  const found: DeclaredType[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const objectType = storage.objectTypes.find((o) => o.name === type.name);
    if (!objectType) continue;
    const declaring = new Set<Function>(objectType.interfaceClasses ?? []);
    for (const cls of lineage(objectType.target)) declaring.add(cls);
    found.push({ type, target: objectType.target, declaring });
  }
  return found;
}

/** The class of each object type by its GraphQL name (assumption 1). */
export function objectTypeClasses(): ReadonlyMap<string, Function> {
  return new Map(getMetadataStorage().objectTypes.map((o) => [o.name, o.target]));
}

/** A class and the classes it extends. */
function lineage(cls: Function): Function[] {
  const chain: Function[] = [];
  for (let c: Function | null = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c) as Function | null) chain.push(c);
  return chain;
}

/**
 * Whether a role or a middleware is declared on member `name` of one of `classes` (or a class
 * they extend), on the member or on the whole class (assumptions 1 and 2). Errs towards a rule:
 * TypeGraphQL applies a class's rule to its own members only.
 */
function ruled(classes: Iterable<Function>, name: string): boolean {
  const storage = getMetadataStorage();
  const all = new Set([...classes].flatMap(lineage));
  const onMember = (entry: { target: Function; fieldName: string }) => entry.fieldName === name && all.has(entry.target);
  const onClass = (entry: { target: Function }) => all.has(entry.target);
  return storage.authorizedFields.some(onMember) || storage.middlewares.some(onMember) || storage.authorizedResolver.some(onClass) || storage.resolverMiddlewares.some(onClass);
}

/**
 * The property a field reads when it only reads one: declared once with @Field on the type's
 * classes, with no argument, no rule (on the field or its class) and no resolver method of that
 * name anywhere (for this type or one not yet known). Undefined otherwise.
 */
export function plainProperty(declared: DeclaredType, fieldName: string): string | undefined {
  const storage = getMetadataStorage();
  const fields = storage.fields.filter((f) => f.schemaName === fieldName && declared.declaring.has(f.target));
  if (fields.length !== 1) return undefined;
  const property = fields[0]!.name;
  if (ruled([fields[0]!.target, ...declared.declaring], property)) return undefined;
  const resolverMethod = storage.fieldResolvers.some((r) => (r.schemaName === fieldName || r.methodName === property) && (!r.getObjectType || declared.declaring.has(r.getObjectType() as Function)));
  return resolverMethod ? undefined : property;
}

/** A resolver method that may be called directly: what it is called on, and what it takes, in order. */
export interface DirectMethod {
  readonly target: Function;
  readonly methodName: string;
  readonly params: readonly ('root' | 'args' | 'context' | 'info')[];
}

/**
 * The @FieldResolver method behind a field when calling it directly is what TypeGraphQL would do
 * (assumption 3): one method of a resolver class, with no rule on it, its class, or the type's
 * own field of that name; only plain root, context and info parameters and at most one @Args
 * object, matching the field's arguments. Undefined otherwise.
 */
export function directMethod(declared: DeclaredType, fieldName: string, hasArguments: boolean): DirectMethod | undefined {
  const storage = getMetadataStorage();
  const methods = storage.fieldResolvers.filter((r) => r.schemaName === fieldName && r.getObjectType && declared.declaring.has(r.getObjectType() as Function));
  if (methods.length !== 1) return undefined;
  const method = methods[0]!;
  if (method.kind !== 'external' || method.target.length > 0 || !method.params) return undefined;
  if (ruled([method.target], method.methodName)) return undefined;
  if (storage.fields.some((f) => f.schemaName === fieldName && declared.declaring.has(f.target) && ruled([f.target, ...declared.declaring], f.name))) return undefined;
  const params = [...method.params].sort((a, b) => a.index - b.index);
  const kinds: DirectMethod['params'][number][] = [];
  for (const p of params) {
    if (p.kind === 'info' || p.kind === 'args') kinds.push(p.kind);
    else if ((p.kind === 'context' && !p.propertyName) || (p.kind === 'root' && !p.propertyName && !p.getType)) kinds.push(p.kind);
    else return undefined;
  }
  const argsParams = kinds.filter((k) => k === 'args').length;
  if (argsParams > 1 || hasArguments !== (argsParams === 1)) return undefined;
  return { target: method.target, methodName: method.methodName, params: kinds };
}

type Resolve = GraphQLFieldResolver<unknown, unknown, Record<string, unknown>>;

/** A function calling `method` on one instance of its class, as TypeGraphQL's default container would (assumption 3). */
export function directCall(method: DirectMethod, instances: Map<Function, object>): Resolve {
  let instance = instances.get(method.target) as Record<string, (...params: unknown[]) => unknown> | undefined;
  if (!instance) instances.set(method.target, (instance = new (method.target as new () => Record<string, (...params: unknown[]) => unknown>)()));
  const fn = instance[method.methodName]!;
  const self = instance;
  // (parent, context) is most such methods' signature: called without an array per call.
  if (method.params.join(',') === 'root,context') return (root, _args, context) => fn.call(self, root, context);
  const { params } = method;
  return (root, args, context, info) =>
    fn.apply(
      self,
      params.map((p) => (p === 'root' ? root : p === 'args' ? args : p === 'context' ? context : info)),
    );
}

/** The arguments TypeGraphQL converted for one resolver call and their validation (assumption 4). */
interface Captured {
  value?: unknown;
  validated?: Promise<void>;
  passed?: boolean;
}

let capture: Captured | undefined;

/** Called by the schema's validateFn with what it validates: recorded for the resolver call argumentsOnce is running. */
export function noteValidation(value: unknown, validated: Promise<void>): void {
  if (!capture) return;
  capture.value = value;
  capture.validated = validated;
  capture = undefined;
}

let conversions = 0;
/** How many times argumentsOnce had TypeGraphQL convert a field's arguments (for tests). */
export const argumentConversions = (): number => conversions;
// Per request (its context object) and field node: the arguments TypeGraphQL converted for the first call.
const convertedArguments = new WeakMap<object, Map<FieldNode, Captured>>();

/**
 * The first call of a field node in a request goes through TypeGraphQL's resolver (`typeGraphQL`),
 * recording the arguments it converted and validated (assumption 4); later calls pass those to
 * `direct` once they have passed validation (or share its rejection). The arguments of one field
 * node in one request are the same for every parent (graphql-js computes them from the node and
 * the variables alone), and no resolver writes to its arguments. Falls back to TypeGraphQL's
 * resolver when nothing was recorded.
 */
export function argumentsOnce(typeGraphQL: Resolve, direct: Resolve): Resolve {
  return (root, args, context, info) => {
    if (typeof context !== 'object' || context === null) return typeGraphQL(root, args, context, info);
    const node = info.fieldNodes[0]!;
    let byNode = convertedArguments.get(context);
    if (!byNode) convertedArguments.set(context, (byNode = new Map()));
    const known = byNode.get(node);
    if (known) {
      const converted = known.value as Record<string, unknown>;
      if (known.passed) return direct(root, converted, context, info);
      return known.validated!.then(() => direct(root, converted, context, info));
    }
    const entry: Captured = {};
    capture = entry;
    let result: unknown;
    try {
      result = typeGraphQL(root, args, context, info);
    } finally {
      capture = undefined;
    }
    // Only entries whose validation was recorded are kept.
    if (entry.validated) {
      conversions++;
      byNode.set(node, entry);
      entry.validated.then(
        () => (entry.passed = true),
        () => undefined,
      );
    }
    return result;
  };
}

/**
 * Gives every abstract type `resolveType` itself, in place of TypeGraphQL's async wrapper around
 * it (assumption 5): compiled queries (graphql-jit) call it synchronously.
 */
export function synchronousTypeResolvers(schema: GraphQLSchema, resolveType: GraphQLTypeResolver<object, unknown>): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) if (isAbstractType(type)) type.resolveType = resolveType;
  return schema;
}

/** A place a field is declared: a query or mutation method, a field resolver method, or an object type's property. */
interface Site {
  target: Function;
  name: string;
}

/** The rules declared on a schema field: one role list per @Authorized ([] for any signed-in user), and whether a middleware runs. */
export interface DeclaredRules {
  readonly roles: readonly (readonly string[])[];
  readonly middleware: boolean;
}

/**
 * The rules TypeGraphQL applies to a schema field (assumptions 1 and 2), from every place that
 * declares it: a query or mutation method, a field resolver method, an object type's property;
 * each on the member itself, or else on its class.
 */
export function declaredRules(schema: GraphQLSchema, typeName: string, fieldName: string): DeclaredRules {
  const storage = getMetadataStorage();
  const sites: Site[] = [];
  const roots: Record<string, readonly { target: Function; methodName: string; schemaName: string }[] | undefined> = {
    [schema.getQueryType()?.name ?? 'Query']: storage.queries,
    [schema.getMutationType()?.name ?? 'Mutation']: storage.mutations,
  };
  for (const q of roots[typeName] ?? []) if (q.schemaName === fieldName) sites.push({ target: q.target, name: q.methodName });
  const declared = declaredTypes(schema).find((d) => d.type.name === typeName);
  if (declared) {
    for (const r of storage.fieldResolvers) {
      if (r.schemaName === fieldName && r.getObjectType && declared.declaring.has(r.getObjectType() as Function)) sites.push({ target: r.target, name: r.methodName });
    }
    for (const f of storage.fields) if (f.schemaName === fieldName && declared.declaring.has(f.target)) sites.push({ target: f.target, name: f.name });
  }
  const roles: (readonly string[])[] = [];
  let middleware = false;
  for (const site of sites) {
    const rule = storage.authorizedFields.find((a) => a.target === site.target && a.fieldName === site.name) ?? storage.authorizedResolver.find((a) => a.target === site.target);
    if (rule) roles.push(rule.roles as readonly string[]);
    middleware ||= storage.middlewares.some((m) => m.target === site.target && m.fieldName === site.name) || storage.resolverMiddlewares.some((m) => m.target === site.target);
  }
  return { roles, middleware };
}
