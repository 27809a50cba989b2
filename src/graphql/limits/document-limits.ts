import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';

/** The shape of an operation with every fragment expanded. */
export interface DocumentMeasure {
  depth: number;
  aliases: number;
  fields: number;
  directives: number;
}

export interface DocumentLimits {
  depth: number;
  aliases: number;
  fields: number;
  directives: number;
}

const ZERO: DocumentMeasure = { depth: 0, aliases: 0, fields: 0, directives: 0 };
// Counts saturate: a fragment chain can describe 2^n fields, and only "too many" matters.
const CAP = 1e12;
const add = (a: number, b: number) => Math.min(CAP, a + b);

/**
 * Measures the operations of a document in time linear in its size: each fragment is measured
 * once and its measure reused at every spread (graphql-depth-limit walks every spread again,
 * which is exponential in a chain of fragments that spread the next one twice). Cycles and unknown
 * fragments count as empty here: graphql-js's own rules report them as validation errors.
 */
export function measureOperation(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): DocumentMeasure {
  const memo = new Map<string, DocumentMeasure>();
  const active = new Set<string>();

  const fragment = (name: string): DocumentMeasure => {
    const known = memo.get(name);
    if (known) return known;
    const def = fragments.get(name);
    if (!def || active.has(name)) return ZERO;
    active.add(name);
    const own = selectionSet(def.selectionSet);
    const measured = { ...own, directives: add(own.directives, def.directives?.length ?? 0) };
    active.delete(name);
    memo.set(name, measured);
    return measured;
  };

  const selectionSet = (set: SelectionSetNode | undefined): DocumentMeasure => {
    if (!set) return ZERO;
    let depth = 0;
    let aliases = 0;
    let fields = 0;
    let directives = 0;
    for (const selection of set.selections) {
      directives = add(directives, selection.directives?.length ?? 0);
      let inner: DocumentMeasure;
      if (selection.kind === Kind.FIELD) {
        inner = selectionSet(selection.selectionSet);
        fields = add(fields, 1);
        if (selection.alias) aliases = add(aliases, 1);
        // Introspection is as deep as the schema's type wrapping, not as the data: it does not count.
        if (!selection.name.value.startsWith('__')) depth = Math.max(depth, selection.selectionSet ? 1 + inner.depth : 0);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = selectionSet(selection.selectionSet);
        depth = Math.max(depth, inner.depth);
      } else {
        inner = fragment(selection.name.value);
        depth = Math.max(depth, inner.depth);
      }
      aliases = add(aliases, inner.aliases);
      fields = add(fields, inner.fields);
      directives = add(directives, inner.directives);
    }
    return { depth, aliases, fields, directives };
  };

  const measured = selectionSet(operation.selectionSet);
  return { ...measured, directives: add(measured.directives, operation.directives?.length ?? 0) };
}

function describe(operation: OperationDefinitionNode): string {
  return operation.name ? `Operation "${operation.name.value}"` : 'The operation';
}

/**
 * A validation rule refusing operations deeper, wider or more aliased than the limits, as
 * ordinary validation errors (HTTP 400) that say which limit and by how much.
 */
export function documentLimitsRule(limits: DocumentLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    Document(document) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
      for (const def of document.definitions) {
        if (def.kind !== Kind.OPERATION_DEFINITION) continue;
        const m = measureOperation(def, fragments);
        const over: [keyof DocumentLimits, string][] = [
          ['depth', `is ${m.depth} levels deep; the depth limit is ${limits.depth}`],
          ['fields', `selects ${m.fields >= CAP ? 'over a trillion' : m.fields} fields once its fragments are expanded; the limit is ${limits.fields}`],
          ['aliases', `uses ${m.aliases >= CAP ? 'over a trillion' : m.aliases} aliases; the limit is ${limits.aliases}`],
          ['directives', `uses ${m.directives >= CAP ? 'over a trillion' : m.directives} directives; the limit is ${limits.directives}`],
        ];
        for (const [key, text] of over) {
          if (m[key] > limits[key]) {
            context.reportError(new GraphQLError(`${describe(def)} ${text}`, { nodes: [def], extensions: { limit: key, value: Math.min(m[key], Number.MAX_SAFE_INTEGER), max: limits[key] } }));
          }
        }
      }
      return false;
    },
  });
}
