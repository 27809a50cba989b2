import { getNamedType, isAbstractType, isInterfaceType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECKS_OBJECTS, READ_RULES } from '../../src/graphql/read-rules.js';
import { createSchema } from '../../src/graphql/schema.js';
import { declaredRules } from '../../src/seams/type-graphql.js';
import { Role } from '../../src/modules/wiki/user.entity.js';

const RANK: Record<Role, number> = { [Role.BASIC]: 1, [Role.EDITOR]: 2, [Role.ADMIN]: 3 };

/** The least role a field declares with @Authorized, on the member or its class (0: none). */
function declaredGuard(schema: GraphQLSchema, type: GraphQLObjectType, field: string): number {
  const { roles } = declaredRules(schema, type.name, field);
  return roles.reduce((max, r) => Math.max(max, r.length ? Math.min(...r.map((role) => RANK[role as Role])) : RANK[Role.BASIC]), 0);
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
        const path = Math.max(level, declaredGuard(schema, type, field.name));
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
