import { getNamedType, isObjectType, isInterfaceType, Kind, parse, TypeInfo, validate, visit, visitWithTypeInfo, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSchema } from '../../src/graphql/schema.js';
import { loadOperations, loadVariables } from '../support/operations.js';

/** Selection sets of object types with an `id` field that do not select it: normalised client caches need it. */
function missingIds(schema: GraphQLSchema, document: string): string[] {
  const typeInfo = new TypeInfo(schema);
  const missing: string[] = [];
  visit(
    parse(document),
    visitWithTypeInfo(typeInfo, {
      SelectionSet(node) {
        const type = getNamedType(typeInfo.getType());
        if (!type || !(isObjectType(type) || isInterfaceType(type)) || !type.getFields().id) return;
        const selects = node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === 'id' && !s.alias);
        if (!selects) missing.push(`${type.name} at line ${node.loc?.startToken.line}`);
      },
    }),
  );
  return missing;
}

/** What front-end tools (codegen, Relay, normalised caches) expect of the example operations. */
describe('example operations, as clients use them', () => {
  let schema: GraphQLSchema;
  const operations = [...loadOperations(), ...loadOperations('mutations')];
  beforeAll(async () => {
    schema = await createSchema();
  });

  it.each(operations.map((o) => [o.name, o] as const))('%s is valid, selects id wherever there is one, and declares required variables without defaults', (_name, op) => {
    const document = parse(op.document);
    expect(validate(schema, document)).toEqual([]);
    expect(missingIds(schema, op.document)).toEqual([]);
    for (const def of document.definitions) {
      if (def.kind !== Kind.OPERATION_DEFINITION) continue;
      for (const v of def.variableDefinitions ?? []) {
        expect(v.defaultValue, `$${v.variable.name.value}`).toBeUndefined();
        expect(v.type.kind, `$${v.variable.name.value} should be required`).toBe(Kind.NON_NULL_TYPE);
        expect(Object.keys(op.variables)).toContain(v.variable.name.value);
      }
    }
  });

  it('has test variables only for operations that exist', () => {
    expect(Object.keys(loadVariables()).every((name) => operations.some((o) => o.name === name))).toBe(true);
  });
});
