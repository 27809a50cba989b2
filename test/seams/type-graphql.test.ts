import { graphql, type GraphQLInterfaceType, type GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { MaxLength } from 'class-validator';
import {
  Args,
  ArgsType,
  Authorized,
  buildSchema,
  Ctx,
  Field,
  FieldResolver,
  getMetadataStorage,
  Info,
  InterfaceType,
  ObjectType,
  Query,
  Resolver,
  Root,
  UseMiddleware,
  type MiddlewareFn,
} from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateArguments } from '../../src/graphql/validate-args.js';
import { installedVersion } from './installed.js';
import { declaredRules, declaredTypes, directMethod, plainProperty, TYPEGRAPHQL_VALIDATOR_OPTIONS } from '../../src/seams/type-graphql.js';

const CHECKED = '2.0.0-rc.4';
const INSTALLED = installedVersion('type-graphql');
/** The failure message of an assumption of src/seams/type-graphql.ts. */
const assumption = (n: number, what: string) => `TypeGraphQL seam (src/seams/type-graphql.ts) assumption ${n}, checked on type-graphql ${CHECKED}, installed ${INSTALLED}: ${what}`;

// Test-only types, named so that they cannot clash with the service's.
const checks: string[] = [];
const note: MiddlewareFn = async (_data, next) => {
  checks.push('middleware');
  return next();
};

@InterfaceType('SeamThing', { resolveType: () => 'SeamWidget' })
abstract class SeamThing {
  @Field(() => String)
  label!: string;
}

@ObjectType('SeamWidget', { implements: SeamThing })
class SeamWidget extends SeamThing {
  @Field(() => String)
  plain!: string;

  @Authorized('editor')
  @Field(() => String)
  ruled!: string;
}

@Authorized('admin')
@ObjectType('SeamVault')
class SeamVault {
  @Field(() => String)
  secret!: string;
}

@ArgsType()
class SeamPageArgs {
  @Field(() => String, { nullable: true })
  @MaxLength(3)
  name?: string;
}

@ArgsType()
class SeamPlainArgs {
  @Field(() => String, { nullable: true })
  name?: string;
}

let instances = 0;
let received: unknown;

@Resolver(() => SeamWidget)
class SeamWidgetResolver {
  constructor() {
    instances++;
  }

  @Query(() => SeamWidget)
  widget(): SeamWidget {
    return Object.assign(new SeamWidget(), { label: 'w', plain: 'p', ruled: 'r' });
  }

  @Query(() => SeamVault)
  vault(): SeamVault {
    return Object.assign(new SeamVault(), { secret: 's' });
  }

  @Query(() => SeamThing)
  thing(): SeamWidget {
    return this.widget();
  }

  @Query(() => String)
  plainArgs(@Args(() => SeamPlainArgs) args: SeamPlainArgs): string {
    return String(args.name);
  }

  @FieldResolver(() => String)
  direct(@Root() widget: SeamWidget, @Ctx() _ctx: object): string {
    return widget.plain;
  }

  @FieldResolver(() => String)
  paged(@Root() widget: SeamWidget, @Args(() => SeamPageArgs) args: SeamPageArgs, @Ctx() _ctx: object, @Info() _info: GraphQLResolveInfo): string {
    received = args;
    return `${widget.plain}:${String(args.name)}`;
  }
}

@Authorized('editor')
@Resolver(() => SeamWidget)
class SeamClassRoleResolver {
  @FieldResolver(() => String)
  classRole(@Root() widget: SeamWidget): string {
    return widget.plain;
  }
}

@UseMiddleware(note)
@Resolver(() => SeamWidget)
class SeamClassMiddlewareResolver {
  @FieldResolver(() => String)
  classMiddleware(@Root() widget: SeamWidget): string {
    return widget.plain;
  }
}

const RESOLVERS = [SeamWidgetResolver, SeamClassRoleResolver, SeamClassMiddlewareResolver] as const;
const authChecker = ({ context }: { context: { role?: string } }, roles: string[]) => {
  checks.push(`auth:${roles.join(',')}`);
  return context.role !== undefined && roles.includes(context.role);
};

describe(`TypeGraphQL seam (type-graphql ${INSTALLED}, checked on ${CHECKED})`, () => {
  let schema: GraphQLSchema;
  const _widget = () => schema.getType('SeamWidget') as GraphQLObjectType;
  const declared = () => declaredTypes(schema).find((d) => d.type.name === 'SeamWidget')!;
  beforeAll(async () => {
    schema = await buildSchema({ resolvers: [...RESOLVERS], authChecker, validateFn: validateArguments, emitSchemaFile: false });
  });

  it('1. lists object types, fields, field resolvers and queries in getMetadataStorage() after buildSchema', () => {
    const storage = getMetadataStorage();
    const objectType = storage.objectTypes.find((o) => o.name === 'SeamWidget');
    expect(objectType?.target, assumption(1, 'objectTypes[] {name, target}')).toBe(SeamWidget);
    expect(objectType?.interfaceClasses, assumption(1, 'objectTypes[].interfaceClasses')).toEqual([SeamThing]);
    expect(storage.fields.find((f) => f.target === SeamWidget && f.name === 'plain')?.schemaName, assumption(1, 'fields[] {target, name, schemaName}')).toBe('plain');
    const resolver = storage.fieldResolvers.find((r) => r.target === SeamWidgetResolver && r.methodName === 'direct');
    expect(resolver?.kind, assumption(1, 'fieldResolvers[].kind')).toBe('external');
    expect(resolver?.getObjectType?.(), assumption(1, 'fieldResolvers[].getObjectType() once a schema was built')).toBe(SeamWidget);
    expect(
      resolver?.params?.map((p) => [p.kind, p.index]).sort((a, b) => Number(a[1]) - Number(b[1])),
      assumption(1, 'fieldResolvers[].params {kind, index}'),
    ).toEqual([
      ['root', 0],
      ['context', 1],
    ]);
    expect(storage.queries.find((q) => q.target === SeamWidgetResolver && q.schemaName === 'widget')?.methodName, assumption(1, 'queries[] {target, methodName, schemaName}')).toBe('widget');
    expect(storage.authorizedFields.find((a) => a.target === SeamWidget && a.fieldName === 'ruled')?.roles, assumption(1, 'authorizedFields[] {target, fieldName, roles}')).toEqual(['editor']);
    expect(storage.authorizedResolver.find((a) => a.target === SeamClassRoleResolver)?.roles, assumption(1, 'authorizedResolver[] {target, roles} for a class-level @Authorized')).toEqual(['editor']);
    expect(
      storage.resolverMiddlewares.some((m) => m.target === SeamClassMiddlewareResolver),
      assumption(1, 'resolverMiddlewares[] {target} for a class-level @UseMiddleware'),
    ).toBe(true);
    // What the seam makes of them.
    expect(plainProperty(declared(), 'plain'), assumption(1, 'a plain @Field is seen as one')).toBe('plain');
    expect(plainProperty(declared(), 'label'), assumption(1, "an interface's @Field is seen on its implementations")).toBe('label');
    expect(directMethod(declared(), 'direct', false), assumption(1, 'a (root, context) field resolver is seen as one')).toEqual({
      target: SeamWidgetResolver,
      methodName: 'direct',
      params: ['root', 'context'],
    });
  });

  it('2. applies a class-level @Authorized or @UseMiddleware to every member without a rule of its own', async () => {
    checks.length = 0;
    const res = await graphql({ schema, source: '{ widget { classRole classMiddleware } vault { secret } }', contextValue: { role: 'editor' } });
    expect(
      res.errors?.map((e) => e.path?.join('.')),
      assumption(2, 'a class-level @Authorized on an object type guards its fields (vault.secret needs admin)'),
    ).toEqual(['vault.secret']);
    expect(checks, assumption(2, "class-level rules run: the resolver class's role, its middleware, the object type's role")).toEqual(
      expect.arrayContaining(['auth:editor', 'middleware', 'auth:admin']),
    );
    // The seam sees them, and so keeps TypeGraphQL's resolver.
    expect(declaredRules(schema, 'SeamWidget', 'classRole'), assumption(2, "the seam sees a resolver class's role")).toEqual({ roles: [['editor']], middleware: false });
    expect(declaredRules(schema, 'SeamWidget', 'classMiddleware'), assumption(2, "the seam sees a resolver class's middleware")).toEqual({ roles: [], middleware: true });
    expect(declaredRules(schema, 'SeamVault', 'secret'), assumption(2, "the seam sees an object type's class-level role")).toEqual({ roles: [['admin']], middleware: false });
    expect(directMethod(declared(), 'classRole', false), assumption(2, 'no direct call under a class-level role')).toBeUndefined();
    expect(directMethod(declared(), 'classMiddleware', false), assumption(2, 'no direct call under a class-level middleware')).toBeUndefined();
    expect(plainProperty(declaredTypes(schema).find((d) => d.type.name === 'SeamVault')!, 'secret'), assumption(2, 'no plain read under a class-level role')).toBeUndefined();
    expect(plainProperty(declared(), 'ruled'), assumption(2, 'no plain read under a member role')).toBeUndefined();
  });

  it('3. makes one instance of a resolver class with new Target() and calls its methods with parameters in index order', async () => {
    const res = await graphql({ schema, source: '{ widget { direct paged(name: "ab") } }', contextValue: {} });
    expect(res.errors, assumption(3, 'the query runs')).toBeUndefined();
    expect(res.data, assumption(3, 'parameters mapped by kind, in index order')).toEqual({ widget: { direct: 'p', paged: 'p:ab' } });
    const again = await graphql({ schema, source: '{ widget { direct } }', contextValue: {} });
    expect(again.errors).toBeUndefined();
    // Every query on this schema so far (tests 2 and 3) went to one instance.
    expect(instances, assumption(3, 'one instance per resolver class, made on first use, with no argument')).toBe(1);
    expect(SeamWidgetResolver.length, assumption(3, 'new Target() with no argument')).toBe(0);
  });

  it('4. calls validateFn synchronously within the resolver call, with the converted arguments object it hands to the method', async () => {
    let during = false;
    const validated: { value: unknown; during: boolean }[] = [];
    const validateFn = (value: unknown) => {
      validated.push({ value, during });
      return Promise.resolve();
    };
    const s = await buildSchema({ resolvers: [...RESOLVERS], authChecker, validateFn, emitSchemaFile: false });
    const paged = (s.getType('SeamWidget') as GraphQLObjectType).getFields().paged!;
    during = true;
    const result = paged.resolve!(Object.assign(new SeamWidget(), { plain: 'p' }), { name: 'ab' }, {}, {} as GraphQLResolveInfo);
    during = false;
    expect(await result, assumption(4, 'the field resolves')).toBe('p:ab');
    const args = validated.filter((v) => v.value instanceof SeamPageArgs);
    expect(
      args.map((v) => v.during),
      assumption(4, 'validateFn is called once for the @Args object, synchronously within the resolver call'),
    ).toEqual([true]);
    expect(received, assumption(4, 'the method receives the very object validateFn was given')).toBe(args[0]!.value);
  });

  it('5. wraps every resolveType in an async function', () => {
    const thing = schema.getType('SeamThing') as GraphQLInterfaceType;
    const resolved = thing.resolveType!(new SeamWidget(), {}, {} as GraphQLResolveInfo, thing);
    expect(resolved, assumption(5, 'resolveType returns a promise (if not, synchronousTypeResolvers can go)')).toBeInstanceOf(Promise);
  });

  it('6. runs class-validator with skipMissingProperties and without forbidUnknownValues by default', async () => {
    const builtIn = await buildSchema({ resolvers: [...RESOLVERS], authChecker, validate: true, emitSchemaFile: false });
    const outcomes = async (s: GraphQLSchema) =>
      Promise.all(
        ['{ widget { paged } }', '{ widget { paged(name: "abcd") } }', '{ plainArgs }'].map(
          async (source) => (await graphql({ schema: s, source, contextValue: {} })).errors?.map((e) => e.message) ?? [],
        ),
      );
    const typeGraphQL = await outcomes(builtIn);
    expect(typeGraphQL[0], assumption(6, 'a missing optional field skips its constraints (skipMissingProperties: true)')).toEqual([]);
    expect(typeGraphQL[1]?.length, assumption(6, 'a constraint fails')).toBe(1);
    expect(typeGraphQL[2], assumption(6, 'an object of a class without constraints passes (forbidUnknownValues: false)')).toEqual([]);
    expect(await outcomes(schema), assumption(6, `validateArguments with ${JSON.stringify(TYPEGRAPHQL_VALIDATOR_OPTIONS)} decides as TypeGraphQL does`)).toEqual(typeGraphQL);
  });
});
