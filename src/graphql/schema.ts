import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ProductResolver } from '../modules/catalog/product.resolver.js';

/** Every resolver of the service; the schema is built from these alone. */
export const resolvers = [ProductResolver] as const;

export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...resolvers],
    validate: false,
    emitSchemaFile: false,
  });
}
