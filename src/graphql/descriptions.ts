import { getNamedType, isEnumType, isInputObjectType, isInterfaceType, isIntrospectionType, isObjectType, isSpecifiedScalarType, type GraphQLSchema, type GraphQLType } from 'graphql';
import { ENTITY_TEXT } from './descriptions/entities.js';
import { REPORT_TEXT } from './descriptions/reports.js';
import { WRITE_TEXT } from './descriptions/writes.js';

/**
 * Schema documentation that the decorators do not carry: what the generic parts mean wherever
 * they recur (filters, global ids, mutation inputs), and a description for every remaining type,
 * field, argument and enum value, by schema coordinate. Front-end teams read these in their
 * editors through codegen; a CI test requires one everywhere. A coordinate here that no longer
 * exists in the schema is an error, so these tables cannot drift. The text, by topic, is in
 * descriptions/ (entities, reports, writes).
 */
const TEXT: Readonly<Record<string, string>> = { ...ENTITY_TEXT, ...REPORT_TEXT, ...WRITE_TEXT };

const namedOf = (type: GraphQLType): string => getNamedType(type).name;
const words = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** Descriptions that follow from the shape: ids, filters, inputs, deletes. */
function byRule(coordinate: string, parent: string, name: string, typeName: string): string | undefined {
  if (name.endsWith('Ids')) return `Global ids of the ${words(name.slice(0, -3))} items (e.g. from their id field).`;
  if (name.endsWith('Id')) return `Global id of the ${words(name.slice(0, -2))}.`;
  if (coordinate.endsWith('(filter)')) return 'Only the items that match every condition given.';
  if (coordinate.endsWith('(orderBy)')) return 'Sort keys, most significant first.';
  if (coordinate.endsWith('(groupBy)')) return 'The dimensions to group by: 1 to 3 distinct ones.';
  if (coordinate.endsWith('(id)')) return `Global id of the ${words(typeName)}.`;
  if (parent === 'Mutation' && coordinate.endsWith('(input)')) return `What the mutation takes: see ${typeName}.`;
  if (/^Delete\w+Input$/.test(coordinate)) return `Which ${words(coordinate.slice(6, -5))} to delete.`;
  if (/Input\.name$/.test(coordinate)) return 'The unique name.';
  return undefined;
}

/** Adds the descriptions above to the built schema, in place, and returns it. */
export function describeSchema(schema: GraphQLSchema): GraphQLSchema {
  const used = new Set<string>();
  const text = (coordinate: string, parent: string, name: string, typeName: string, current: string | null | undefined): string | undefined => {
    if (coordinate in TEXT) {
      used.add(coordinate);
      return TEXT[coordinate];
    }
    return current ?? byRule(coordinate, parent, name, typeName);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    type.description = text(type.name, '', type.name, type.name, type.description) ?? null;
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        field.description = text(coordinate, type.name, field.name, namedOf(field.type), field.description) ?? null;
        for (const arg of 'args' in field ? field.args : []) {
          arg.description = text(`${coordinate}(${arg.name})`, type.name, arg.name, namedOf(arg.type), arg.description) ?? null;
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) value.description = text(`${type.name}.${value.name}`, type.name, value.name, type.name, value.description) ?? null;
    }
  }
  const stale = Object.keys(TEXT).filter((c) => !used.has(c));
  if (stale.length) throw new Error(`descriptions.ts describes what the schema does not have: ${stale.join(', ')}`);
  return schema;
}
