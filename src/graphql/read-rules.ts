import { defaultFieldResolver, getNamedType, isAbstractType, isInterfaceType, isObjectType, type GraphQLFieldExtensions, type GraphQLSchema } from 'graphql';
import type { Context } from '../context.js';
import { Role } from '../modules/wiki/user.entity.js';
import { hasRole } from './auth.js';
import { signInRequired, unauthenticated, AppError, ErrorCode } from '../errors.js';
import { typeNameOf } from './node.js';

/**
 * Who may read the objects of a type, wherever they are reached: the least role (BASIC: any
 * signed-in user). A rule on an interface covers every type implementing it (Employee's covers
 * Engineer and Manager). Each way to such objects consults it: root queries and relation fields
 * declare the same role with @Authorized (test/graphql/read-rules.test.ts walks every path of the
 * schema and fails on one below the rule), node(id:) and nodes(ids:) check the type the id names
 * before loading, and every field returning an interface checks each object's own type
 * (guardAbstractFields), so no name an id carries reaches around the rule.
 */
export const READ_RULES: Readonly<Record<string, Role>> = {
  Order: Role.EDITOR,
  OrderItem: Role.EDITOR,
  BlogView: Role.EDITOR,
  BlogSession: Role.EDITOR,
  BlogUser: Role.EDITOR,
  Employee: Role.BASIC,
};

/**
 * Types anyone may see where an object links to them (a page's creator's name) but only signed-in
 * users may look up: by id, or through an interface (node, nodes), which is how ids are enumerated.
 */
export const LOOKUP_RULES: Readonly<Record<string, Role>> = {
  User: Role.BASIC,
};

/** The strictest rule on looking up a type's objects: its own and its interfaces' read and lookup rules; undefined for none. */
export function lookupRule(schema: GraphQLSchema, typeName: string): Role | undefined {
  const type = schema.getType(typeName);
  const names = [typeName, ...(isObjectType(type) || isInterfaceType(type) ? type.getInterfaces().map((i) => i.name) : [])];
  let rule: Role | undefined;
  for (const name of names) {
    for (const r of [READ_RULES[name], LOOKUP_RULES[name]]) if (r && (!rule || !hasRole(rule, r))) rule = r;
  }
  return rule;
}

/** Refuses a lookup of a type's objects by a viewer below its rule (UNAUTHENTICATED for no viewer, FORBIDDEN for a lower role). */
export async function assertMayLookUp(ctx: Context, schema: GraphQLSchema, typeName: string): Promise<void> {
  const rule = lookupRule(schema, typeName);
  if (!rule) return;
  const viewer = await ctx.account();
  if (!viewer) {
    if (ctx.auth) throw unauthenticated('The account behind this token no longer exists');
    throw signInRequired(`Reading a ${typeName} needs a signed-in user: send Authorization: Bearer <token> from the login mutation`);
  }
  if (!hasRole(viewer.role, rule)) throw new AppError(ErrorCode.FORBIDDEN, `Reading a ${typeName} needs the ${rule} role`, { requiredRole: rule });
}

/** The objects inside a field's value (lists flattened). */
function* objectsIn(value: unknown): Generator<object> {
  if (Array.isArray(value)) for (const v of value) yield* objectsIn(v);
  else if (value !== null && typeof value === 'object') yield value;
}

/** Marks a field that checks the rules of each object it returns (guardAbstractFields). */
export const CHECKS_OBJECTS = 'retrofunChecksObjects';

/**
 * Every field whose type is an interface (or union) that a guarded type implements checks, once its
 * value is resolved, the rules of each object's concrete type and that type's interfaces: the
 * interface names no narrower rule than its implementations, whatever path or id led there.
 */
export function guardAbstractFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (!isAbstractType(named) || !schema.getPossibleTypes(named).some((t) => lookupRule(schema, t.name))) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      (field as { extensions: GraphQLFieldExtensions<unknown, unknown> }).extensions = { ...field.extensions, [CHECKS_OBJECTS]: true };
      field.resolve = async (source, args, ctx: Context, info) => {
        const value: unknown = await resolve(source, args, ctx, info);
        const types = new Set<string>();
        for (const object of objectsIn(value)) types.add(typeNameOf(object));
        for (const name of types) await assertMayLookUp(ctx, schema, name);
        return value;
      };
    }
  }
  return schema;
}
