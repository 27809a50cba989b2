import type { GraphQLFieldExtensions, GraphQLSchema } from 'graphql';
import { MetadataStorage } from '@mikro-orm/core';
import { READS } from '../loading/eager/columns.js';
import { argumentsOnce, declaredTypes, directCall, directMethod, plainProperty } from '../seams/type-graphql.js';

/** Marks a field whose resolver method is called directly (directFieldResolvers), with the method's name. */
export const DIRECT = 'retrofunDirect';

function extend(field: { extensions: GraphQLFieldExtensions<unknown, unknown> }, extensions: Record<string, unknown>): void {
  field.extensions = { ...field.extensions, ...extensions };
}

/**
 * A field that only reads its object's property, with no role and no middleware (on the field or
 * its class), reads it without TypeGraphQL's resolver, which builds a resolver-data object and
 * runs an empty middleware chain for every value of every answer. On an entity (whose properties
 * are plain values) the field gets no resolver at all: graphql-js's default reads the property,
 * and a compiled query (compiled-queries.ts) inlines the read. Elsewhere (connections, whose
 * totalCount is a promise that graphql-jit would not await without a resolver) it gets a
 * one-line resolver. Fields with rules, arguments or a resolver method keep TypeGraphQL's.
 */
export function plainPropertyFields(schema: GraphQLSchema): GraphQLSchema {
  const entities = new Set(Object.values(MetadataStorage.getMetadata()).map((m) => m.class as Function));
  for (const declared of declaredTypes(schema)) {
    for (const field of Object.values(declared.type.getFields())) {
      if (!field.resolve || field.args.length) continue;
      const property = plainProperty(declared, field.name);
      if (property === undefined) continue;
      field.resolve = property === field.name && entities.has(declared.target) ? undefined : (source: Record<string, unknown>) => source[property];
      // What the field reads, for the eager statement's column list (loading/eager/columns.ts).
      extend(field, { [READS]: property });
    }
  }
  return schema;
}

/**
 * A resolver method (@FieldResolver) that takes only its parent, the context and the info, with no
 * role and no middleware (on the method, its class or the type's field), is called directly.
 * TypeGraphQL calls it through a generic handler that, on every call, builds a resolver-data
 * object, looks up the resolver instance, sorts the method's parameter list and maps it to an
 * array, a large share of what a page allocates. The direct call passes the same values
 * in the same order to the same method of one instance of the resolver class.
 *
 * A method that also takes one @Args object (a nested connection's page arguments) goes through
 * TypeGraphQL once per field node and request, which converts and validates the arguments; its
 * siblings (the same field under the other parents of a page) get that converted object once it
 * has passed (argumentsOnce).
 */
export function directFieldResolvers(schema: GraphQLSchema): GraphQLSchema {
  const instances = new Map<Function, object>();
  for (const declared of declaredTypes(schema)) {
    for (const field of Object.values(declared.type.getFields())) {
      if (!field.resolve) continue;
      const method = directMethod(declared, field.name, field.args.length > 0);
      if (!method) continue;
      const direct = directCall(method, instances);
      field.resolve = method.params.includes('args') ? argumentsOnce(field.resolve, direct) : direct;
      extend(field, { [DIRECT]: method.methodName });
    }
  }
  return schema;
}
