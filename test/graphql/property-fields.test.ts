import { isObjectType, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DIRECT } from '../../src/graphql/fast-fields.js';
import { createSchema } from '../../src/graphql/schema.js';

/**
 * Fields that only read a property run without a resolver (schema.ts, plainPropertyFields); the
 * ones with a role, arguments or a resolver method keep TypeGraphQL's, which enforces the role.
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

  it('leave every field with a role its resolver', async () => {
    const { getMetadataStorage } = await import('type-graphql');
    const guarded = getMetadataStorage().authorizedFields;
    expect(guarded.length).toBeGreaterThan(0);
    let checked = 0;
    for (const type of Object.values(schema.getTypeMap()).filter(isObjectType)) {
      for (const f of Object.values(type.getFields())) {
        if (guarded.some((g) => g.fieldName === f.name && g.target.name === type.name)) {
          expect(f.resolve, `${type.name}.${f.name}`).toBeTypeOf('function');
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
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

  it('never call a resolver method with a role or a middleware directly', async () => {
    const { getMetadataStorage } = await import('type-graphql');
    const storage = getMetadataStorage();
    const guarded = [...storage.authorizedFields, ...storage.middlewares];
    let checked = 0;
    for (const r of storage.fieldResolvers) {
      if (!guarded.some((g) => g.target === r.target && g.fieldName === r.methodName)) continue;
      for (const type of Object.values(schema.getTypeMap()).filter(isObjectType)) {
        const f = type.getFields()[r.schemaName];
        if (!f || r.getObjectType?.() !== storage.objectTypes.find((o) => o.name === type.name)?.target) continue;
        expect(f.extensions[DIRECT], `${type.name}.${f.name}`).toBeUndefined();
        expect(f.resolve, `${type.name}.${f.name}`).toBeTypeOf('function');
        checked++;
      }
    }
    // Viewer-only fields such as User.follows and the blog's view counts for staff.
    expect(checked).toBeGreaterThanOrEqual(5);
  });
});
