import { getNamedType, isAbstractType, isInterfaceType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECKS_OBJECTS, READ_RULES } from '../../src/graphql/read-rules.js';
import { createSchema } from '../../src/graphql/schema.js';
import { Role } from '../../src/modules/wiki/user.entity.js';

const RANK: Record<Role, number> = { [Role.BASIC]: 1, [Role.EDITOR]: 2, [Role.ADMIN]: 3 };

/** The least role a field declares with @Authorized (0: none), found by its schema name on its type's classes or resolvers. */
function declaredGuard(type: GraphQLObjectType, field: string): number {
  const storage = getMetadataStorage();
  const roots = { Query: storage.queries, Mutation: storage.mutations } as Record<string, typeof storage.queries | undefined>;
  const objectType = storage.objectTypes.find((o) => o.name === type.name);
  const declaring = new Set<Function>(objectType?.interfaceClasses ?? []);
  for (let cls: Function | null | undefined = objectType?.target; cls && cls !== Function.prototype; cls = Object.getPrototypeOf(cls) as Function | null) declaring.add(cls);
  const sites: { target: Function; name: string }[] = [
    ...(roots[type.name] ?? []).filter((q) => q.schemaName === field).map((q) => ({ target: q.target, name: q.methodName })),
    ...storage.fieldResolvers.filter((r) => r.schemaName === field && r.getObjectType && declaring.has(r.getObjectType() as Function)).map((r) => ({ target: r.target, name: r.methodName })),
    ...storage.fields.filter((f) => f.schemaName === field && declaring.has(f.target)).map((f) => ({ target: f.target, name: f.name })),
  ];
  const roles = [
    ...storage.authorizedFields.filter((a) => sites.some((s) => s.target === a.target && s.name === a.fieldName)),
    // @Authorized on a resolver class covers each of its queries, mutations and field resolvers.
    ...storage.authorizedResolver.filter((a) => sites.some((s) => s.target === a.target)),
  ].map((a) => a.roles as Role[]);
  return roles.reduce((max, r) => Math.max(max, r.length ? Math.min(...r.map((role) => RANK[role])) : RANK[Role.BASIC]), 0);
}

/** A type's read rule with its interfaces' (0: none). */
function ruleOf(schema: GraphQLSchema, name: string): number {
  const type = schema.getType(name);
  const names = [name, ...(isObjectType(type) || isInterfaceType(type) ? type.getInterfaces().map((i) => i.name) : [])];
  return Math.max(0, ...names.map((n) => (READ_RULES[n] ? RANK[READ_RULES[n]] : 0)));
}

/**
 * Fields that hand a caller below a type's rule an object of it, and why that object is the
 * caller's own: nothing else may, and a new one must be argued here.
 */
const OWN_OBJECTS: Record<string, string> = {
  'RecordPageViewPayload.view': 'the view the caller just recorded, in a session only its reader token continues',
};

/**
 * Every way to an object checks its type's rule (src/graphql/read-rules.ts): walking the schema
 * from Query and Mutation, each field that leads to a guarded concrete type is only reachable at
 * or above that type's rule (by its own @Authorized or the guard of the path to it), and each
 * field returning an interface that a guarded type implements checks the objects it returns.
 */
describe('read rules on every path of the schema', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await createSchema();
  });

  it('has a rule for the guarded types and the interface of the staff', () => {
    expect(ruleOf(schema, 'Engineer')).toBe(RANK[Role.BASIC]);
    expect(ruleOf(schema, 'Manager')).toBe(RANK[Role.BASIC]);
    expect(ruleOf(schema, 'Order')).toBe(RANK[Role.EDITOR]);
  });

  it('reaches no guarded type below its rule, and every interface field checks its objects', () => {
    const reached = new Map<string, number>();
    const below: string[] = [];
    const unchecked: string[] = [];
    const queue: [GraphQLObjectType, number][] = [schema.getQueryType()!, schema.getMutationType()!].map((t) => [t, 0]);
    while (queue.length) {
      const [type, level] = queue.shift()!;
      for (const field of Object.values(type.getFields())) {
        const path = Math.max(level, declaredGuard(type, field.name));
        const named = getNamedType(field.type);
        const targets = isAbstractType(named) ? schema.getPossibleTypes(named) : isObjectType(named) ? [named] : [];
        if (isAbstractType(named) && targets.some((t) => ruleOf(schema, t.name)) && !field.extensions[CHECKS_OBJECTS]) unchecked.push(`${type.name}.${field.name}`);
        for (const target of targets) {
          const rule = ruleOf(schema, target.name);
          if (!isAbstractType(named) && path < rule && !OWN_OBJECTS[`${type.name}.${field.name}`]) below.push(`${type.name}.${field.name} -> ${target.name}`);
          // Past a guarded type (or a checking field), the path is at least at its rule.
          const next = Math.max(path, rule);
          if ((reached.get(target.name) ?? Infinity) <= next) continue;
          reached.set(target.name, next);
          queue.push([target, next]);
        }
      }
    }
    expect(below).toEqual([]);
    expect(unchecked).toEqual([]);
    // The walk saw the staff through the interface fields.
    expect(reached.get('Engineer')).toBe(RANK[Role.BASIC]);
  });
});
