import { isObjectType, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DIRECT } from '../../src/graphql/fast-fields.js';
import { READS } from '../../src/loading/eager/columns.js';
import { declaredRules } from '../../src/seams/type-graphql.js';
import { CLASS_RULE_RESOLVERS } from '../support/class-rules.js';
import { createSchema } from '../../src/graphql/schema.js';

/**
 * Fields that only read a property run without a resolver (fast-fields.ts, plainPropertyFields); the
 * ones with a rule (a role or a middleware, on the member or on its class), arguments or a
 * resolver method keep TypeGraphQL's, which enforces the rule.
 * What the roles do for each reader is tested through the API (api.test.ts, partial-data.test.ts).
 */
describe('plain property fields', async () => {
  const schema = await createSchema();
  const field = (type: string, name: string) => (schema.getType(type) as GraphQLObjectType).getFields()[name]!;

  it('have no resolver when they only read a property of the same name', () => {
    expect(field('Product', 'name').resolve).toBeUndefined();
    expect(field('Order', 'timestamp').resolve).toBeUndefined();
    expect(field('OrderItem', 'quantity').resolve).toBeUndefined();
  });

  it('keep a resolver for a role, a resolver method, arguments or a property of another name', () => {
    expect(field('Customer', 'address').resolve).toBeTypeOf('function');
    expect(field('User', 'role').resolve).toBeTypeOf('function');
    expect(field('Order', 'customer').resolve).toBeTypeOf('function');
    expect(field('Product', 'reviews').resolve).toBeTypeOf('function');
    // `id` is the entities' nodeId property.
    expect(field('Product', 'id').resolve).toBeTypeOf('function');
    // Not an entity: a connection's totalCount may be a promise, which only a resolver awaits in a compiled query.
    expect(field('ProductConnection', 'totalCount').resolve).toBeTypeOf('function');
  });

  it("leave every field with a rule (on the member or its class) TypeGraphQL's resolver", () => {
    let checked = 0;
    for (const type of Object.values(schema.getTypeMap()).filter(isObjectType)) {
      for (const f of Object.values(type.getFields())) {
        const rules = declaredRules(schema, type.name, f.name);
        if (!rules.roles.length && !rules.middleware) continue;
        expect(f.resolve, `${type.name}.${f.name}`).toBeTypeOf('function');
        expect(f.extensions[DIRECT], `${type.name}.${f.name}`).toBeUndefined();
        expect(f.extensions[READS], `${type.name}.${f.name}`).toBeUndefined();
        checked++;
      }
    }
    // Viewer-only fields such as User.follows, the staff's fields and the blog's view counts.
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  it('see rules declared on a class, not only on its members', async () => {
    const withClassRules = await createSchema({ extraResolvers: CLASS_RULE_RESOLVERS });
    const at = (type: string, name: string) => (withClassRules.getType(type) as GraphQLObjectType).getFields()[name]!;
    for (const [type, name, rules] of [
      ['Product', 'secretNote', { roles: [['editor']], middleware: false }],
      ['Product', 'auditedName', { roles: [], middleware: true }],
      ['TestAuditNote', 'text', { roles: [['admin']], middleware: false }],
    ] as const) {
      expect(declaredRules(withClassRules, type, name), `${type}.${name}`).toEqual(rules);
      expect(at(type, name).resolve, `${type}.${name}`).toBeTypeOf('function');
      expect(at(type, name).extensions[DIRECT], `${type}.${name}`).toBeUndefined();
      expect(at(type, name).extensions[READS], `${type}.${name}`).toBeUndefined();
    }
    // A method of the same shape without a rule is still called directly.
    expect(at('Product', 'manufacturer').extensions[DIRECT]).toBe('manufacturer');
  });

  it('call a resolver method directly when it takes only its parent, the context and the info', () => {
    expect(field('Order', 'customer').extensions[DIRECT]).toBe('customer');
    expect(field('Order', 'items').extensions[DIRECT]).toBe('items');
    expect(field('OrderItem', 'product').extensions[DIRECT]).toBe('product');
    // Through an interface's resolver (Employee), for each type that implements it.
    expect(field('Engineer', 'manager').extensions[DIRECT]).toBe('manager');
    // With one @Args object too: TypeGraphQL converts and validates it once per field node and
    // request (argument-conversions.test.ts).
    expect(field('Product', 'reviews').extensions[DIRECT]).toBe('reviews');
    expect(field('Manufacturer', 'products').extensions[DIRECT]).toBe('products');
    // A role (editors only) keeps TypeGraphQL's, which checks it.
    expect(field('Customer', 'orders').extensions[DIRECT]).toBeUndefined();
  });
});
