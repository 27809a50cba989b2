import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchema } from '../../src/graphql/schema.js';
import { declaredRules } from '../../src/seams/type-graphql.js';
import { startTestApp, type GraphQLResponse, type TestApp } from '../support/app.js';
import { headersFor, type Who } from '../support/auth.js';
import { AUTHORIZATION, type Access } from './authorization-matrix.js';

const ROLES: readonly Who[] = ['anonymous', 'basic', 'editor', 'admin'];
const RANK: Record<Who, number> = { anonymous: 0, basic: 1, editor: 2, admin: 3 };
const NEEDS: Record<Access, number> = { public: 0, 'signed-in': 1, editor: 2, admin: 3 };
const REFUSALS = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);
/** Page size on the way to an object field: enough for the demo data to reach one. */
const PAGE = 10;

type Coordinate = `${string}.${string}`;

/** Every query and mutation field, and every other field with a role declared on it or its class. */
function guardedCoordinates(schema: GraphQLSchema): Coordinate[] {
  const found: Coordinate[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const root = type === schema.getQueryType() || type === schema.getMutationType();
    for (const field of Object.values(type.getFields())) {
      if (root || declaredRules(schema, type.name, field.name).roles.length) found.push(`${type.name}.${field.name}`);
    }
  }
  return found;
}

/**
 * A value of `type` that GraphQL accepts and the service then refuses or finds nothing for (an
 * empty name, the id of no object, an empty list): what a call is made with once it is authorized
 * does not matter here, only whether it is.
 */
function harmless(type: GraphQLInputType): string {
  const inner = getNullableType(type);
  if (isListType(inner)) return '[]';
  if (isEnumType(inner)) return inner.getValues()[0]!.name;
  if (isInputObjectType(inner))
    return `{ ${Object.values(inner.getFields())
      .filter((f) => isNonNullType(f.type))
      .map((f) => `${f.name}: ${harmless(f.type)}`)
      .join(', ')} }`;
  switch (inner.name) {
    case 'ID':
      return JSON.stringify(Buffer.from('Nothing:0').toString('base64url'));
    case 'Int':
    case 'Float':
      return '0';
    case 'Boolean':
      return 'false';
    case 'LocalDate':
      return '"2000-01-01"';
    default:
      return '""';
  }
}

/** A field's required arguments with harmless values, and a page size on the way to an object field. */
function argumentsOf(args: readonly GraphQLArgument[], page: boolean): string {
  const given = args.filter((a) => isNonNullType(a.type)).map((a) => `${a.name}: ${harmless(a.type)}`);
  if (page && args.some((a) => a.name === 'first') && !given.some((g) => g.startsWith('first:'))) given.push(`first: ${PAGE}`);
  return given.length ? `(${given.join(', ')})` : '';
}

/** The selection a field needs to be valid: `__typename` for an object, nothing for a leaf. */
function leaf(field: GraphQLField<unknown, unknown>): string {
  return isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
}

/**
 * Ways from Query to an object of type `target`, shortest first: field hops without required
 * arguments, through a type condition at interfaces, preferring hops without a role (a path that
 * needs a role shows in what the entry may name). A few per type, since some lead nowhere for
 * some viewers (me, for an anonymous caller).
 */
function* pathsTo(schema: GraphQLSchema, target: string): Generator<(inner: string) => string> {
  for (const allowRoles of [false, true]) {
    const visits = new Map<string, number>([['Query', 1]]);
    let frontier: { type: GraphQLNamedType; wrap: (inner: string) => string }[] = [{ type: schema.getQueryType()!, wrap: (inner) => `{ ${inner} }` }];
    while (frontier.length) {
      const next: typeof frontier = [];
      for (const { type, wrap } of frontier) {
        if (type.name === target) {
          yield wrap;
          continue;
        }
        const steps: { type: GraphQLNamedType; wrap: (inner: string) => string }[] = [];
        if (isAbstractType(type)) {
          for (const possible of schema.getPossibleTypes(type)) steps.push({ type: possible, wrap: (inner) => wrap(`... on ${possible.name} { ${inner} }`) });
        } else if (isObjectType(type)) {
          for (const field of Object.values(type.getFields())) {
            if (field.args.some((a) => isNonNullType(a.type))) continue;
            if (!allowRoles && declaredRules(schema, type.name, field.name).roles.length) continue;
            steps.push({ type: getNamedType(field.type), wrap: (inner) => wrap(`${field.name}${argumentsOf(field.args, true)} { ${inner} }`) });
          }
        }
        for (const step of steps) {
          const visited = visits.get(step.type.name) ?? 0;
          if (visited >= 3 || !isCompositeType(step.type)) continue;
          visits.set(step.type.name, visited + 1);
          next.push(step);
        }
      }
      frontier = next;
    }
  }
}

/** The operations that use one coordinate: the root field itself, or ways to an object field. */
function* operationsFor(schema: GraphQLSchema, coordinate: Coordinate): Generator<string> {
  const [typeName, fieldName] = coordinate.split('.') as [string, string];
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${coordinate}: no such object type`);
  const field = type.getFields()[fieldName]!;
  const use = `${fieldName}${argumentsOf(field.args, false)}${leaf(field)}`;
  if (type === schema.getMutationType()) yield `mutation { ${use} }`;
  else if (type === schema.getQueryType()) yield `{ ${use} }`;
  else for (const wrap of pathsTo(schema, typeName)) yield wrap(use);
}

/** How many times the answer holds a value (or null) under `key`: whether the field was reached at all. */
function occurrences(value: unknown, key: string): number {
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + occurrences(v, key), 0);
  if (value === null || typeof value !== 'object') return 0;
  return Object.entries(value).reduce((n, [k, v]) => n + (k === key ? 1 : 0) + occurrences(v, key), 0);
}

/** The refusal in an answer (UNAUTHENTICATED or FORBIDDEN), if any. */
function refusal(res: GraphQLResponse): string | undefined {
  return res.errors?.map((e) => e.extensions?.code as string | undefined).find((code) => code !== undefined && REFUSALS.has(code));
}

/**
 * The authorization matrix (authorization-matrix.ts): every query field, every mutation and every
 * object field with a role, as an anonymous caller and as a basic, an editor and an admin user.
 * Below the entry's access the answer is refused (UNAUTHENTICATED anonymously, FORBIDDEN for a
 * lower role); at or above it nothing refuses it, whatever else the harmless arguments cause.
 */
describe('authorization matrix', () => {
  let schema: GraphQLSchema;
  let t: TestApp;
  const cache = new Map<Who, Record<string, string>>();
  beforeAll(async () => {
    schema = await createSchema();
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('names every query field, mutation and role-guarded object field of the schema, and nothing else', () => {
    const inSchema: string[] = guardedCoordinates(schema).sort();
    const inTable = Object.keys(AUTHORIZATION).sort();
    expect(
      inSchema.filter((c) => !inTable.includes(c)),
      'fields missing from authorization-matrix.ts',
    ).toEqual([]);
    expect(
      inTable.filter((c) => !inSchema.includes(c)),
      'entries of authorization-matrix.ts that are no (guarded) field of the schema',
    ).toEqual([]);
  });

  /**
   * A role's answer to the first operation that puts the field in front of it: refused on the way
   * or at the field, or answered with the field (an object field needs an object to be on: `me` is
   * none for an anonymous caller, and a user's feed is only its owner's).
   */
  async function answer(coordinate: Coordinate, who: Who): Promise<{ operation: string; refused: string | undefined }> {
    const fieldName = coordinate.split('.')[1]!;
    const root = coordinate.startsWith('Query.') || coordinate.startsWith('Mutation.');
    for (const operation of operationsFor(schema, coordinate)) {
      const res = await t.gql(operation, {}, await headersFor(t, who, cache));
      const refused = refusal(res);
      if (root || refused || occurrences(res.data, fieldName) > 0) return { operation, refused };
    }
    throw new Error(`${coordinate}: no way from Query puts one in front of ${who} (demo data missing, or only through required arguments)`);
  }

  it('answers each role as the table says', async () => {
    const mismatches: string[] = [];
    const inSchema = new Set<string>(guardedCoordinates(schema));
    for (const [coordinate, access] of Object.entries(AUTHORIZATION) as [Coordinate, Access][]) {
      if (!inSchema.has(coordinate)) continue;
      for (const who of ROLES) {
        const { operation, refused } = await answer(coordinate, who);
        const expected = RANK[who] >= NEEDS[access] ? undefined : who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
        if (refused !== expected) mismatches.push(`${coordinate} as ${who}: expected ${expected ?? 'allowed'}, got ${refused ?? 'allowed'} (${operation})`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
