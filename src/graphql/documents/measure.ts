import {
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  typeFromAST,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { MAX_PAGE_SIZE } from '../../loading/paging/page.js';
import { operationCost } from '../limits/cost.js';
import { measureOperation } from '../limits/document-limits.js';

/** The largest Int GraphQL carries: every `first`/`last` clamps it to its page's maximum. */
const LARGEST_INT = 2_147_483_647;
/** Values tried, in order, for a custom scalar's placeholder (its parseValue decides). */
const SCALAR_CANDIDATES: unknown[] = ['2000-01-01T00:00:00.000Z', '2000-01-01', '0', 0, false];

/**
 * A value of `type` that asks for the most: every Int the largest there is (so every page its
 * maximum), every list as long as a page may be (`nodes(ids:)`), every required input filled;
 * optional inputs left out. Undefined for an optional input that is not an Int.
 */
function largest(type: GraphQLInputType, required: boolean): unknown {
  if (isNonNullType(type)) return largest(type.ofType, true);
  if (isScalarType(type) && type.name === 'Int') return LARGEST_INT;
  if (!required) return undefined;
  if (isListType(type)) return Array.from({ length: MAX_PAGE_SIZE }, () => largest(getNullableType(type.ofType) as GraphQLInputType, true));
  if (isEnumType(type)) return type.getValues()[0]?.name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return Object.fromEntries(fields.map((f) => [f.name, largest(f.type, true)]));
  }
  if (isScalarType(type)) {
    return SCALAR_CANDIDATES.find((candidate) => {
      try {
        return type.parseValue(candidate) !== undefined;
      } catch {
        return false;
      }
    });
  }
  return undefined;
}

/** Variables for the operation at its largest: what its cost is bounded by, whatever a client sends. */
export function largestVariables(schema: GraphQLSchema, operation: OperationDefinitionNode): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type as Parameters<typeof typeFromAST>[1]) as GraphQLInputType | undefined;
    const value = type && largest(type, false);
    if (value !== undefined) variables[definition.variable.name.value] = value;
  }
  return variables;
}

export interface DocumentMeasure {
  /** The operation's name, or `anonymous`. */
  name: string;
  operation: OperationDefinitionNode['operation'];
  /** The cost model's figure (src/graphql/limits/cost.ts) with every variable at its largest; undefined when those do not coerce. */
  cost: number | undefined;
  /** Deepest selection, fragments expanded (QUERY_DEPTH_LIMIT's measure). */
  depth: number;
}

/** Name, largest cost and depth of a document's first operation (a trusted document holds one). */
export function measureDocument(schema: GraphQLSchema, document: DocumentNode): DocumentMeasure {
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('the document holds no operation');
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const operationName = operation.name?.value;
  const cost = operationCost(schema, { document, operationName, variables: largestVariables(schema, operation) });
  return { name: operationName ?? 'anonymous', operation: operation.operation, cost, depth: measureOperation(operation, fragments).depth };
}
