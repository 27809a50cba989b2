import { isObjectType, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
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
});
